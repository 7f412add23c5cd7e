package io.kiteticker.engine.threading;

import io.kiteticker.testing.AllocationMeter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.channels.SelectionKey;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(60)
class SelectIdleStrategyTest
{
    private static final long LONG_WAIT_NS = TimeUnit.SECONDS.toNanos(30);

    private Pipe pipe;
    private final ByteBuffer one = ByteBuffer.allocateDirect(1);

    @BeforeEach
    void openPipe() throws IOException
    {
        pipe = Pipe.open();
        pipe.source().configureBlocking(false);
    }

    @AfterEach
    void closePipe() throws IOException
    {
        pipe.sink().close();
        pipe.source().close();
    }

    @Test
    void shouldWakeAsSoonAsARegisteredChannelIsReadable() throws Exception
    {
        try (SelectIdleStrategy idle = new SelectIdleStrategy(LONG_WAIT_NS))
        {
            idle.register(pipe.source(), SelectionKey.OP_READ);
            final CompletableFuture<Long> waited = CompletableFuture.supplyAsync(() ->
            {
                final long startNs = System.nanoTime();
                idle.idle(0);
                return System.nanoTime() - startNs;
            });

            writeOneByte();

            assertThat(waited.get(10, TimeUnit.SECONDS)).as("woken by the byte, not the 30 s limit")
                .isLessThan(TimeUnit.SECONDS.toNanos(10));
        }
    }

    @Test
    void shouldReturnAtOnceWhenTheCycleDidWork() throws IOException
    {
        try (SelectIdleStrategy idle = new SelectIdleStrategy(LONG_WAIT_NS))
        {
            idle.register(pipe.source(), SelectionKey.OP_READ);
            final long startNs = System.nanoTime();
            for (int i = 0; i < 1000; i++)
            {
                idle.idle(1);
            }
            assertThat(System.nanoTime() - startNs).isLessThan(TimeUnit.SECONDS.toNanos(10));
        }
    }

    @Test
    void shouldReturnWithinMaxWaitWhenNothingIsReadable() throws IOException
    {
        try (SelectIdleStrategy idle = new SelectIdleStrategy())
        {
            idle.register(pipe.source(), SelectionKey.OP_READ);
            assertThat(idle.maxWaitNs()).isEqualTo(SelectIdleStrategy.DEFAULT_MAX_WAIT_NS);
            final long startNs = System.nanoTime();
            for (int i = 0; i < 20; i++)
            {
                idle.idle(0);
            }
            assertThat(System.nanoTime() - startNs).as("20 empty waits of at most 1 ms")
                .isLessThan(TimeUnit.SECONDS.toNanos(10));
        }
    }

    @Test
    void shouldWakeFromAnotherThreadOnWakeup() throws Exception
    {
        try (SelectIdleStrategy idle = new SelectIdleStrategy(LONG_WAIT_NS))
        {
            final CompletableFuture<Void> waited = CompletableFuture.runAsync(() -> idle.idle(0));
            idle.wakeup();
            waited.get(10, TimeUnit.SECONDS);
            assertThat(waited).isCompleted();
        }
    }

    @Test
    void shouldNotAllocateWhileWaitingOrWaking() throws IOException
    {
        try (SelectIdleStrategy idle = new SelectIdleStrategy(LONG_WAIT_NS))
        {
            idle.register(pipe.source(), SelectionKey.OP_READ);
            final ByteBuffer drain = ByteBuffer.allocateDirect(16);

            final long bytes = AllocationMeter.measure(20_000, 20_000, () ->
            {
                writeOneByte();
                idle.idle(0);           // readable: wakes at once
                drain.clear();
                readFully(drain);
                idle.idle(1);           // the agent did work
            });

            assertThat(bytes).as("bytes allocated over 20,000 wake-ups").isZero();
        }
    }

    private void writeOneByte()
    {
        try
        {
            one.clear();
            while (one.hasRemaining())
            {
                pipe.sink().write(one);
            }
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    private void readFully(final ByteBuffer drain)
    {
        try
        {
            while (0 == pipe.source().read(drain))
            {
                Thread.onSpinWait();
            }
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException(ex);
        }
    }
}
