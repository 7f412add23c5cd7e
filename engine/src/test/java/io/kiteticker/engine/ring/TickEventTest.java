package io.kiteticker.engine.ring;

import io.kiteticker.codec.packet.PacketKind;
import io.kiteticker.codec.packet.TickDecoder;
import io.kiteticker.testing.GoldenVectors;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TickEventTest
{
    private final TickDecoder decoder = new TickDecoder();
    private final TickEvent event = TickEvent.EVENT_FACTORY.newInstance();

    @Test
    void shouldDecodeQuoteFixtureWithTags()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(GoldenVectors.quotePacket());
        event.decodeFrom(decoder.wrap(buffer, 0, buffer.capacity()), 2, 1, 12345L);

        assertThat(event.apiKeyIndex()).isEqualTo(2);
        assertThat(event.connectionIndex()).isEqualTo(1);
        assertThat(event.receiveNanos()).isEqualTo(12345L);
        assertThat(event.kind()).isEqualTo(PacketKind.QUOTE);
        assertThat(event.instrumentToken()).isEqualTo(408065);
        assertThat(event.lastPriceAsDouble()).isEqualTo(1573.15);
        assertThat(event.volumeTraded()).isEqualTo(1175986L);
        assertThat(event.closeAsDouble()).isEqualTo(1567.8);
        assertThat(event.change()).isEqualTo(157315L - 156780L);
        assertThat(event.changePercent()).isEqualTo(decoder.changePercent());
        assertThat(event.bidPrice(0)).isZero();
        assertThat(event.rawLength()).isEqualTo(PacketKind.QUOTE_LENGTH);
        for (int i = 0; i < PacketKind.QUOTE_LENGTH; i++)
        {
            assertThat(event.rawBuffer().getByte(i)).isEqualTo(buffer.getByte(i));
        }
    }

    @Test
    void shouldDecodeFullFixtureDepth()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(GoldenVectors.fullPacket());
        event.decodeFrom(decoder.wrap(buffer, 0, buffer.capacity()), 0, 0, 1L);

        assertThat(event.kind()).isEqualTo(PacketKind.FULL);
        assertThat(event.bidPriceAsDouble(0)).isEqualTo(1573.4);
        assertThat(event.bidQuantity(1)).isEqualTo(140L);
        assertThat(event.bidOrders(3)).isEqualTo(7);
        assertThat(event.askPriceAsDouble(4)).isEqualTo(1573.95);
        assertThat(event.askQuantity(4)).isEqualTo(724L);
        assertThat(event.exchangeTimestamp()).isEqualTo(1625461887L);
        assertThat(event.changeAsDouble()).isEqualTo(decoder.changeAsDouble());
        assertThat(event.toString()).contains("FULL").contains("1573.4");
    }

    @Test
    void shouldOverwriteDepthWhenSlotIsReusedForQuote()
    {
        final UnsafeBuffer full = new UnsafeBuffer(GoldenVectors.fullPacket());
        final UnsafeBuffer quote = new UnsafeBuffer(GoldenVectors.quotePacket());
        event.decodeFrom(decoder.wrap(full, 0, full.capacity()), 0, 0, 1L);
        event.decodeFrom(decoder.wrap(quote, 0, quote.capacity()), 0, 0, 2L);

        assertThat(event.kind()).isEqualTo(PacketKind.QUOTE);
        assertThat(event.bidQuantity(0)).isZero();
        assertThat(event.exchangeTimestamp()).isZero();
        assertThat(event.rawLength()).isEqualTo(PacketKind.QUOTE_LENGTH);
    }

    @Test
    void shouldTruncateRawBytesOfLongUnknownPacketButKeepTrueLength()
    {
        final int length = 300;
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[length]);
        buffer.putInt(0, 408065, TickDecoder.BYTE_ORDER);
        for (int i = 4; i < length; i++)
        {
            buffer.putByte(i, (byte)i);
        }

        event.decodeFrom(decoder.wrap(buffer, 0, length), 0, 0, 1L);

        assertThat(event.kind()).isEqualTo(PacketKind.UNKNOWN);
        assertThat(event.rawLength()).isEqualTo(length);
        assertThat(event.rawCapturedLength()).isEqualTo(TickEvent.RAW_CAPACITY);
        assertThat(event.instrumentToken()).isEqualTo(408065);
        assertThat(event.rawBuffer().getByte(TickEvent.RAW_CAPACITY - 1))
            .isEqualTo((byte)(TickEvent.RAW_CAPACITY - 1));
        assertThat(event.lastPrice()).isZero();
    }

    @Test
    void shouldClearToUnknownWithTags()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(GoldenVectors.fullPacket());
        event.decodeFrom(decoder.wrap(buffer, 0, buffer.capacity()), 0, 0, 1L);
        event.clear(3, 2, 9L);

        assertThat(event.kind()).isEqualTo(PacketKind.UNKNOWN);
        assertThat(event.rawLength()).isZero();
        assertThat(event.instrumentToken()).isZero();
        assertThat(event.bidQuantity(0)).isZero();
        assertThat(event.apiKeyIndex()).isEqualTo(3);
        assertThat(event.connectionIndex()).isEqualTo(2);
    }
}
