package io.kiteticker.engine.manager;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CredentialsTest
{
    private static final String SECRET_KEY = "api-key-SECRET";
    private static final String SECRET_TOKEN = "access-token-SECRET";

    private final Credentials credentials = new Credentials(
        new String[]{ "primary", "secondary" },
        new String[]{ SECRET_KEY + "-1", SECRET_KEY + "-2" },
        new String[]{ SECRET_TOKEN + "-1", SECRET_TOKEN + "-2" });

    @Test
    void shouldNeverShowASecretWhenPrinted()
    {
        assertThat(credentials.toString())
            .contains("primary").contains("secondary")
            .doesNotContain("SECRET");
    }

    @Test
    void shouldFindKeysByIdInIndexOrder()
    {
        assertThat(credentials.count()).isEqualTo(2);
        assertThat(credentials.ids()).containsExactly("primary", "secondary");
        assertThat(credentials.indexOf("secondary")).isEqualTo(1);
        assertThat(credentials.id(1)).isEqualTo("secondary");
        assertThat(credentials.apiKey(1)).isEqualTo(SECRET_KEY + "-2");
        assertThat(credentials.accessToken(0)).isEqualTo(SECRET_TOKEN + "-1");
    }

    @Test
    void shouldAnswerMinusOneWhenIdUnknownOrNull()
    {
        assertThat(credentials.indexOf("tertiary")).isEqualTo(-1);
        assertThat(credentials.indexOf(null)).isEqualTo(-1);
    }

    @Test
    void shouldCopyTheArraysWhenCreated()
    {
        final String[] ids = { "only" };
        final Credentials copy = new Credentials(ids, new String[]{ "k" }, new String[]{ "t" });
        ids[0] = "changed";

        assertThat(copy.id(0)).isEqualTo("only");
        assertThat(copy.indexOf("only")).isZero();
    }

    @Test
    void shouldRejectRepeatedIdsAndUnevenArrays()
    {
        assertThatThrownBy(() -> new Credentials(
            new String[]{ "a", "a" }, new String[]{ "k1", "k2" }, new String[]{ "t1", "t2" }))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'a'").hasMessageNotContaining("k1");
        assertThatThrownBy(() -> new Credentials(new String[]{ "a" }, new String[0], new String[]{ "t" }))
            .isInstanceOf(IllegalArgumentException.class);
    }
}
