package io.kiteticker.engine.threading;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;

class ThreadsTest
{
    @Test
    @Timeout(10)
    void shouldWaitForTheThreadAndRestoreTheInterruptWhenInterruptedWhileWaiting() throws Exception
    {
        final CountDownLatch release = new CountDownLatch(1);
        final Thread worker = new Thread(() ->
        {
            try
            {
                release.await();
            }
            catch (final InterruptedException ignore)
            {
                Thread.currentThread().interrupt();
            }
        }, "threads-test-worker");
        worker.start();

        final boolean[] wasInterrupted = new boolean[1];
        final boolean[] wasWorkerAlive = new boolean[1];
        final Thread waiter = new Thread(() ->
        {
            Thread.currentThread().interrupt();
            Threads.joinUninterruptibly(worker);
            wasWorkerAlive[0] = worker.isAlive();
            wasInterrupted[0] = Thread.currentThread().isInterrupted();
        }, "threads-test-waiter");
        waiter.start();

        assertThat(waiter.isAlive()).isTrue();
        release.countDown();
        waiter.join(5_000);

        assertThat(waiter.isAlive()).isFalse();
        assertThat(wasWorkerAlive[0]).isFalse();
        assertThat(wasInterrupted[0]).isTrue();
    }
}
