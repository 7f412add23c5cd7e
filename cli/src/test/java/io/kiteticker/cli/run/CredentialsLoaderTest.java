package io.kiteticker.cli.run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CredentialsLoaderTest
{
    @TempDir
    Path directory;

    @Test
    void shouldReadOneKeyFromTheUnsuffixedVariables()
    {
        final List<Credential> credentials = CredentialsLoader.fromEnvironment(
            Map.of("KITE_API_KEY", "k", "KITE_ACCESS_TOKEN", " t-SECRET "));

        assertThat(credentials).hasSize(1);
        assertThat(credentials.get(0).id()).isEqualTo("key-1");
        assertThat(credentials.get(0).apiKey()).isEqualTo("k");
        assertThat(credentials.get(0).accessToken()).isEqualTo("t-SECRET");
        assertThat(credentials.get(0).source()).isEqualTo("KITE_API_KEY/KITE_ACCESS_TOKEN in the environment");
        assertThat(credentials.get(0).toString()).doesNotContain("t-SECRET");
    }

    @Test
    void shouldPreferNumberedPairsInNumberOrder()
    {
        final List<Credential> credentials = CredentialsLoader.fromEnvironment(Map.of(
            "KITE_API_KEY", "single", "KITE_ACCESS_TOKEN", "single-token",
            "KITE_API_KEY_2", "k2", "KITE_ACCESS_TOKEN_2", "t2",
            "KITE_API_KEY_1", "k1", "KITE_ACCESS_TOKEN_1", "t1"));

        assertThat(credentials).extracting(Credential::id).containsExactly("key-1", "key-2");
        assertThat(credentials).extracting(Credential::apiKey).containsExactly("k1", "k2");
    }

    @Test
    void shouldNameTheMissingHalfWithoutTheValue()
    {
        assertThatThrownBy(() -> CredentialsLoader.fromEnvironment(Map.of("KITE_API_KEY_3", "k3-VALUE")))
            .isInstanceOf(RunInputException.class)
            .hasMessage("KITE_API_KEY_3 is set but KITE_ACCESS_TOKEN_3 is not (in the environment)");
    }

    @Test
    void shouldReadAPropertiesFileWithTheSameNames() throws IOException
    {
        final Path file = Files.writeString(directory.resolve("kite.properties"),
            "# keys\nKITE_API_KEY_1 = abc\nKITE_ACCESS_TOKEN_1 = def\n");

        final List<Credential> credentials = CredentialsLoader.fromFile(file);

        assertThat(credentials).hasSize(1);
        assertThat(credentials.get(0).apiKey()).isEqualTo("abc");
        assertThat(credentials.get(0).source()).isEqualTo("KITE_API_KEY_1/KITE_ACCESS_TOKEN_1 in " + file);
    }

    @Test
    void shouldRejectAMissingFile()
    {
        assertThatThrownBy(() -> CredentialsLoader.fromFile(directory.resolve("none.properties")))
            .isInstanceOf(RunInputException.class)
            .hasMessageContaining("config file not found");
    }
}
