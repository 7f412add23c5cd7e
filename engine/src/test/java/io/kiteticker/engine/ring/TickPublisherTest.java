package io.kiteticker.engine.ring;

import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;
import io.kiteticker.codec.frame.KiteMessageDecoder;
import io.kiteticker.codec.frame.KiteMessageEncoder;
import io.kiteticker.codec.packet.PacketKind;
import io.kiteticker.engine.status.ConnectionCounters;
import io.kiteticker.engine.status.KiteCounterDescriptor;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TickPublisherTest
{
    private static final int RING_SIZE = 8;

    private final RingBuffer<TickEvent> ring = RingBuffer.createSingleProducer(TickEvent.EVENT_FACTORY, RING_SIZE);
    private final Sequence consumer = new Sequence();
    private final ConnectionCounters counters = ConnectionCounters.standalone(0, 0, "test");
    private final List<Throwable> failures = new ArrayList<>();
    private final TickPublisher publisher = new TickPublisher(ring, counters, failures::add);
    private final KiteMessageDecoder messageDecoder = new KiteMessageDecoder();

    TickPublisherTest()
    {
        ring.addGatingSequences(consumer);
    }

    private static UnsafeBuffer message(final int packetCount, final int firstToken)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[4096]);
        final KiteMessageEncoder encoder = new KiteMessageEncoder().wrap(buffer, 0);
        for (int i = 0; i < packetCount; i++)
        {
            encoder.addPacket(PacketKind.LTP).instrumentToken(firstToken + i).lastPrice(100 + i);
        }
        return new UnsafeBuffer(buffer, 0, encoder.encodedLength());
    }

    @Test
    void shouldPublishEveryPacketTaggedInOrder()
    {
        final UnsafeBuffer message = message(5, 1000);
        assertThat(messageDecoder.wrap(message, 0, message.capacity()).validate()).isEqualTo(KiteMessageDecoder.OK);

        assertThat(publisher.publish(messageDecoder, 1, 2, 77L)).isTrue();

        assertThat(counters.get(KiteCounterDescriptor.PACKETS)).isEqualTo(5);
        assertThat(counters.get(KiteCounterDescriptor.RING_FULL)).isZero();
        assertThat(ring.getCursor()).isEqualTo(4);
        for (int i = 0; i < 5; i++)
        {
            final TickEvent event = ring.get(i);
            assertThat(event.instrumentToken()).isEqualTo(1000 + i);
            assertThat(event.lastPrice()).isEqualTo(100 + i);
            assertThat(event.apiKeyIndex()).isEqualTo(1);
            assertThat(event.connectionIndex()).isEqualTo(2);
            assertThat(event.receiveNanos()).isEqualTo(77L);
        }
    }

    @Test
    void shouldKeepMessageWhenRingFullAndResumeWithoutLossOrDuplicate()
    {
        final UnsafeBuffer message = message(20, 5000);
        messageDecoder.wrap(message, 0, message.capacity()).validate();

        assertThat(publisher.publish(messageDecoder, 0, 0, 1L)).isFalse();
        assertThat(counters.get(KiteCounterDescriptor.PACKETS)).isEqualTo(RING_SIZE);
        assertThat(counters.get(KiteCounterDescriptor.RING_FULL)).isEqualTo(1);
        assertThat(publisher.isPartlyPublished()).isTrue();

        int expectedToken = 5000;
        long nextToRead = 0;
        boolean isComplete = false;
        for (int round = 0; round < 10 && !isComplete; round++)
        {
            final long cursor = ring.getCursor();
            for (; nextToRead <= cursor; nextToRead++)
            {
                assertThat(ring.get(nextToRead).instrumentToken()).isEqualTo(expectedToken++);
            }
            consumer.set(cursor);
            messageDecoder.wrap(message, 0, message.capacity()).validate();
            isComplete = publisher.publish(messageDecoder, 0, 0, 1L);
        }
        final long cursor = ring.getCursor();
        for (; nextToRead <= cursor; nextToRead++)
        {
            assertThat(ring.get(nextToRead).instrumentToken()).isEqualTo(expectedToken++);
        }

        assertThat(isComplete).isTrue();
        assertThat(expectedToken).isEqualTo(5020);
        assertThat(counters.get(KiteCounterDescriptor.PACKETS)).isEqualTo(20);
        assertThat(publisher.isPartlyPublished()).isFalse();
    }

    @Test
    void shouldUsePartialCapacityWhenWholeBatchDoesNotFit()
    {
        final UnsafeBuffer small = message(6, 1);
        messageDecoder.wrap(small, 0, small.capacity()).validate();
        assertThat(publisher.publish(messageDecoder, 0, 0, 1L)).isTrue();
        consumer.set(3);

        final UnsafeBuffer message = message(8, 100);
        messageDecoder.wrap(message, 0, message.capacity()).validate();
        assertThat(publisher.publish(messageDecoder, 0, 0, 1L)).isFalse();
        assertThat(counters.get(KiteCounterDescriptor.PACKETS)).isEqualTo(6 + 6);
        assertThat(counters.get(KiteCounterDescriptor.RING_FULL)).isEqualTo(1);
        assertThat(ring.getCursor()).isEqualTo(11);
    }

    @Test
    void shouldCountRingFullOncePerRefusedCallWithoutPublishingWhenRingHasNoCapacity()
    {
        final UnsafeBuffer full = message(RING_SIZE, 1);
        messageDecoder.wrap(full, 0, full.capacity()).validate();
        assertThat(publisher.publish(messageDecoder, 0, 0, 1L)).isTrue();
        final long cursor = ring.getCursor();

        final UnsafeBuffer message = message(3, 100);
        for (int attempt = 0; attempt < 3; attempt++)
        {
            messageDecoder.wrap(message, 0, message.capacity()).validate();
            assertThat(publisher.publish(messageDecoder, 0, 0, 1L)).isFalse();
        }

        assertThat(ring.getCursor()).isEqualTo(cursor);
        assertThat(publisher.isPartlyPublished()).isFalse();
        assertThat(counters.get(KiteCounterDescriptor.RING_FULL)).isEqualTo(3);
        assertThat(counters.get(KiteCounterDescriptor.PACKETS)).isEqualTo(RING_SIZE);

        consumer.set(cursor);
        messageDecoder.wrap(message, 0, message.capacity()).validate();
        assertThat(publisher.publish(messageDecoder, 0, 0, 1L)).isTrue();
        assertThat(ring.get(cursor + 1).instrumentToken()).isEqualTo(100);
        assertThat(ring.get(cursor + 3).instrumentToken()).isEqualTo(102);
        assertThat(counters.get(KiteCounterDescriptor.RING_FULL)).isEqualTo(3);
    }

    @Test
    void shouldCountUnknownPacketLengthsAsMalformedPackets()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[64]);
        buffer.putShort(0, (short)1, KiteMessageDecoder.BYTE_ORDER);
        buffer.putShort(2, (short)10, KiteMessageDecoder.BYTE_ORDER);
        buffer.putInt(4, 4242, KiteMessageDecoder.BYTE_ORDER);
        messageDecoder.wrap(buffer, 0, 2 + 2 + 10);
        assertThat(messageDecoder.validate()).isEqualTo(KiteMessageDecoder.OK);

        assertThat(publisher.publish(messageDecoder, 0, 0, 1L)).isTrue();

        assertThat(ring.get(0).kind()).isEqualTo(PacketKind.UNKNOWN);
        assertThat(counters.get(KiteCounterDescriptor.UNKNOWN_PACKET_LENGTH)).isEqualTo(1);
        assertThat(counters.get(KiteCounterDescriptor.MALFORMED_PACKETS)).isEqualTo(1);
        assertThat(counters.get(KiteCounterDescriptor.PACKETS)).isEqualTo(1);
    }

    @Test
    void shouldPublishEveryClaimedSlotWhenDecodeThrows()
    {
        // packets of different lengths take the general walk, which reads each length prefix through the buffer
        final UnsafeBuffer message = new UnsafeBuffer(new byte[256]);
        final KiteMessageEncoder encoder = new KiteMessageEncoder().wrap(message, 0);
        encoder.addPacket(PacketKind.QUOTE).instrumentToken(700).lastPrice(100);
        for (int i = 1; i < 4; i++)
        {
            encoder.addPacket(PacketKind.LTP).instrumentToken(700 + i).lastPrice(100 + i);
        }
        final int thirdPacketPrefixOffset = 2 + (2 + PacketKind.QUOTE_LENGTH) + (2 + PacketKind.LTP_LENGTH);
        final boolean[] isArmed = new boolean[1];
        final UnsafeBuffer poisoned = new UnsafeBuffer(message.byteArray(), 0, encoder.encodedLength())
        {
            @Override
            public short getShort(final int index, final ByteOrder byteOrder)
            {
                if (isArmed[0] && index == thirdPacketPrefixOffset)
                {
                    throw new IllegalStateException("poisoned");
                }
                return super.getShort(index, byteOrder);
            }
        };
        for (int i = 0; i < RING_SIZE; i++)
        {
            ring.get(i).decodeFrom(
                new io.kiteticker.codec.packet.TickDecoder().wrap(message, 4, PacketKind.LTP_LENGTH), 9, 9, 9L);
        }

        assertThat(messageDecoder.wrap(poisoned, 0, poisoned.capacity()).validate()).isEqualTo(KiteMessageDecoder.OK);
        isArmed[0] = true;
        assertThat(publisher.publish(messageDecoder, 0, 1, 5L)).isTrue();

        assertThat(failures).singleElement().isInstanceOf(IllegalStateException.class);
        assertThat(counters.get(KiteCounterDescriptor.MALFORMED_PACKETS)).isEqualTo(1);
        assertThat(counters.get(KiteCounterDescriptor.PACKETS)).isEqualTo(4);
        assertThat(ring.getCursor()).isEqualTo(3);
        assertThat(ring.get(0).instrumentToken()).isEqualTo(700);
        assertThat(ring.get(1).instrumentToken()).isEqualTo(701);
        for (int i = 2; i < 4; i++)
        {
            assertThat(ring.get(i).kind()).isEqualTo(PacketKind.UNKNOWN);
            assertThat(ring.get(i).rawLength()).isZero();
            assertThat(ring.get(i).apiKeyIndex()).isZero();
            assertThat(ring.get(i).connectionIndex()).isEqualTo(1);
        }
    }

    @Test
    void shouldKeepCompletePacketsOfTruncatedMessage()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[64]);
        final KiteMessageEncoder encoder = new KiteMessageEncoder().wrap(buffer, 0);
        encoder.addPacket(PacketKind.LTP).instrumentToken(42).lastPrice(1);
        encoder.declaredPacketCount(3);
        messageDecoder.wrap(buffer, 0, encoder.encodedLength());
        assertThat(messageDecoder.validate()).isEqualTo(KiteMessageDecoder.TRUNCATED);

        assertThat(publisher.publish(messageDecoder, 0, 0, 1L)).isTrue();
        assertThat(counters.get(KiteCounterDescriptor.PACKETS)).isEqualTo(1);
        assertThat(ring.get(0).instrumentToken()).isEqualTo(42);
    }
}
