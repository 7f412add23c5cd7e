package io.kiteticker.journal;

import io.kiteticker.engine.ring.TickEvent;
import io.kiteticker.journal.replay.Replayer;
import io.kiteticker.testing.FileDamage;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Damaged recordings never replay silently short: random bytes in the middle of a queue file, a truncated file, a
 * bad file header, a damaged metadata file and a document that is not a journal record are each reported with the
 * file, the index and the position, after everything readable was replayed.
 */
class JournalDamageTest
{
    private static final int TICKS = 40_000;
    private static final long DAMAGE_POSITION = 1 << 20;

    @TempDir
    Path dir;

    private Path record() throws IOException
    {
        final Path journal = dir.resolve("journal");
        final TestTicks ticks = new TestTicks();
        final TickEvent tick = TickEvent.EVENT_FACTORY.newInstance();
        try (JournalWriter writer = JournalWriter.open(new JournalContext().directory(journal)))
        {
            writer.writeSession(new SessionInfo(JournalRecord.FORMAT_VERSION, 0, List.of("k"), 1, "damage test"));
            for (long i = 0; i < TICKS; i++)
            {
                writer.onTick(ticks.fill(tick, i), i, true);
            }
        }
        return journal;
    }

    private static Path queueFile(final Path journal) throws IOException
    {
        return FileDamage.firstFile(journal, "*" + Journals.QUEUE_FILE_SUFFIX);
    }

    private static byte[] randomBytes(final int length)
    {
        return FileDamage.randomBytes(42, length);
    }

    /**
     * Replay to the end, returning the damage exception (or null) and the ticks delivered in {@code delivered[0]}.
     */
    private static JournalDamagedException replay(final Path journal, final long[] delivered)
    {
        try (SingleChronicleQueue queue = Journals.openForRead(journal))
        {
            final Replayer replayer = new Replayer(queue, (event, sequence, endOfBatch) -> delivered[0]++);
            final JournalDamagedException damage = catchThrowableOfType(JournalDamagedException.class,
                replayer::replay);
            assertThat(replayer.isDone()).as("done once damage is reported").isEqualTo(null != damage);
            replayer.onClose();
            return damage;
        }
    }

    @Test
    void shouldReplayEveryTickAndReportNoDamageWhenTheRecordingIsIntact() throws IOException
    {
        final long[] delivered = { 0 };
        assertThat(replay(record(), delivered)).isNull();
        assertThat(delivered[0]).isEqualTo(TICKS);
    }

    @Test
    void shouldReplayAroundRandomBytesAndReportWhereTheyAreWhenTheMiddleOfAFileIsOverwritten() throws IOException
    {
        final Path journal = record();
        final Path file = queueFile(journal);
        FileDamage.overwrite(file, DAMAGE_POSITION, randomBytes(4096));

        final long[] delivered = { 0 };
        final JournalDamagedException damage = replay(journal, delivered);

        assertThat(damage).as("the damage is reported").isNotNull();
        final JournalDamage first = damage.damages().get(0);
        assertThat(first.file()).isEqualTo(file.getFileName().toString());
        assertThat(first.index()).isNotEqualTo(JournalDamage.UNKNOWN);
        if (JournalDamage.UNKNOWN != first.position())
        {
            // where reading stopped: at the random bytes (unknown when only the index could tell)
            assertThat(first.position()).isBetween(DAMAGE_POSITION - 512, DAMAGE_POSITION + 4096);
        }
        assertThat(damage.getMessage()).contains(journal.toString(), file.getFileName().toString(), "index ");
        assertThat(delivered[0]).as("ticks before the damage").isGreaterThan(TICKS / 10);

        // Known gap (see the issue note): random bytes read as a document length can make Chronicle touch memory past
        // the mapped file; the JVM may raise that fault late, outside the guarded read, and then nothing after the
        // damage is read. Seen once in about ten full-suite runs. It is still reported, never silent.
        final boolean isLateFault = damage.damages().stream()
            .anyMatch((d) -> !d.isResumed() && d.reason().contains("a read past the end of the mapped file"));
        if (!isLateFault)
        {
            assertThat(delivered[0]).as("ticks after the damage are replayed too").isGreaterThan(TICKS * 9L / 10)
                .isLessThan(TICKS);
            assertThat(damage.damages().stream().anyMatch(JournalDamage::isResumed)).isTrue();
        }
    }

