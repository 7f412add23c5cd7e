package io.kiteticker.codec.text;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class JsonBytesTest
{
    @ParameterizedTest
    @ValueSource(strings = { "0", "-0", "7", "-12", "1.5", "0.25e-3", "1E+9", "123456789012345678901" })
    void shouldFindEndOfNumberWhenValid(final String number)
    {
        final byte[] bytes = (number + ",").getBytes(StandardCharsets.US_ASCII);

        assertThat(JsonBytes.numberEnd(bytes, 0, bytes.length)).isEqualTo(number.length());
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "-", "+1", ".5", "1.", "1e", "1e+", "x" })
    void shouldReturnMinusOneWhenNotNumber(final String text)
    {
        final byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);

        assertThat(JsonBytes.numberEnd(bytes, 0, bytes.length)).isEqualTo(-1);
    }

    @Test
    void shouldStopAtLeadingZeroWhenDigitsFollow()
    {
        final byte[] bytes = "012".getBytes(StandardCharsets.US_ASCII);

        assertThat(JsonBytes.numberEnd(bytes, 0, bytes.length)).isEqualTo(1);
    }

    @Test
    void shouldTellPlainIntegerFromFractionOrExponent()
    {
        final byte[] bytes = "-12 1.5 2e3".getBytes(StandardCharsets.US_ASCII);

        assertThat(JsonBytes.isPlainInteger(bytes, 0, 3)).isTrue();
        assertThat(JsonBytes.isPlainInteger(bytes, 4, 7)).isFalse();
        assertThat(JsonBytes.isPlainInteger(bytes, 8, 11)).isFalse();
    }

    @Test
    void shouldDecodeUtf8AndReplaceMalformedSequences()
    {
        final String text = "a\u00e9\u20b9\uD83D\uDE00";
        final byte[] valid = text.getBytes(StandardCharsets.UTF_8);
        final byte[] malformed = { 'x', (byte)0xC3, 'y', (byte)0xFF };

        assertThat(append(valid)).isEqualTo(text);
        assertThat(append(malformed)).isEqualTo("x\uFFFDy\uFFFD");
    }

    private static String append(final byte[] bytes)
    {
        final StringBuilder builder = new StringBuilder();
        JsonBytes.appendUtf8(bytes, 0, bytes.length, builder);
        return builder.toString();
    }
}
