package org.c4j.replicator.internal.core;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import org.c4j.replicator.ReplicatorStatus;

/**
 * Tells the core's observer about status changes at LiteCore's pace: a change of activity or error at once, mere
 * progress at most every {@link ReplTuning#MIN_STATUS_INTERVAL} (a deferred recheck is scheduled instead).
 *
 * <p>Not thread-safe: owned by the core and used only on its executor; time comes from the injected clock.
 */
final class StatusPublisher {
    private static final long MIN_INTERVAL_MS = ReplTuning.MIN_STATUS_INTERVAL.toMillis();

    private final CoreObserver observer;
    private final ScheduledExecutorService scheduler;
    private final LongSupplier clockMillis;
    private final Runnable recheckOnOwner;
    private ReplicatorStatus published;
    private long publishedAt;
    private boolean deferred;

    /**
     * @param recheckOnOwner enqueues a status recomputation on the owner's executor (called from the scheduler)
     */
    StatusPublisher(CoreObserver observer, ScheduledExecutorService scheduler, LongSupplier clockMillis,
                    Runnable recheckOnOwner) {
        this.observer = observer;
        this.scheduler = scheduler;
        this.clockMillis = clockMillis;
        this.recheckOnOwner = recheckOnOwner;
    }

    /** Publishes {@code status} unless it equals the last one or is mere progress reported too soon. */
    void offer(ReplicatorStatus status) {
        if (status.equals(published)) {
            return;
        }
        long now = clockMillis.getAsLong();
        boolean progressOnly = published != null && status.activity() == published.activity()
                && status.error() == published.error();
        long wait = progressOnly ? Math.min(MIN_INTERVAL_MS, MIN_INTERVAL_MS - (now - publishedAt)) : 0;
        if (wait > 0) {
            if (!deferred) {
                deferred = true;
                scheduler.schedule(recheckOnOwner, wait, TimeUnit.MILLISECONDS);
            }
            return;
        }
        published = status;
        publishedAt = now;
        observer.statusChanged(status);
    }

    /** The deferred recheck is running: a later progress report may schedule another. */
    void recheckStarted() {
        deferred = false;
    }
}
