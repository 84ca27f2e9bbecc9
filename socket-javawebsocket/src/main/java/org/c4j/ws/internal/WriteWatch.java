package org.c4j.ws.internal;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Notices a peer that takes no bytes: the writer brackets each blocking socket write with {@link #begin} and
 * {@link #end}; a check every half {@code timeout} reports {@code stalled} once one write has been blocked for
 * {@code timeout} or longer (so within 1.5 × {@code timeout}). The heartbeat cannot see this: a peer that
 * never reads can still send pings and pongs. Thread-safe; checks run on the injected scheduler.
 */
public final class WriteWatch {
    private final ScheduledExecutorService timers;
    private final long timeoutNanos;
    private final Runnable stalled;
    private final LongSupplier nanoTime;
    /** nanoTime when the write in progress began, or 0 when none is. */
    private volatile long writingSince;
    // Guarded by this.
    private ScheduledFuture<?> checker;
    private boolean stopped;

    WriteWatch(ScheduledExecutorService timers, Duration timeout, Runnable stalled) {
        this(timers, timeout, stalled, System::nanoTime);
    }

    WriteWatch(ScheduledExecutorService timers, Duration timeout, Runnable stalled, LongSupplier nanoTime) {
        this.timers = timers;
        this.timeoutNanos = timeout.toNanos();
        this.stalled = stalled;
        this.nanoTime = nanoTime;
    }

    synchronized void start() {
        if (checker == null && !stopped) {
            long period = Math.max(1, timeoutNanos / 2);
            checker = timers.scheduleAtFixedRate(this::check, period, period, TimeUnit.NANOSECONDS);
        }
    }

    synchronized void stop() {
        stopped = true;
        if (checker != null) {
            checker.cancel(false);
        }
    }

    /** A socket write starts (writer thread). */
    void begin() {
        long now = nanoTime.getAsLong();
        writingSince = now == 0 ? 1 : now;
    }

    /** The socket write returned (writer thread). */
    void end() {
        writingSince = 0;
    }

    /** One check (run by the scheduler; package-private for tests). */
    void check() {
        long since = writingSince;
        if (since != 0 && nanoTime.getAsLong() - since >= timeoutNanos) {
            synchronized (this) {
                if (stopped) {
                    return;
                }
            }
            stop();
            stalled.run();
        }
    }
}
