package io.kiteticker.simulator;

import io.kiteticker.codec.packet.Segment;
import io.kiteticker.codec.ws.HandshakeRequestEncoder;
import io.kiteticker.codec.ws.HandshakeResponseDecoder;
import io.kiteticker.codec.ws.WebSocketFrameEncoder;
import org.agrona.concurrent.UnsafeBuffer;

import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Standalone flood benchmark (not a unit test): the simulator in FLOOD mode, full mode on N tradable tokens, read
 * over plain loopback by a minimal blocking raw-socket reader that only walks the WebSocket frame headers and reads
 * each Kite message's packet count. Prints packets/s and MB/s (WebSocket bytes) per second and in total.
 * <pre>
 *   mvn -B -q -ntp -pl simulator org.codehaus.mojo:exec-maven-plugin:3.6.4:exec -Dexec.executable=java \
 *     -Dexec.classpathScope=test "-Dexec.args=--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED -cp %classpath \
 *     io.kiteticker.simulator.SimulatorFloodBenchmark 10"
 *   (or by hand, after test-compile:)
 *   R=~/.m2/repository
 *   java -cp "codec/target-sim/classes:transport/target-sim/classes:simulator/target-sim/classes:\
 *   simulator/target-sim/test-classes:\
 *   $R/org/agrona/agrona/2.6.0/agrona-2.6.0.jar:$R/com/dslplatform/dsl-json/2.0.2/dsl-json-2.0.2.jar:\
 *   $R/org/bouncycastle/bcpkix-jdk18on/1.80/bcpkix-jdk18on-1.80.jar:\
 *   $R/org/bouncycastle/bcprov-jdk18on/1.80/bcprov-jdk18on-1.80.jar:\
 *   $R/org/bouncycastle/bcutil-jdk18on/1.80/bcutil-jdk18on-1.80.jar:\
 *   $R/org/slf4j/slf4j-api/2.0.17/slf4j-api-2.0.17.jar" \
 *     --add-exports=java.base/jdk.internal.misc=ALL-UNNAMED \
 *     io.kiteticker.simulator.SimulatorFloodBenchmark [seconds=10] [tokens=3000] [packetsPerMessage=200]
 * </pre>
 */
public final class SimulatorFloodBenchmark
{
    private SimulatorFloodBenchmark()
    {
    }

