package org.c4j.internal.db;

import java.time.Clock;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the purge of expired documents when the earliest expiration comes due, then again at the next one the
 * purge reports. Scheduling an earlier time replaces the pending run; a later one is ignored.
 *
 * <p>Thread-safe.
 */
public final class ExpiryScheduler {
    private static final Logger LOG = LoggerFactory.getLogger(ExpiryScheduler.class);

    private final ScheduledExecutorService executor;
    private final Clock clock;
    private final LongSupplier purge;
    private ScheduledFuture<?> pending;
    private long pendingAt;
    private boolean cancelled;

    /** {@code purge} purges what has expired and returns the next expiration time (0: none). */
    public ExpiryScheduler(ScheduledExecutorService executor, Clock clock, LongSupplier purge) {
        this.executor = executor;
        this.clock = clock;
        this.purge = purge;
    }

    /** Makes sure a purge runs at {@code epochMillis} (0: nothing to do). */
    public synchronized void schedule(long epochMillis) {
        if (epochMillis <= 0 || cancelled || (pending != null && pendingAt <= epochMillis)) {
            return;
        }
        if (pending != null) {
            pending.cancel(false);
        }
        long delay = Math.max(0, epochMillis - clock.millis());
        try {
            pending = executor.schedule(this::run, delay, TimeUnit.MILLISECONDS);
            pendingAt = epochMillis;
        } catch (RejectedExecutionException e) {
            pending = null;
        }
    }

    private void run() {
        synchronized (this) {
            pending = null;
        }
        long next;
        try {
            next = purge.getAsLong();
        } catch (RuntimeException e) {
            LOG.warn("purging expired documents failed", e);
            return;
        }
        schedule(next);
    }

    public synchronized void cancel() {
        cancelled = true;
        if (pending != null) {
            pending.cancel(false);
            pending = null;
        }
    }
}
