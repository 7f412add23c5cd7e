package io.kiteticker.cli;

import io.kiteticker.testing.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A trading firm's process opens no connection but the ones it asked for: an embedded simulator, engine, journal and
 * replay, with no Chronicle property set, connect to nothing but the Kite server they were given (here the
 * simulator) on loopback and look up no host name but loopback's. Runs in a child JVM under a recording security
 * manager ({@link OutboundConnectionsMain}).
 */
class OutboundConnectionsTest
{
    @TempDir
    Path directory;

    @Test
    @Timeout(90)
    void shouldConnectToNothingButTheKiteServerAndLoopbackWhenEmbeddedWithoutProperties() throws Exception
    {
        final List<String> command = ChildJvm.command(
            List.of("-Duser.home=" + directory, "-Djava.security.manager=allow"), false,
            OutboundConnectionsMain.class, directory.resolve("journal").toString());
        assertThat(command).noneMatch((argument) -> argument.contains("chronicle."));

        final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();

        final Matcher simulator = Pattern.compile("simulator (\\S+):(\\d+)").matcher(output);
        assertThat(simulator.find()).as(output).isTrue();
        final Matcher counts = Pattern.compile("ticks (\\d+), replayed (\\d+)").matcher(output);
        assertThat(counts.find()).as(output).isTrue();
        assertThat(Long.parseLong(counts.group(1))).as(output).isGreaterThanOrEqualTo(100);
        assertThat(Long.parseLong(counts.group(2))).as(output).isGreaterThanOrEqualTo(100);

        final String listed = output.substring(output.indexOf("connects: [") + "connects: [".length(),
            output.lastIndexOf(']'));
        final List<String> connects = Arrays.stream(listed.split(", ")).filter((entry) -> !entry.isBlank()).toList();
        assertThat(connects).as("the engine's own connections are seen")
            .contains(simulator.group(1) + " " + simulator.group(2));
        assertThat(connects).as(output).allMatch(OutboundConnectionsTest::isLoopback);
    }

    private static boolean isLoopback(final String connect)
    {
        final String host = connect.substring(0, connect.lastIndexOf(' '));
        return host.equals("localhost") || host.startsWith("127.") || host.equals("::1") ||
            host.equals("0:0:0:0:0:0:0:1");
    }
}
