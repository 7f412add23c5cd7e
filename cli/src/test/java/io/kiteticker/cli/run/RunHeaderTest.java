package io.kiteticker.cli.run;

import io.kiteticker.codec.Mode;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RunHeaderTest
{
    private static final String NL = System.lineSeparator();
    private static final Path STATUS_FILE = Path.of("status", "kite.status");
    private static final Path JOURNAL = Path.of("recordings", "run-1");

    private final StringWriter text = new StringWriter();
    private final RunHeader header = new RunHeader(new PrintWriter(text));

    @Test
    void shouldNameTheSimulatorAndTheJournalRateWhenEmbedded()
    {
        final RunSettings settings = settings(null, List.of(), new Mode[]{ Mode.FULL }, 5);

        header.print(settings, URI.create("ws://127.0.0.1:4321"), 3000, JOURNAL);

        // one full tick journaled: 4 (Chronicle header) + 32 (record header) + 184 (packet) = 220 bytes
        assertThat(text.toString()).isEqualTo(
            "kite run: embedded simulator ws://127.0.0.1:4321 (latency mode, 10,000 ticks/s)" + NL +
            "engine: 2 key(s) x 3 connection(s), 3,000 tokens in full mode" + NL +
            "journal: " + JOURNAL + " (about 2.1 MiB/s at this rate; --no-journal to turn it off)" + NL +
            "status: " + STATUS_FILE + " (watch it with: ./kite stats)" + NL +
            "running for 5 s (Ctrl-C to stop earlier)" + NL);
    }

    @Test
    void shouldNameTheUrlAndWhereTheCredentialsCameFromButNeverTheCredentials()
    {
        final List<Credential> credentials = List.of(
            new Credential("key-1", "the-api-key", "the-token", "KITE_API_KEY/KITE_ACCESS_TOKEN in the environment"),
            new Credential("key-2", "the-api-key-2", "the-token-2", "KITE_API_KEY_2/… in the environment"));
        final RunSettings settings = settings(
            URI.create("wss://ws.kite.trade/?api_key=x"), credentials, new Mode[]{ Mode.LTP, Mode.QUOTE }, 0);

        header.print(settings, null, 10, null);

        assertThat(text.toString()).isEqualTo(
            "kite run: wss://ws.kite.trade, credentials of 2 key(s) in the environment" + NL +
            "engine: 2 key(s) x 3 connection(s), 10 tokens in mixed mode" + NL +
            "journal: off" + NL +
            "status: " + STATUS_FILE + " (watch it with: ./kite stats)" + NL +
            "running until Ctrl-C" + NL)
            .doesNotContain("the-api-key", "the-token");
    }

    @Test
    void shouldNameTheJournalWithoutARateAgainstAUrl()
    {
        final List<Credential> credentials = List.of(new Credential("key-1", "k", "t", "K/T in kite.properties"));
        final RunSettings settings = settings(URI.create("wss://example.org:8443"), credentials,
            new Mode[]{ Mode.QUOTE }, 0);

        header.print(settings, null, 10, JOURNAL);

        assertThat(text.toString()).contains(
            "kite run: wss://example.org:8443, credentials of 2 key(s) in kite.properties" + NL,
            NL + "journal: " + JOURNAL + NL);
    }

    private static RunSettings settings(
        final URI url, final List<Credential> credentials, final Mode[] modes, final long durationSeconds)
    {
        return new RunSettings(url, false, credentials, 2, 3, TokenSelection.count(3000), modes, 10_000,
            durationSeconds, JOURNAL, null, null, STATUS_FILE, Duration.ofSeconds(10),
            Duration.ofSeconds(10), "backoff", "phased", false);
    }
}
