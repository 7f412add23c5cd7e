package io.kiteticker.codec;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class ModeTest
{
    @Test
    void shouldExposeWireNamesAndCodes()
    {
        assertThat(Mode.LTP.wireName()).isEqualTo("ltp");
        assertThat(Mode.QUOTE.wireName()).isEqualTo("quote");
        assertThat(Mode.FULL.wireName()).isEqualTo("full");
        assertThat(Mode.LTP.code()).isEqualTo(1);
        assertThat(Mode.QUOTE.code()).isEqualTo(2);
        assertThat(Mode.FULL.code()).isEqualTo(3);
    }

    @Test
    void shouldLookUpByCodeAndReturnNullWhenUnknown()
    {
        for (final Mode mode : Mode.values())
        {
            assertThat(Mode.fromCode(mode.code())).isSameAs(mode);
        }
        assertThat(Mode.fromCode(0)).isNull();
        assertThat(Mode.fromCode(4)).isNull();
        assertThat(Mode.fromCode(-1)).isNull();
    }

    @Test
    void shouldWriteAsciiWireNameWithoutAllocating()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[16]);
        for (final Mode mode : Mode.values())
        {
            final int length = mode.putWireName(buffer, 3);
            assertThat(length).isEqualTo(mode.wireNameLength()).isEqualTo(mode.wireName().length());
            assertThat(buffer.getStringWithoutLengthAscii(3, length)).isEqualTo(mode.wireName());
            assertThat(mode.wireNameBuffer().getStringWithoutLengthAscii(0, mode.wireNameLength()))
                .isEqualTo(mode.wireName());
        }
    }

    @Test
    void shouldLookUpByWireNameInBuffer()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer("xfullquoteltpful".getBytes(StandardCharsets.US_ASCII));
        assertThat(Mode.fromWireName(buffer, 1, 4)).isSameAs(Mode.FULL);
        assertThat(Mode.fromWireName(buffer, 5, 5)).isSameAs(Mode.QUOTE);
        assertThat(Mode.fromWireName(buffer, 10, 3)).isSameAs(Mode.LTP);
        assertThat(Mode.fromWireName(buffer, 13, 3)).isNull();
        assertThat(Mode.fromWireName(buffer, 0, 0)).isNull();
    }
}
