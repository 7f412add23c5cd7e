package io.kiteticker.engine.ring;

import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;
import io.kiteticker.codec.frame.KiteMessageDecoder;
import io.kiteticker.codec.frame.KiteMessageEncoder;
import io.kiteticker.codec.packet.PacketKind;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteOrder;

import static org.assertj.core.api.Assertions.assertThat;

class TickPublisherTest
{
    private static final int RING_SIZE = 8;

    private final RingBuffer<TickEvent> ring = RingBuffer.createSingleProducer(TickEvent.EVENT_FACTORY, RING_SIZE);
    private final Sequence consumer = new Sequence();
    private final TickPublisher publisher = new TickPublisher(ring);
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

        assertThat(publisher.publishedCount()).isEqualTo(5);
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
        assertThat(publisher.publishedCount()).isEqualTo(RING_SIZE);
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
        assertThat(publisher.publishedCount()).isEqualTo(6);
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

        assertThat(publisher.failure()).isInstanceOf(IllegalStateException.class);
        assertThat(publisher.publishedCount()).isEqualTo(4);
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
        assertThat(publisher.publishedCount()).isEqualTo(1);
        assertThat(ring.get(0).instrumentToken()).isEqualTo(42);
    }
}
