package io.kiteticker.journal.replay;

import io.kiteticker.codec.packet.PacketKind;
import io.kiteticker.engine.ring.TextEvent;
import io.kiteticker.engine.ring.TickEvent;
import io.kiteticker.engine.ring.TickHandler;
import io.kiteticker.journal.JournalContext;
import io.kiteticker.journal.JournalRecord;
import io.kiteticker.journal.JournalWriter;
import io.kiteticker.journal.Journals;
import io.kiteticker.journal.RecordedTick;
import io.kiteticker.journal.SessionInfo;
import io.kiteticker.journal.TestTicks;
import io.kiteticker.journal.tools.ReplaySummary;
import io.kiteticker.testing.AllocationMeter;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import org.agrona.collections.IntHashSet;
import org.agrona.collections.MutableLong;
import org.agrona.concurrent.YieldingIdleStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReplayerTest
{
    private static final long EPOCH_BASE_NS = 1_767_584_700_000_000_000L;
    private static final long GAP_NS = 1_000_000L;

    @TempDir
    Path dir;

    private final TestTicks ticks = new TestTicks();

    /**
     * Write {@code count} ticks stamped {@link #GAP_NS} apart (and a text after every 100th), returning what was
     * written.
     */
    private List<RecordedTick> record(final int count)
    {
        final MutableLong epochNanos = new MutableLong(EPOCH_BASE_NS);
        final List<RecordedTick> written = new ArrayList<>(count);
        final TickEvent tick = TickEvent.EVENT_FACTORY.newInstance();
        final TextEvent text = TextEvent.EVENT_FACTORY.newInstance();
        try (JournalWriter writer = JournalWriter.open(
            new JournalContext().directory(dir).epochNanoClock(epochNanos::get)))
        {
            writer.writeSession(new SessionInfo(JournalRecord.FORMAT_VERSION, EPOCH_BASE_NS, List.of("a", "b"), 3, ""));
            for (int i = 0; i < count; i++)
            {
                epochNanos.set(EPOCH_BASE_NS + i * GAP_NS);
                writer.onTick(ticks.fill(tick, i), i, true);
                written.add(new RecordedTick(tick));
                if (99 == i % 100)
                {
                    writer.onText(ticks.fillText(text, i), i, true);
                }
            }
        }
        return written;
    }

    private static final class Collector implements TickHandler
    {
        final List<RecordedTick> ticks = new ArrayList<>();
        final List<Long> sequences = new ArrayList<>();

        public void onTick(final TickEvent event, final long sequence, final boolean endOfBatch)
        {
            ticks.add(new RecordedTick(event));
            sequences.add(sequence);
        }
    }

    @Test
    void shouldReplayEveryTickIdenticallyThroughTheSameHandlerInterface()
    {
        final List<RecordedTick> written = record(2_000);
        try (SingleChronicleQueue queue = Journals.openForRead(dir))
        {
            final Collector collector = new Collector();
            final List<String> texts = new ArrayList<>();
            final Replayer replayer = new Replayer(queue, collector)
                .textHandler((event, sequence, endOfBatch) -> texts.add(event.buffer().getStringWithoutLengthUtf8(
                    0, event.length())));

            assertThat(replayer.replay()).isEqualTo(2_000);
            replayer.onClose();

            assertThat(collector.ticks).containsExactlyElementsOf(written);
            assertThat(collector.sequences).isSorted().doesNotHaveDuplicates();
            assertThat(texts).hasSize(20).allMatch((json) -> json.contains("\"type\":\"order\""));
            assertThat(replayer.sessions()).isEqualTo(1);
            assertThat(replayer.textsDelivered()).isEqualTo(20);
            assertThat(replayer.malformed()).isZero();
        }
    }

    @Test
    void shouldGiveIdenticalResultsWhenReplayedTwice()
    {
        record(3_000);
        try (SingleChronicleQueue queue = Journals.openForRead(dir))
        {
            final ReplaySummary first = new ReplaySummary();
            final Replayer firstReplayer = new Replayer(queue, first).textHandler(first);
            first.replayer(firstReplayer);
            firstReplayer.replay();
            firstReplayer.onClose();

            final ReplaySummary second = new ReplaySummary();
            final Replayer secondReplayer = new Replayer(queue, second).textHandler(second).documentLimit(7);
            second.replayer(secondReplayer);
            secondReplayer.replay();
            secondReplayer.onClose();

            assertThat(first.ticks()).isEqualTo(3_000);
            assertThat(second.ticks()).isEqualTo(first.ticks());
            assertThat(second.texts()).isEqualTo(first.texts()).isEqualTo(30);
            assertThat(second.checksum()).isEqualTo(first.checksum());
            assertThat(second.firstEpochNanos()).isEqualTo(first.firstEpochNanos()).isEqualTo(EPOCH_BASE_NS);
            assertThat(second.lastEpochNanos()).isEqualTo(EPOCH_BASE_NS + 2_999 * GAP_NS);
            assertThat(second.ticks(0) + second.ticks(1)).isEqualTo(3_000);
            assertThat(second.toString()).contains("checksum: " + String.format("%016x", first.checksum()));
        }
    }

    @Test
    void shouldFilterByTokenAndByKey()
    {
        final List<RecordedTick> written = record(1_000);
        final IntHashSet tokens = new IntHashSet();
        tokens.add(TestTicks.token(3));
        tokens.add(TestTicks.token(4));
        try (SingleChronicleQueue queue = Journals.openForRead(dir))
        {
            final Collector byToken = new Collector();
            final Replayer tokenReplayer = new Replayer(queue, byToken).tokens(tokens);
            tokenReplayer.replay();
            tokenReplayer.onClose();
            assertThat(byToken.ticks).containsExactlyElementsOf(
                written.stream().filter((t) -> tokens.contains(t.token())).toList());
            assertThat(tokenReplayer.ticksFiltered()).isEqualTo(750);

            final Collector byKey = new Collector();
            final Replayer keyReplayer = new Replayer(queue, byKey).apiKeyIndex(1);
            keyReplayer.replay();
            keyReplayer.onClose();
            assertThat(byKey.ticks).hasSize(500).containsExactlyElementsOf(
                written.stream().filter((t) -> 1 == t.apiKeyIndex()).toList());
        }
    }

    @Test
    void shouldReplayARangeByIndexAndByTime()
    {
        final List<RecordedTick> written = record(1_000);
        try (SingleChronicleQueue queue = Journals.openForRead(dir))
        {
            final Collector all = new Collector();
            final Replayer allReplayer = new Replayer(queue, all);
            allReplayer.replay();
            allReplayer.onClose();

            final Collector byIndex = new Collector();
            final Replayer indexReplayer = new Replayer(queue, byIndex)
                .fromIndex(all.sequences.get(100)).toIndex(all.sequences.get(199));
            indexReplayer.replay();
            indexReplayer.onClose();
            assertThat(byIndex.ticks).containsExactlyElementsOf(written.subList(100, 200));
            assertThat(indexReplayer.isDone()).isTrue();

            final Collector byTime = new Collector();
            final Replayer timeReplayer = new Replayer(queue, byTime)
                .fromEpochNanos(EPOCH_BASE_NS + 300 * GAP_NS).toEpochNanos(EPOCH_BASE_NS + 450 * GAP_NS);
            timeReplayer.replay();
            timeReplayer.onClose();
            assertThat(byTime.ticks).containsExactlyElementsOf(written.subList(300, 450));
        }
    }

    @Test
    void shouldPaceAtTheRecordedGapsDividedByTheSpeedFactor()
    {
        final List<RecordedTick> written = record(201); // 200 ms recorded
        try (SingleChronicleQueue queue = Journals.openForRead(dir))
        {
            final List<Long> arrivalNs = new ArrayList<>();
            final Collector collector = new Collector();
            final Replayer replayer = new Replayer(queue, (event, sequence, endOfBatch) ->
            {
                arrivalNs.add(System.nanoTime());
                collector.onTick(event, sequence, endOfBatch);
            }).speed(4);

            final long startNs = System.nanoTime();
            replayer.replay(new YieldingIdleStrategy());
            final long elapsedMs = (System.nanoTime() - startNs) / 1_000_000;
            replayer.onClose();

            assertThat(collector.ticks).containsExactlyElementsOf(written);
            assertThat(elapsedMs).as("200 ms recorded at speed 4").isBetween(45L, 5_000L);
            // tick 100 is recorded 100 ms after tick 0: at speed 4 it is due 25 ms after the pace starts, which is
            // after startNs and before tick 0 reaches the handler (so measure from startNs, not from tick 0's arrival)
            assertThat(arrivalNs.get(100) - startNs).isGreaterThanOrEqualTo(25_000_000L);
        }
    }

    @Test
    void shouldReadAtMostTheDocumentLimitPerDutyCycleAndFollowAGrowingQueue() throws Exception
    {
        final MutableLong count = new MutableLong();
        final TickEvent tick = TickEvent.EVENT_FACTORY.newInstance();
        try (JournalWriter writer = JournalWriter.open(new JournalContext().directory(dir)))
        {
            for (int i = 0; i < 25; i++)
            {
                writer.onTick(ticks.fill(tick, i), i, true);
            }
            final Replayer replayer = new Replayer(writer.queue(), (e, s, b) -> count.increment()).documentLimit(10);
            assertThat(replayer.doWork()).isEqualTo(10);
            assertThat(replayer.doWork()).isEqualTo(10);
            assertThat(replayer.doWork()).isEqualTo(5);
            assertThat(replayer.doWork()).isZero();
            assertThat(replayer.isAtEnd()).isTrue();
            assertThat(replayer.isDone()).isFalse();

            writer.onTick(ticks.fill(tick, 25), 25, true);
            assertThat(replayer.doWork()).isEqualTo(1);
            assertThat(count.get()).isEqualTo(26);
            replayer.onClose();
        }
    }

    @Test
    void shouldReplayEveryTickAcrossChunkBoundariesOfTheMappedFile()
    {
        // 450,000 full ticks = 97 MB of documents: more than one 64 MB chunk plus its 16 MB overlap, so a document
        // may lie across the end of the tailer's mapping and is read through the heap copy instead of in place
        final int count = 450_000;
        final TickEvent tick = TickEvent.EVENT_FACTORY.newInstance();
        long expected = 0;
        try (JournalWriter writer = JournalWriter.open(new JournalContext().directory(dir)))
        {
            for (int i = 0; i < count; i++)
            {
                ticks.fill(tick, i, PacketKind.FULL);
                expected = 31 * expected + digest(tick);
                writer.onTick(tick, i, true);
            }
        }
        try (SingleChronicleQueue queue = Journals.openForRead(dir))
        {
            final MutableLong digest = new MutableLong();
            final MutableLong delivered = new MutableLong();
            final Replayer replayer = new Replayer(queue, (event, sequence, endOfBatch) ->
            {
                digest.set(31 * digest.get() + digest(event));
                delivered.increment();
            });
            assertThat(replayer.replay()).isEqualTo(count);
            assertThat(delivered.get()).isEqualTo(count);
            assertThat(digest.get()).as("digest of every replayed tick").isEqualTo(expected);
            assertThat(replayer.malformed()).isZero();
            replayer.onClose();

            digest.set(0);
            delivered.set(0);
            final Replayer copying = new Replayer(queue, (event, sequence, endOfBatch) ->
            {
                digest.set(31 * digest.get() + digest(event));
                delivered.increment();
            }).inPlace(false);
            assertThat(copying.replay()).isEqualTo(count);
            assertThat(digest.get()).as("digest of every tick replayed through the heap copy").isEqualTo(expected);
            copying.onClose();
        }
    }

    private static long digest(final TickEvent event)
    {
        long digest = event.instrumentToken();
        digest = 31 * digest + event.lastPrice();
        digest = 31 * digest + event.receiveNanos();
        digest = 31 * digest + event.exchangeTimestamp();
        digest = 31 * digest + event.askOrders(4);
        digest = 31 * digest + event.rawLength();
        for (int i = 0; i < event.rawCapturedLength(); i += 8)
        {
            digest = 31 * digest + event.rawBuffer().getLong(i);
        }
        return digest;
    }

    @Test
    void shouldAllocateNothingPerReplayedTickOnceWarm()
    {
        final TickEvent tick = TickEvent.EVENT_FACTORY.newInstance();
        try (JournalWriter writer = JournalWriter.open(new JournalContext().directory(dir)))
        {
            for (int i = 0; i < 400_000; i++)
            {
                writer.onTick(ticks.fill(tick, i), i, true);
            }
        }
        try (SingleChronicleQueue queue = Journals.openForRead(dir))
        {
            final MutableLong sum = new MutableLong();
            final Replayer replayer = new Replayer(queue, (event, sequence, endOfBatch) ->
                sum.set(sum.get() + event.lastPrice() + event.bidQuantity(0))).documentLimit(100);
            final long bytes = AllocationMeter.measure(1_000, 900, () ->
            {
                try
                {
                    replayer.doWork();
                }
                catch (final Exception ex)
                {
                    throw new AssertionError(ex);
                }
            });
            assertThat(replayer.isAtEnd()).as("measured rounds must read documents, not the end").isFalse();
            assertThat(bytes).as("bytes allocated over 90,000 replayed ticks").isZero();
            assertThat(sum.get()).isPositive();
            replayer.onClose();
        }
    }
}
