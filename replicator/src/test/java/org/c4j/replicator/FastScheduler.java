package org.c4j.replicator;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** A real scheduler that shortens every delay to at most a few milliseconds: retries and autosaves come at once. */
public final class FastScheduler extends ScheduledThreadPoolExecutor {
    private static final long MAX_DELAY_MS = 5;

    FastScheduler() {
        super(1, r -> {
            Thread t = new Thread(r, "fast-scheduler");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        return super.schedule(command, Math.min(unit.toMillis(delay), MAX_DELAY_MS), TimeUnit.MILLISECONDS);
    }
}
