package io.kiteticker.engine.manager;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.RingBuffer;
import io.kiteticker.engine.ring.TickEvent;
import org.agrona.concurrent.SystemNanoClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.kiteticker.testing.Tests.await;
import static org.assertj.core.api.Assertions.assertThat;

@Timeout(30)
class HandlerRingsTest
{
    private final List<Throwable> errors = new CopyOnWriteArrayList<>();
    private final HandlerRings rings =
        new HandlerRings(4, 1024, 1024, BlockingWaitStrategy::new, errors::add, SystemNanoClock.INSTANCE);

    @AfterEach
    void after()
    {
        rings.stop();
    }

    private void publish(final int apiKeyIndex, final int connectionIndex, final long receiveNanos)
    {
        final RingBuffer<TickEvent> ring = rings.tickRing();
        final long sequence = ring.next();
        ring.get(sequence).clear(apiKeyIndex, connectionIndex, receiveNanos);
        ring.publish(sequence);
    }

    private static boolean isHandlerThread(final String name)
    {
        return name.startsWith("kite-tick-handler-") || name.startsWith("kite-text-handler-");
    }

    @Test
    void shouldPassEachViewOnlyTheEventsOfItsKeyAndConnection()
    {
        final List<Long> all = new CopyOnWriteArrayList<>();
        final List<Long> keyOne = new CopyOnWriteArrayList<>();
        final List<Long> keyOneConnectionTwo = new CopyOnWriteArrayList<>();
        rings.addTickHandler((event, sequence, endOfBatch) -> all.add(event.receiveNanos()), -1, -1);
        rings.addTickHandler((event, sequence, endOfBatch) -> keyOne.add(event.receiveNanos()), 1, -1);
        rings.addTickHandler((event, sequence, endOfBatch) -> keyOneConnectionTwo.add(event.receiveNanos()), 1, 2);
        rings.start();

        publish(0, 2, 10);
        publish(1, 0, 11);
        publish(1, 2, 12);
        await(() -> 3 == all.size(), "every event on the unfiltered handler");
        rings.stop();

        assertThat(all).containsExactly(10L, 11L, 12L);
        assertThat(keyOne).containsExactly(11L, 12L);
        assertThat(keyOneConnectionTwo).containsExactly(12L);
    }

    @Test
    void shouldDrainWhatWasPublishedAndJoinEveryThreadWhenStopped()
    {
        final List<Long> seen = new CopyOnWriteArrayList<>();
        rings.addTickHandler((event, sequence, endOfBatch) -> seen.add(sequence), -1, -1);
        rings.addTextHandler((event, sequence, endOfBatch) ->
        {
        });
        rings.start();
        for (int i = 0; i < 100; i++)
        {
            publish(0, 0, i);
        }

        rings.stop();

        assertThat(seen).hasSize(100);
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(
            (thread) -> thread.isAlive() && isHandlerThread(thread.getName()));
    }

    @Test
    void shouldReportAHandlerExceptionAndCarryOnWhenAHandlerThrows()
    {
        final List<Long> seen = new CopyOnWriteArrayList<>();
        rings.addTickHandler((event, sequence, endOfBatch) ->
        {
            if (0 == event.receiveNanos())
            {
                throw new IllegalStateException("first event");
            }
            seen.add(event.receiveNanos());
        }, -1, -1);
        rings.start();

        publish(0, 0, 0);
        publish(0, 0, 1);
        await(() -> 1 == seen.size(), "the next event after the failure");

        assertThat(errors).singleElement().isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldRunAgainWhenRestarted()
    {
        final List<Long> seen = new CopyOnWriteArrayList<>();
        rings.addTickHandler((event, sequence, endOfBatch) -> seen.add(event.receiveNanos()), -1, -1);
        rings.start();
        publish(0, 0, 1);
        rings.stop();

        rings.start();
        publish(0, 0, 2);
        await(() -> 2 == seen.size(), "the event after the restart");

        assertThat(seen).containsExactly(1L, 2L);
    }
}
