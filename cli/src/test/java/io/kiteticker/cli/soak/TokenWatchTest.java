package io.kiteticker.cli.soak;

import io.kiteticker.codec.Mode;
import io.kiteticker.codec.packet.PacketKind;
import io.kiteticker.codec.packet.TickDecoder;
import io.kiteticker.codec.packet.TickEncoder;
import io.kiteticker.engine.ring.TickEvent;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteOrder;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class TokenWatchTest
{
    private static final int INFY = 408065;
    private static final int NIFTY_50 = 256265;
    private static final long SECOND_NS = TimeUnit.SECONDS.toNanos(1);

    private final TokenWatch watch = new TokenWatch(new int[] {INFY, NIFTY_50}, new Mode[] {Mode.QUOTE, Mode.LTP}, 3);
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[PacketKind.MAX_LENGTH]);
    private final TickEvent event = new TickEvent();
    private long sequence;

    @Test
    void shouldCountEachBrokenRuleOnceWhenSlotsBreakThem() throws Exception
    {
        tick(INFY, PacketKind.QUOTE, 100, 0, 0, 1);
        tick(NIFTY_50, PacketKind.LTP, 0, 0, 0, 2);
        tick(INFY, PacketKind.QUOTE, 90, 0, 1, 3); // another connection, volume backwards
        tick(12345, PacketKind.LTP, 0, 0, 0, 4); // not subscribed
        tick(NIFTY_50, PacketKind.QUOTE, 0, 0, 0, 5); // quote for an LTP token
        sequence += 5; // five slots skipped
        tick(NIFTY_50, PacketKind.LTP, 0, 0, 0, 6);

        assertThat(watch.ticks()).isEqualTo(6);
        assertThat(watch.tokensOnTwoConnections()).isEqualTo(1);
        assertThat(watch.volumeBackwards()).isEqualTo(1);
        assertThat(watch.foreignTokens()).isEqualTo(1);
        assertThat(watch.modeMismatches()).isEqualTo(1);
        assertThat(watch.sequenceErrors()).isEqualTo(1);
        assertThat(watch.tornSlots()).isZero();
        assertThat(watch.lastTickNs(1)).isEqualTo(6);
        assertThat(watch.ownerSlot(0)).isEqualTo(0);
    }

    @Test
    void shouldFindATornSlotWhenRawBytesDisagreeWithTheFields() throws Exception
    {
        tick(INFY, PacketKind.QUOTE, 100, 0, 0, 1);
        buffer.putInt(0, NIFTY_50, ByteOrder.BIG_ENDIAN);
        watch.onTick(event, sequence++, true);
        assertThat(watch.tornSlots()).as("the slot keeps its own raw copy").isZero();

        ((MutableDirectBuffer)event.rawBuffer()).putInt(0, NIFTY_50, ByteOrder.BIG_ENDIAN); // written under a reader
        watch.onTick(event, sequence++, true);
        assertThat(watch.tornSlots()).isEqualTo(1);
    }

    @Test
    void shouldCountASilenceOnceAsALossAndNotDuringAnExcuse() throws Exception
    {
        final SoakChecker checker = new SoakChecker(watch, 4 * SECOND_NS, 0);
        tick(INFY, PacketKind.QUOTE, 1, 0, 0, SECOND_NS);
        tick(NIFTY_50, PacketKind.LTP, 0, 0, 1, SECOND_NS);

        assertThat(checker.scan(4 * SECOND_NS)).isZero();
        checker.excuseUntil(3 * SECOND_NS);
        assertThat(checker.scan(6 * SECOND_NS)).as("4 s since the excuse, not 5 s since the tick").isZero();
        tick(INFY, PacketKind.QUOTE, 2, 0, 0, 6 * SECOND_NS);
        assertThat(checker.scan(8 * SECOND_NS)).as("NIFTY silent for 5 s since the excuse").isEqualTo(1);
        assertThat(checker.scan(9 * SECOND_NS)).as("the same silence").isZero();

        assertThat(checker.lostTokenCount()).isEqualTo(1);
        assertThat(checker.losses().get(0).slot()).isEqualTo(1);
        assertThat(checker.longestSilenceNs()).isEqualTo(8 * SECOND_NS);
    }

    private void tick(
        final int token, final int kind, final long volume, final int key, final int connection, final long atNs)
        throws Exception
    {
        final TickEncoder encoder = new TickEncoder().wrap(buffer, 0, kind).instrumentToken(token).lastPrice(100);
        if (PacketKind.QUOTE == kind)
        {
            encoder.volumeTraded(volume);
        }
        event.decodeFrom(new TickDecoder().wrap(buffer, 0, encoder.encodedLength()), key, connection, atNs);
        watch.onTick(event, sequence++, true);
    }
}
