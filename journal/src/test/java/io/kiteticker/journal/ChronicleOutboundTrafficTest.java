package io.kiteticker.journal;

import io.kiteticker.testing.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application that embeds the journal without the launcher's flags starts no Chronicle analytics client (no
 * {@code chronicle~analytics} thread, no client id file in the user's home) and no announcer: the journal turns them
 * off itself. Runs in a child JVM, since the build passes the properties to this one.
 */
class ChronicleOutboundTrafficTest
{
    @TempDir
    Path dir;

    @Test
    @Timeout(60)
    void shouldStartNoAnalyticsClientWhenAnApplicationEmbedsTheJournalWithoutChronicleProperties() throws Exception
    {
        final Path home = Files.createDirectory(dir.resolve("home"));
        final List<String> command = ChildJvm.command(List.of("-Duser.home=" + home), false,
            EmbeddedJournalMain.class, dir.resolve("journal").toString());
        assertThat(command).noneMatch((argument) -> argument.contains("chronicle.analytics") ||
            argument.contains("chronicle.announcer"));

        final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();

        assertThat(output).contains("replayed 100", "analytics true, announcer true");
        final String threads = output.substring(output.indexOf("threads: "));
        assertThat(threads).as(output).doesNotContainIgnoringCase("analytics");
        assertThat(output).doesNotContain("chronicle.software", "UnknownHostException");
        try (Stream<Path> files = Files.walk(home))
        {
            assertThat(files.map((file) -> file.getFileName().toString()))
                .as("files written to the user's home").noneMatch((name) -> name.contains("chronicle"));
        }
    }
}
