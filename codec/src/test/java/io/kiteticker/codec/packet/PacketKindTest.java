package io.kiteticker.codec.packet;

import io.kiteticker.codec.Mode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PacketKindTest
{
    @Test
    void shouldDispatchByLengthOnly()
    {
        assertThat(PacketKind.kindForLength(8)).isEqualTo(PacketKind.LTP);
        assertThat(PacketKind.kindForLength(28)).isEqualTo(PacketKind.INDEX_QUOTE);
        assertThat(PacketKind.kindForLength(32)).isEqualTo(PacketKind.INDEX_FULL);
        assertThat(PacketKind.kindForLength(44)).isEqualTo(PacketKind.QUOTE);
        assertThat(PacketKind.kindForLength(184)).isEqualTo(PacketKind.FULL);

        int known = 0;
        for (int length = -1; length <= 0x10000; length++)
        {
            if (PacketKind.UNKNOWN != PacketKind.kindForLength(length))
            {
                known++;
            }
        }
        assertThat(known).isEqualTo(5);
    }

    @Test
    void shouldRoundTripLengthAndKind()
    {
        for (int kind = PacketKind.LTP; kind <= PacketKind.FULL; kind++)
        {
            assertThat(PacketKind.kindForLength(PacketKind.length(kind))).isEqualTo(kind);
            assertThat(PacketKind.length(kind)).isLessThanOrEqualTo(PacketKind.MAX_LENGTH);
        }
        assertThat(PacketKind.length(PacketKind.UNKNOWN)).isZero();
        assertThat(PacketKind.length(6)).isZero();
        assertThat(PacketKind.length(-1)).isZero();
        assertThat(PacketKind.MAX_LENGTH).isEqualTo(184);
    }

    @Test
    void shouldReportModeOfEachKind()
    {
        assertThat(PacketKind.mode(PacketKind.LTP)).isEqualTo(Mode.LTP);
        assertThat(PacketKind.mode(PacketKind.INDEX_QUOTE)).isEqualTo(Mode.QUOTE);
        assertThat(PacketKind.mode(PacketKind.INDEX_FULL)).isEqualTo(Mode.FULL);
        assertThat(PacketKind.mode(PacketKind.QUOTE)).isEqualTo(Mode.QUOTE);
        assertThat(PacketKind.mode(PacketKind.FULL)).isEqualTo(Mode.FULL);
        assertThat(PacketKind.mode(PacketKind.UNKNOWN)).isNull();
        assertThat(PacketKind.mode(99)).isNull();
    }

    @Test
    void shouldNameEveryKind()
    {
        assertThat(PacketKind.name(PacketKind.UNKNOWN)).isEqualTo("UNKNOWN");
        assertThat(PacketKind.name(PacketKind.LTP)).isEqualTo("LTP");
        assertThat(PacketKind.name(PacketKind.INDEX_QUOTE)).isEqualTo("INDEX_QUOTE");
        assertThat(PacketKind.name(PacketKind.INDEX_FULL)).isEqualTo("INDEX_FULL");
        assertThat(PacketKind.name(PacketKind.QUOTE)).isEqualTo("QUOTE");
        assertThat(PacketKind.name(PacketKind.FULL)).isEqualTo("FULL");
        assertThat(PacketKind.name(-7)).isEqualTo("UNKNOWN");
        assertThat(PacketKind.isIndexLayout(PacketKind.INDEX_QUOTE)).isTrue();
        assertThat(PacketKind.isIndexLayout(PacketKind.QUOTE)).isFalse();
    }
}
