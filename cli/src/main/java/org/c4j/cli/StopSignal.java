package org.c4j.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * How a long-running command ({@code serve}, {@code sync}) learns that it should stop, and how whoever asked learns
 * that it has: {@link Main} fires it on SIGINT/SIGTERM, tests fire it directly. A command that honours it says so
 * with {@link #watch()}; a stop asked of a command that doesn't watch (a quick {@code put}) just ends the process.
 *
 * <p>Thread-safe. One-shot: once requested, it stays requested.
 */
public final class StopSignal {
    private final CountDownLatch requested = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean watched;

    /** The running command will stop cleanly when asked. */
    public void watch() {
        watched = true;
    }

    public boolean isWatched() {
        return watched;
    }

    /** Asks the running command to stop. */
    public void request() {
        requested.countDown();
    }

    public boolean isRequested() {
        return requested.getCount() == 0;
    }

    /** Blocks until {@link #request()} is called. */
    public void awaitRequest() throws InterruptedException {
        requested.await();
    }

    /** Marks the command as finished (it has stopped and released everything). */
    public void finished() {
        finished.countDown();
    }

    /** Blocks until {@link #finished()} is called or the timeout passes; true if finished. */
    public boolean awaitFinished(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }
}
