package io.kiteticker.journal;

import io.kiteticker.codec.packet.PacketKind;
import io.kiteticker.codec.text.TextMessageDecoder;
import io.kiteticker.engine.ring.TextEvent;
import io.kiteticker.engine.ring.TickEvent;
import io.kiteticker.testing.AllocationMeter;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JournalWriterTest
{
    @TempDir
    Path dir;

    private final TestTicks ticks = new TestTicks();

    @Test
    void shouldWriteSessionTicksAndTextsInTheRecordLayout()
    {
        final TickEvent tick = TickEvent.EVENT_FACTORY.newInstance();
        final TextEvent text = TextEvent.EVENT_FACTORY.newInstance();
        try (JournalWriter writer = JournalWriter.open(new JournalContext().directory(dir)
            .rollCycle(RollCycles.FAST_DAILY).epochNanoClock(() -> 1_767_584_700_000_000_000L)))
        {
            writer.writeSession(new SessionInfo(
                JournalRecord.FORMAT_VERSION, 1_767_584_699_000_000_000L, List.of("alpha", "beta"), 3, "x=y"));
            writer.onTick(ticks.fill(tick, 0, PacketKind.FULL), 0, true);
            writer.onText(ticks.fillText(text, 0), 0, true);
            writer.onTick(ticks.fill(tick, 1, PacketKind.LTP), 1, true);
            assertThat(writer.ticksAppended()).isEqualTo(2);
            assertThat(writer.textsAppended()).isEqualTo(1);
        }

        try (SingleChronicleQueue queue = Journals.openForRead(dir); ExcerptTailer tailer = queue.createTailer())
        {
            assertThat(queue.rollCycle()).isEqualTo(RollCycles.FAST_DAILY);
            final SessionInfo session = Journals.readSession(queue);
            assertThat(session.apiKeyIds()).containsExactly("alpha", "beta");
            assertThat(session.connectionsPerKey()).isEqualTo(3);
            assertThat(session.settings()).isEqualTo("x=y");
            assertThat(session.startEpochNanos()).isEqualTo(1_767_584_699_000_000_000L);

            expectHeader(tailer, JournalRecord.SESSION, 0, 0, 0, -1);
            final long tickStartNanos = 5_000_000_000L;
            expectHeader(tailer, JournalRecord.TICK, 0, 0, PacketKind.FULL, tickStartNanos);
            expectHeader(tailer, JournalRecord.TEXT, 1, 2, TextMessageDecoder.ORDER, 7_000L);
            expectHeader(tailer, JournalRecord.TICK, 1, 1, PacketKind.LTP, tickStartNanos + 1000);
            try (DocumentContext dc = tailer.readingDocument())
            {
                assertThat(dc.isPresent()).isFalse();
            }
        }
    }

    private static void expectHeader(
        final ExcerptTailer tailer,
        final int type,
        final int keyIndex,
        final int connectionIndex,
        final int kind,
        final long receiveNanos)
    {
        try (DocumentContext dc = tailer.readingDocument())
        {
            assertThat(dc.isPresent()).isTrue();
            final Bytes<?> bytes = dc.wire().bytes();
            final long start = bytes.readPosition();
            final long word0 = JournalRecord.word0(bytes, start);
            assertThat(JournalRecord.type(word0)).isEqualTo(type);
            assertThat(JournalRecord.version(word0)).isEqualTo(JournalRecord.FORMAT_VERSION);
            assertThat(JournalRecord.apiKeyIndex(word0)).isEqualTo(keyIndex);
            assertThat(JournalRecord.connectionIndex(word0)).isEqualTo(connectionIndex);
            assertThat(JournalRecord.kind(word0)).isEqualTo(kind);
            final int payloadLength = JournalRecord.payloadLength(bytes, start);
            assertThat(bytes.readRemaining()).isEqualTo(JournalRecord.HEADER_LENGTH + payloadLength);
            if (JournalRecord.TICK == type)
            {
                assertThat(payloadLength).isEqualTo(PacketKind.length(kind));
                assertThat(JournalRecord.length(bytes, start)).isEqualTo(payloadLength);
                assertThat(JournalRecord.epochNanos(bytes, start)).isEqualTo(1_767_584_700_000_000_000L);
            }
            if (receiveNanos >= 0)
            {
                assertThat(JournalRecord.receiveNanos(bytes, start)).isEqualTo(receiveNanos);
            }
        }
    }

    @Test
    void shouldAllocateNothingPerAppendedTickOnceWarm()
    {
        final TickEvent full = ticks.fill(TickEvent.EVENT_FACTORY.newInstance(), 7, PacketKind.FULL);
        final TextEvent text = ticks.fillText(TextEvent.EVENT_FACTORY.newInstance(), 1);
        try (JournalWriter writer = JournalWriter.open(new JournalContext().directory(dir)))
        {
            final long[] sequence = { 0 };
            final long bytes = AllocationMeter.measure(50_000, 100_000, () -> writer.onTick(full, sequence[0]++, true));
            assertThat(bytes).as("bytes allocated over 100,000 appended ticks").isZero();

            final long textBytes = AllocationMeter.measure(5_000, 10_000, () -> writer.onText(text, 0, true));
            assertThat(textBytes).as("bytes allocated over 10,000 appended texts").isZero();
        }
    }

    @Test
    void shouldPretouchAheadOfTheAppenderAndKeepEveryRecord()
    {
        final TickEvent full = ticks.fill(TickEvent.EVENT_FACTORY.newInstance(), 3, PacketKind.FULL);
        final int count = 100_000;
        try (JournalWriter writer = JournalWriter.open(new JournalContext().directory(dir)
            .rollCycle(RollCycles.FAST_DAILY).pretouchAheadBytes(1 << 20)))
        {
            for (int i = 0; i < count; )
            {
                // 10,000 full ticks move the write position 2.16 MB, past what was touched ahead before them
                final long before = writer.pagesPretouched();
                for (final int end = i + 10_000; i < end; i++)
                {
                    writer.onTick(full, i, true);
                }
                final long deadlineNs = System.nanoTime() + 5_000_000_000L;
                while (writer.pagesPretouched() == before && System.nanoTime() - deadlineNs < 0)
                {
                    Thread.yield();
                }
            }
            assertThat(writer.pagesPretouched()).as("pages touched ahead").isGreaterThan(256);
        }

        try (SingleChronicleQueue queue = Journals.openForRead(dir); ExcerptTailer tailer = queue.createTailer())
        {
            int read = 0;
            while (true)
            {
                try (DocumentContext dc = tailer.readingDocument())
                {
                    if (!dc.isPresent())
                    {
                        break;
                    }
                    final Bytes<?> bytes = dc.wire().bytes();
                    final long start = bytes.readPosition();
                    assertThat(JournalRecord.type(JournalRecord.word0(bytes, start))).isEqualTo(JournalRecord.TICK);
                    assertThat(JournalRecord.payloadLength(bytes, start)).isEqualTo(PacketKind.FULL_LENGTH);
                    assertThat(bytes.readInt(start + JournalRecord.HEADER_LENGTH))
                        .isEqualTo(full.rawBuffer().getInt(0));
                    read++;
                }
            }
            assertThat(read).isEqualTo(count);
        }
    }

    @Test
    void shouldRejectAMissingDirectoryAndADirectoryThatIsNotARecording() throws Exception
    {
        assertThatThrownBy(() -> Journals.openForRead(dir.resolve("missing")))
            .isInstanceOf(JournalException.class).hasMessageContaining("no such directory");

        final Path empty = Files.createDirectory(dir.resolve("empty"));
        assertThatThrownBy(() -> Journals.openForRead(empty))
            .isInstanceOf(JournalException.class).hasMessageContaining("not a recording");

        final Path file = Files.writeString(dir.resolve("file.txt"), "hello");
        assertThatThrownBy(() -> Journals.openForRead(file))
            .isInstanceOf(JournalException.class).hasMessageContaining("not a directory");

        final Path other = dir.resolve("other-queue");
        try (SingleChronicleQueue queue = SingleChronicleQueueBuilder.binary(other).build();
            ExcerptAppender appender = queue.createAppender())
        {
            appender.writeText("some other application's message");
        }
        assertThatThrownBy(() -> Journals.openForRead(other))
            .isInstanceOf(JournalException.class).hasMessageContaining("not a recording");
    }

    @Test
    void shouldRoundTripTheSessionTextWithoutSecrets()
    {
        final SessionInfo session = new SessionInfo(1, 42, List.of("main", "backup"), 2, "KiteManagerBuilder{...}");
        final String text = session.encode();
        assertThat(text).contains("format=kite-journal", "key.0=main", "key.1=backup", "connectionsPerKey=2");
        final SessionInfo decoded = SessionInfo.decode(text);
        assertThat(decoded.apiKeyIds()).containsExactly("main", "backup");
        assertThat(decoded.startEpochNanos()).isEqualTo(42);
        assertThat(decoded.apiKeyId(5)).isEqualTo("#5");
        assertThatThrownBy(() -> SessionInfo.decode("format=other\n")).isInstanceOf(JournalException.class);
    }
}