    @Test
    void shouldReplayUpToTheCutAndReportItWhenAFileIsTruncated() throws IOException
    {
        final Path journal = record();
        final Path file = queueFile(journal);
        FileDamage.truncate(file, DAMAGE_POSITION);

        final long[] delivered = { 0 };
        final JournalDamagedException damage = replay(journal, delivered);

        assertThat(damage).as("the truncation is reported; delivered " + delivered[0]).isNotNull();
        final JournalDamage first = damage.damages().get(0);
        assertThat(first.file()).isEqualTo(file.getFileName().toString());
        assertThat(first.isResumed()).isFalse();
        assertThat(first.position()).isBetween(DAMAGE_POSITION - 512, DAMAGE_POSITION);
        assertThat(damage.getMessage()).contains("nothing after it is readable");
        assertThat(delivered[0]).isGreaterThan(TICKS / 10).isLessThan(TICKS / 2);
    }

    @Test
    void shouldNameTheFileWhenItsHeaderIsBad() throws IOException
    {
        final Path journal = record();
        final Path file = queueFile(journal);
        FileDamage.overwrite(file, 0, randomBytes(64));

        final JournalDamagedException damage = catchThrowableOfType(JournalDamagedException.class,
            () -> Journals.openForRead(journal).close());

        assertThat(damage).isNotNull();
        assertThat(damage.damages().get(0).file()).isEqualTo(file.getFileName().toString());
        assertThat(damage.getMessage()).contains("bad or truncated header");
    }

    @Test
    void shouldSayTheMetadataIsDamagedNotLockedWhenMetadataIsOverwrittenOrTruncated() throws IOException
    {
        final Path journal = record();
        final Path metadata = journal.resolve(Journals.METADATA_FILE_NAME);
        FileDamage.overwrite(metadata, 0, randomBytes(4096));

        assertThatThrownBy(() -> Journals.openForRead(journal).close())
            .isInstanceOf(JournalDamagedException.class)
            .hasMessageContaining(Journals.METADATA_FILE_NAME)
            .hasMessageContaining("move " + Journals.METADATA_FILE_NAME + " out of the directory")
            .hasMessageNotContaining("lock");

        FileDamage.truncate(metadata, 100);
        assertThatThrownBy(() -> Journals.openForRead(journal).close())
            .isInstanceOf(JournalDamagedException.class)
            .hasMessageContaining(Journals.METADATA_FILE_NAME);
    }

    @Test
    void shouldReportDocumentsThatAreNotJournalRecordsAsOneDamagedPlace() throws IOException
    {
        final Path journal = record();
        try (SingleChronicleQueue queue = Journals.openForAppend(new JournalContext().directory(journal));
            ExcerptAppender appender = queue.createAppender())
        {
            for (int i = 0; i < 3; i++)
            {
                try (DocumentContext dc = appender.writingDocument())
                {
                    dc.wire().bytes().writeLong(0x7F7F).writeLong(0).writeLong(0).writeLong(0);
                }
            }
        }

        final long[] delivered = { 0 };
        final JournalDamagedException damage = replay(journal, delivered);

        assertThat(delivered[0]).isEqualTo(TICKS);
        assertThat(damage).isNotNull();
        assertThat(damage.damages()).hasSize(1);
        assertThat(damage.damages().get(0).skipped()).isEqualTo(3);
        assertThat(damage.getMessage()).contains("not a journal record (type 127");
    }
}
