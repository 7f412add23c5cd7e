package io.kiteticker.cli;

import io.kiteticker.codec.packet.PacketKind;
import io.kiteticker.codec.packet.TickDecoder;
import io.kiteticker.codec.packet.TickEncoder;
import io.kiteticker.codec.text.TextMessageDecoder;
import io.kiteticker.engine.ring.TextEvent;
import io.kiteticker.engine.ring.TickEvent;
import io.kiteticker.journal.JournalContext;
import io.kiteticker.journal.JournalRecord;
import io.kiteticker.journal.JournalWriter;
import io.kiteticker.journal.SessionInfo;
import org.agrona.collections.MutableLong;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./kite replay} and {@code ./kite dump} as a user runs them, in process, against a recording written by the
 * journal writer.
 */
class JournalCommandsTest
{
    private static final long EPOCH_BASE_NS = 1_767_584_700_000_000_000L; // 2026-01-05T03:45:00Z
    private static final long GAP_NS = 1_000_000L;
    private static final int[] KINDS = { PacketKind.LTP, PacketKind.QUOTE, PacketKind.FULL, PacketKind.INDEX_FULL };
    private static final int COUNT = 120;

    @TempDir
    Path dir;

    private static int token(final int i)
    {
        return ((100 + i % 4) << 8) | 1;
    }

    /**
     * 120 ticks, i = 0..119: key i % 2, kind KINDS[i % 4], token 100 + i % 4, last price 1234.50 + i/100, stamped
     * 1 ms apart; and one order text message after tick 59.
     */
    private Path record()
    {
        final Path journal = dir.resolve("journal");
        final MutableLong epochNanos = new MutableLong(EPOCH_BASE_NS);
        final TickEncoder encoder = new TickEncoder();
        final TickDecoder decoder = new TickDecoder();
        final UnsafeBuffer packet = new UnsafeBuffer(new byte[PacketKind.MAX_LENGTH]);
        final TickEvent tick = TickEvent.EVENT_FACTORY.newInstance();
        final TextEvent text = TextEvent.EVENT_FACTORY.newInstance();
        try (JournalWriter writer = JournalWriter.open(
            new JournalContext().directory(journal).epochNanoClock(epochNanos::get)))
        {
            writer.writeSession(new SessionInfo(
                JournalRecord.FORMAT_VERSION, EPOCH_BASE_NS, List.of("alpha", "beta"), 3, "test settings"));
            for (int i = 0; i < COUNT; i++)
            {
                final int kind = KINDS[i % KINDS.length];
                encoder.wrap(packet, 0, kind).instrumentToken(token(i)).lastPrice(123_450 + i);
                if (PacketKind.LTP != kind)
                {
                    encoder.open(123_000).high(124_000).low(122_000).close(123_400);
                }
                decoder.wrap(packet, 0, encoder.encodedLength());
                tick.decodeFrom(decoder, i % 2, i % 3, 1_000_000L + i);
                epochNanos.set(EPOCH_BASE_NS + i * GAP_NS);
                writer.onTick(tick, i, true);
                if (59 == i)
                {
                    final byte[] json = "{\"type\":\"order\",\"data\":{\"order_id\":\"42\"}}"
                        .getBytes(StandardCharsets.UTF_8);
                    text.set(1, 0, 2_000_000L, TextMessageDecoder.ORDER, new UnsafeBuffer(json), 0, json.length);
                    writer.onText(text, 0, true);
                }
            }
        }
        return journal;
    }

    private static Result kite(final String... args)
    {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final int exitCode;
        try (PrintWriter outWriter = new PrintWriter(out, true); PrintWriter errWriter = new PrintWriter(err, true))
        {
            exitCode = KiteCommand.execute(outWriter, errWriter, args);
        }
        return new Result(exitCode, out.toString(), err.toString());
    }

    private static final class Result
    {
        final int exitCode;
        final String out;
        final String err;

        Result(final int exitCode, final String out, final String err)
        {
            this.exitCode = exitCode;
            this.out = out;
            this.err = err;
        }

        long tickLines()
        {
            return out.lines().filter((line) -> line.contains(" token=")).count();
        }

        String checksum()
        {
            final Matcher matcher = Pattern.compile("checksum: ([0-9a-f]{16})").matcher(out);
            return matcher.find() ? matcher.group(1) : null;
        }

        public String toString()
        {
            return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
        }
    }

    @Test
    void shouldPrintASummaryWithCountsTimesAndAStableChecksumWhenReplayingARecording()
    {
        final Path journal = record();
        final Result first = kite("replay", journal.toString());
        assertThat(first.exitCode).as(first.toString()).isZero();
        assertThat(first.out).contains(
            "ticks: 120, text messages: 1, distinct tokens: 4",
            "per key: alpha=60 beta=60",
            "per kind: LTP=30 INDEX_FULL=30 QUOTE=30 FULL=30",
            "first: 2026-01-05T03:45:00Z",
            "last:  2026-01-05T03:45:00.119Z",
            "keys alpha(0), beta(1), 3 connection(s) per key",
            "settings: test settings",
            "text messages: order=1");
        assertThat(first.checksum()).isNotNull();

        final Result second = kite("replay", journal.toString());
        assertThat(second.checksum()).isEqualTo(first.checksum());
    }