    /**
     * Run the benchmark.
     *
     * @param args seconds, tokens, packets per message.
     * @throws Exception on failure.
     */
    public static void main(final String[] args) throws Exception
    {
        final int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        final int tokenCount = args.length > 1 ? Integer.parseInt(args[1]) : 3000;
        final int packetsPerMessage = args.length > 2 ? Integer.parseInt(args[2]) : 200;

        try (KiteSimulator simulator = KiteSimulator.launch(new SimulatorContext()
            .sendMode(SendMode.FLOOD)
            .maxPacketsPerMessage(packetsPerMessage)
            .universe(io.kiteticker.simulator.market.Universe.standard(3000)));
            SocketChannel channel = SocketChannel.open())
        {
            channel.setOption(StandardSocketOptions.SO_RCVBUF, 4 * 1024 * 1024);
            channel.connect(new InetSocketAddress("127.0.0.1", simulator.port()));
            final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(8 * 1024 * 1024));
            final ByteBuffer byteBuffer = buffer.byteBuffer();

            final HandshakeRequestEncoder request = new HandshakeRequestEncoder().uri(simulator.authenticatedUri());
            final int requestLength = request.encode(buffer, 0);
            byteBuffer.clear().limit(requestLength);
            while (byteBuffer.hasRemaining())
            {
                channel.write(byteBuffer);
            }
            byteBuffer.clear();
            final HandshakeResponseDecoder response = new HandshakeResponseDecoder().expectedKey(request.key());
            int result;
            do
            {
                channel.read(byteBuffer);
                result = response.decode(buffer, 0, byteBuffer.position());
            }
            while (HandshakeResponseDecoder.NEED_MORE_DATA == result);
            if (HandshakeResponseDecoder.OK != result)
            {
                throw new IllegalStateException("upgrade failed: " + HandshakeResponseDecoder.codeName(result));
            }
            byteBuffer.clear();

            final int[] tokens = Arrays.stream(simulator.universe().tokens(tokenCount * 2))
                .filter((token) -> !Segment.isIndex(Segment.segment(token))).limit(tokenCount).toArray();
            sendText(channel, "{\"a\":\"subscribe\",\"v\":" + Arrays.toString(tokens).replace(" ", "") + "}");
            sendText(channel, "{\"a\":\"mode\",\"v\":[\"full\"," + Arrays.toString(tokens).replace(" ", "") + "]}");

            long bytes = 0;
            long packets = 0;
            long messages = 0;
            long intervalBytes = 0;
            long intervalPackets = 0;
            int position = 0;
            long skip = 0;
            final long startNs = System.nanoTime();
            final long agentCpuStartNs = agentCpuNs();
            final long agentAllocatedStartBytes = agentAllocatedBytes();
            final long readerCpuStartNs =
                java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            long intervalStartNs = startNs;
            final long endNs = startNs + seconds * 1_000_000_000L;
            while (true)
            {
                final int read = channel.read(byteBuffer);
                if (read < 0)
                {
                    throw new IllegalStateException("server closed");
                }
                bytes += read;
                intervalBytes += read;
                final int limit = byteBuffer.position();
                while (true)
                {
                    if (skip > 0)
                    {
                        final int step = (int)Math.min(skip, limit - position);
                        skip -= step;
                        position += step;
                        if (skip > 0)
                        {
                            break;
                        }
                    }
                    if (limit - position < 12)
                    {
                        break;
                    }
                    final int lengthCode = buffer.getByte(position + 1) & 0x7F;
                    final int headerLength = lengthCode < 126 ? 2 : lengthCode == 126 ? 4 : 10;
                    final long payloadLength = lengthCode < 126 ? lengthCode :
                        lengthCode == 126 ? buffer.getShort(position + 2, ByteOrder.BIG_ENDIAN) & 0xFFFF :
                        buffer.getLong(position + 2, ByteOrder.BIG_ENDIAN);
                    if (payloadLength >= 2)
                    {
                        final int count = buffer.getShort(position + headerLength, ByteOrder.BIG_ENDIAN) & 0xFFFF;
                        packets += count;
                        intervalPackets += count;
                    }
                    messages++;
                    position += headerLength;
                    skip = payloadLength;
                }
                if (position > 0)
                {
                    final int remaining = limit - position;
                    buffer.putBytes(0, buffer, position, remaining);
                    byteBuffer.clear().position(remaining);
                    position = 0;
                }

                final long nowNs = System.nanoTime();
                if (nowNs - intervalStartNs >= 1_000_000_000L)
                {
                    final double s = (nowNs - intervalStartNs) / 1e9;
                    System.out.printf("%,12.0f packets/s %,9.1f MB/s%n", intervalPackets / s, intervalBytes / s / 1e6);
                    intervalStartNs = nowNs;
                    intervalBytes = 0;
                    intervalPackets = 0;
                }
                if (nowNs - endNs > 0)
                {
                    break;
                }
            }
            final double s = (System.nanoTime() - startNs) / 1e9;
            final long agentCpuNs = agentCpuNs() - agentCpuStartNs;
            final long agentAllocatedBytes = agentAllocatedBytes() - agentAllocatedStartBytes;
            final long readerCpuNs =
                java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() -
                readerCpuStartNs;
            System.out.printf("simulator thread CPU %.2f s = %.1f ns/packet (%,.0f packets per CPU-second); " +
                "reader thread CPU %.2f s%n", agentCpuNs / 1e9, (double)agentCpuNs / packets,
                packets / (agentCpuNs / 1e9), readerCpuNs / 1e9);
            System.out.printf("simulator thread allocated %,d bytes (%.4f bytes/packet)%n",
                agentAllocatedBytes, (double)agentAllocatedBytes / packets);
            System.out.printf("total: %,d packets in %,d messages, %,d bytes in %.1f s: %,.0f packets/s, %,.1f MB/s%n",
                packets, messages, bytes, s, packets / s, bytes / s / 1e6);
        }
    }

    private static long agentAllocatedBytes()
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)java.lang.management.ManagementFactory.getThreadMXBean();
        return threads.getThreadAllocatedBytes(agentThread().getId());
    }

    private static Thread agentThread()
    {
        for (final Thread thread : Thread.getAllStackTraces().keySet())
        {
            if ("kite-simulator".equals(thread.getName()))
            {
                return thread;
            }
        }
        throw new IllegalStateException("no simulator thread");
    }

    private static long agentCpuNs()
    {
        final java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        for (final Thread thread : Thread.getAllStackTraces().keySet())
        {
            if ("kite-simulator".equals(thread.getName()))
            {
                return threads.getThreadCpuTime(thread.getId());
            }
        }
        throw new IllegalStateException("no simulator thread");
    }

    private static void sendText(final SocketChannel channel, final String text) throws Exception
    {
        final byte[] payload = text.getBytes(StandardCharsets.US_ASCII);
        final UnsafeBuffer frame = new UnsafeBuffer(ByteBuffer.allocateDirect(payload.length + 16));
        final int length = WebSocketFrameEncoder.clientSide().encodeText(frame, 0, new UnsafeBuffer(payload), 0,
            payload.length);
        final ByteBuffer out = frame.byteBuffer().duplicate();
        out.clear().limit(length);
        while (out.hasRemaining())
        {
            channel.write(out);
        }
    }
}
