package io.kiteticker.journal;

import io.kiteticker.codec.Mode;
import io.kiteticker.codec.packet.PacketKind;
import io.kiteticker.codec.text.TextMessageDecoder;
import io.kiteticker.engine.KiteManager;
import io.kiteticker.engine.KiteManagerBuilder;
import io.kiteticker.journal.replay.Replayer;
import io.kiteticker.journal.tools.JournalDump;
import io.kiteticker.simulator.KiteSimulator;
import io.kiteticker.simulator.SimulatedConnection;
import io.kiteticker.simulator.SimulatorContext;
import io.kiteticker.testing.Tests;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class KiteJournalTest
{
    private static final String KEY_A = "journal-key-a";
    private static final String TOKEN_A = "journal-token-a-SECRET";
    private static final String KEY_B = "journal-key-b";
    private static final String TOKEN_B = "journal-token-b-SECRET";

    @TempDir
    Path dir;

    @Test
    @Timeout(60)
    void shouldReplayEveryLiveTickAndTextIdenticallyAfterRecordingFromALiveManager()
    {
        final List<RecordedTick> live = Collections.synchronizedList(new ArrayList<>());
        final List<String> liveTexts = Collections.synchronizedList(new ArrayList<>());
        try (KiteSimulator simulator = KiteSimulator.launch(new SimulatorContext()
            .credential(KEY_A, TOKEN_A).credential(KEY_B, TOKEN_B).ticksPerSecond(5_000).ticksPerSecondPerToken(50)))
        {
            final KiteManagerBuilder builder = KiteManager.builder()
                .addApiKey("alpha", KEY_A, TOKEN_A)
                .addApiKey("beta", KEY_B, TOKEN_B)
                .maxConnectionsPerApi(2)
                .uri(simulator.uri())
                .connectionTimeout(Duration.ofSeconds(10))
                .onTick((event, sequence, endOfBatch) -> live.add(new RecordedTick(event)))
                .onText((event, sequence, endOfBatch) ->
                    liveTexts.add(event.buffer().getStringWithoutLengthUtf8(0, event.length())));

            try (KiteJournal journal = KiteJournal.build(builder, new JournalContext().directory(dir)))
            {
                final KiteManager manager = journal.manager();
                manager.start();
                final int[] tokens = simulator.universe().tokens(300);
                manager.subscribe(Arrays.copyOfRange(tokens, 0, 100), Mode.LTP);
                manager.subscribe(Arrays.copyOfRange(tokens, 100, 200), Mode.QUOTE);
                manager.subscribe(Arrays.copyOfRange(tokens, 200, 300), Mode.FULL);

                final List<SimulatedConnection> connections = simulator.awaitOpenConnections(4, Duration.ofSeconds(10));
                connections.get(0).sendOrder("{\"order_id\":\"151220000000000\",\"status\":\"COMPLETE\"}");
                connections.get(connections.size() - 1).sendError("journal test error");

                Tests.await(() -> journal.writer().ticksAppended() >= 20_000 && journal.writer().textsAppended() >= 2,
                    () -> "ticks=" + journal.writer().ticksAppended() + " texts=" + journal.writer().textsAppended());
            }
        }

        final List<RecordedTick> liveCopy;
        synchronized (live)
        {
            liveCopy = new ArrayList<>(live);
        }
        assertThat(liveCopy.size()).isGreaterThanOrEqualTo(20_000);
        assertThat(liveCopy.stream().map(RecordedTick::kind).distinct())
            .contains(PacketKind.LTP, PacketKind.QUOTE, PacketKind.FULL);

        try (SingleChronicleQueue queue = Journals.openForRead(dir))
        {
            final SessionInfo session = Journals.readSession(queue);
            assertThat(session).isNotNull();
            assertThat(session.apiKeyIds()).containsExactly("alpha", "beta");
            assertThat(session.connectionsPerKey()).isEqualTo(2);
            assertThat(session.encode()).doesNotContain(KEY_A, KEY_B, TOKEN_A, TOKEN_B);

            for (int pass = 0; pass < 2; pass++)
            {
                final List<RecordedTick> replayed = new ArrayList<>(liveCopy.size());
                final List<String> texts = new ArrayList<>();
                final List<Integer> textTypes = new ArrayList<>();
                final List<String> textTags = new ArrayList<>();
                final Replayer replayer = new Replayer(queue, (event, sequence, endOfBatch) ->
                    replayed.add(new RecordedTick(event)))
                    .textHandler((event, sequence, endOfBatch) ->
                    {
                        texts.add(event.buffer().getStringWithoutLengthUtf8(0, event.length()));
                        textTypes.add(event.type());
                        textTags.add(event.apiKeyIndex() + "/" + event.connectionIndex());
                    });
                replayer.replay();
                replayer.onClose();

                assertThat(replayed).as("pass %d", pass).containsExactlyElementsOf(liveCopy);
                assertThat(texts).containsExactlyElementsOf(liveTexts);
                assertThat(textTypes).containsExactlyInAnyOrder(TextMessageDecoder.ORDER, TextMessageDecoder.ERROR);
                assertThat(textTags).hasSize(2);
            }

            final StringWriter dump = new StringWriter();
            new JournalDump(new PrintWriter(dump)).limit(5).dump(queue);
            assertThat(dump.toString()).contains("SESSION", "key.0=alpha", "TICK key=").doesNotContain(TOKEN_A);
        }
    }
}