    @Test
    void shouldPrintEveryTickDecodedOneALineWithDecimalPricesWhenPrint()
    {
        final Path journal = record();
        final Result result = kite("replay", "--print", journal.toString());
        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(result.tickLines()).isEqualTo(COUNT);
        assertThat(result.out).contains(
            "2026-01-05T03:45:00Z #", "key=alpha conn=0 LTP token=25601 ltp=1234.5",
            "key=beta conn=1 QUOTE token=25857 ltp=1234.51", "open=1230.0", "TEXT order {\"type\":\"order\"");
    }

    @Test
    void shouldFilterByTokenKeyAndRangeOfTimeOrIndex()
    {
        final Path journal = record();
        final Result byToken = kite("replay", "--print", "--token", token(2) + "," + token(3), journal.toString());
        assertThat(byToken.tickLines()).as(byToken.toString()).isEqualTo(60);
        assertThat(byToken.out).doesNotContain("token=" + token(0) + " ");

        final Result byKey = kite("replay", "--key", "beta", journal.toString());
        assertThat(byKey.out).as(byKey.toString()).contains("ticks: 60,", "per key: beta=60");

        final Result byTime = kite("replay", "--print", "--from", "2026-01-05T03:45:00.010Z",
            "--to", "2026-01-05T03:45:00.020Z", journal.toString());
        assertThat(byTime.tickLines()).as(byTime.toString()).isEqualTo(10);
        assertThat(byTime.out).contains("2026-01-05T03:45:00.010Z").doesNotContain("2026-01-05T03:45:00.020Z");

        final List<String> indices = kite("replay", "--print", journal.toString()).out.lines()
            .filter((line) -> line.contains(" token="))
            .map((line) -> line.substring(line.indexOf('#') + 1, line.indexOf(' ', line.indexOf('#'))))
            .toList();
        final Result byIndex = kite("replay", "--print", "--from", indices.get(5), "--to",
            "0x" + Long.toHexString(Long.parseLong(indices.get(14))), journal.toString());
        assertThat(byIndex.tickLines()).as(byIndex.toString()).isEqualTo(10);
    }

    @Test
    void shouldReplayAtAPaceWhenASpeedIsGiven()
    {
        final Path journal = record();
        final long startNs = System.nanoTime();
        final Result result = kite("replay", "--speed", "4", journal.toString());
        final long elapsedMs = (System.nanoTime() - startNs) / 1_000_000;
        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(result.out).contains("ticks: 120,", "at speed 4.0");
        assertThat(elapsedMs).as("119 ms recorded at speed 4").isGreaterThanOrEqualTo(25);
    }

    @Test
    void shouldExitNonZeroWithAClearMessageWhenTheDirectoryIsMissingOrNotARecording() throws Exception
    {
        final Result missing = kite("replay", dir.resolve("nope").toString());
        assertThat(missing.exitCode).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(missing.err).contains("kite replay: no such directory");

        final Path empty = Files.createDirectory(dir.resolve("empty"));
        final Result notRecording = kite("dump", empty.toString());
        assertThat(notRecording.exitCode).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(notRecording.err).contains("kite dump: not a recording");

        final Result badFrom = kite("replay", "--from", "yesterday", record().toString());
        assertThat(badFrom.exitCode).isEqualTo(2);
        assertThat(badFrom.err).contains("--from expects an ISO-8601 time");

        final Result noDir = kite("dump");
        assertThat(noDir.exitCode).isEqualTo(2);
    }

    @Test
    void shouldDumpEveryRawRecordDecoded()
    {
        final Path journal = record();
        final Result result = kite("dump", journal.toString());
        assertThat(result.exitCode).as(result.toString()).isZero();
        final String[] lines = result.out.split("\n");
        assertThat(Arrays.stream(lines).filter((line) -> line.matches("#\\d+ 0x[0-9a-f]+ TICK .*")).count())
            .isEqualTo(COUNT);
        assertThat(result.out).contains(
            "SESSION time=2026-01-05T03:45:00Z", "    key.1=beta",
            "TICK key=alpha(0) conn=0 kind=LTP length=8 recv=1000000 time=2026-01-05T03:45:00Z",
            "    LTP token=25601 ltp=1234.5",
            "TEXT key=beta(1) conn=0 type=order length=", "{\"type\":\"order\"");

        final Result limited = kite("dump", "--limit", "3", "--hex", journal.toString());
        assertThat(limited.out.lines().filter((line) -> line.startsWith("#")).count()).isEqualTo(3);
        assertThat(limited.out).contains("    raw: 00006401");
    }
}
