package io.kiteticker.simulator;

import io.kiteticker.codec.frame.KiteMessageDecoder;
import io.kiteticker.codec.ws.WebSocketOpcode;
import io.kiteticker.simulator.market.MarketModel;
import io.kiteticker.simulator.market.Universe;
import org.agrona.collections.IntArrayList;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class TickProducerTest
{
    private static final long NOW_SECONDS = 1_700_000_000L;
    private static final long START_NS = 1_000_000_000L;

    private final MarketModel model = new MarketModel(1, Universe.standard(10));
    private final int[] tokens = Universe.standard(10).tokens(3);
    private final RecordingTransport transport = new RecordingTransport();
    private final SendBuffer sendBuffer = new SendBuffer(1024 * 1024, START_NS);
    private final SubscriptionBook book = new SubscriptionBook(model, 100, InstrumentLimitPolicy.IGNORE);

    @Test
    void shouldSendSnapshotsAtOnceAndThenTicksAtThePacedRate() throws IOException
    {
        final TickProducer producer = producer(new SimulatorContext().sendMode(SendMode.PACED)
            .ticksPerSecond(100).ticksPerSecondPerToken(100));
        subscribeAll();

        assertThat(producer.produce(START_NS, NOW_SECONDS)).isEqualTo(1);
        assertThat(producer.packetsSent()).as("one snapshot per token, no credit used").isEqualTo(3);

        producer.produce(START_NS + TimeUnit.MILLISECONDS.toNanos(40), NOW_SECONDS);
        assertThat(producer.packetsSent()).as("100 ticks/s for 40 ms").isEqualTo(3 + 4);

        sendBuffer.flush(transport);
        final List<RecordingTransport.Frame> frames = transport.frames();
        assertThat(frames).allMatch((frame) -> WebSocketOpcode.BINARY == frame.opcode());
        assertThat(frames.stream().mapToInt(TickProducerTest::packetCount).sum()).isEqualTo(7);
        assertThat(producer.sendNanos(0)).as("only LATENCY keeps send times").isEqualTo(-1);
    }

    @Test
    void shouldFillMessagesOfMaxPacketsWhenFlooding()
    {
        final TickProducer producer = producer(new SimulatorContext().sendMode(SendMode.FLOOD).maxPacketsPerMessage(5));
        subscribeAll();

        assertThat(producer.produce(START_NS, NOW_SECONDS)).isEqualTo(64);
        assertThat(producer.packetsSent()).isEqualTo(64 * 5);
        assertThat(sendBuffer.framesSent()).isEqualTo(64);
    }

    @Test
    void shouldReplayOnePassFromTheCacheAndForgetItWhenSubscriptionsChange() throws IOException
    {
        final TickProducer producer =
            producer(new SimulatorContext().sendMode(SendMode.FLOOD_CACHED).maxPacketsPerMessage(3));
        subscribeAll();

        producer.produce(START_NS, NOW_SECONDS);
        assertThat(producer.cachedFloodFrames()).isPositive();
        sendBuffer.flush(transport);
        final List<RecordingTransport.Frame> frames = transport.frames();
        assertThat(frames.get(frames.size() - 1).payload()).isEqualTo(frames.get(frames.size() - 2).payload());

        producer.onSubscriptionsChanged();
        assertThat(producer.cachedFloodFrames()).isZero();
    }

    @Test
    void shouldRecordTheSendTimeOfEveryPacketWhenLatency()
    {
        final TickProducer producer = producer(new SimulatorContext().sendMode(SendMode.LATENCY));
        subscribeAll();

        final long beforeNs = System.nanoTime();
        producer.produce(START_NS, NOW_SECONDS);
        assertThat(transport.writtenLength()).as("written at once").isPositive();
        assertThat(producer.sendNanos(0)).isGreaterThanOrEqualTo(beforeNs);
        assertThat(producer.sendNanos(2)).isEqualTo(producer.sendNanos(0));
        assertThat(producer.sendNanos(3)).as("not sent yet").isEqualTo(-1);
    }

    private TickProducer producer(final SimulatorContext context)
    {
        return new TickProducer(context, book, model, sendBuffer, transport, START_NS);
    }

    private void subscribeAll()
    {
        final IntArrayList list = new IntArrayList();
        for (final int token : tokens)
        {
            list.addInt(token);
        }
        book.subscribe(list, NOW_SECONDS);
    }

    private static int packetCount(final RecordingTransport.Frame frame)
    {
        final KiteMessageDecoder decoder = new KiteMessageDecoder()
            .wrap(new UnsafeBuffer(frame.payload()), 0, frame.payload().length);
        assertThat(decoder.validate()).isEqualTo(KiteMessageDecoder.OK);
        return decoder.packetCount();
    }
}
