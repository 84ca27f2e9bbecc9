package org.c4j;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Delayed;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** A scheduler whose delayed tasks run only when the test says so; it records every requested delay. */
final class ManualScheduler extends ScheduledThreadPoolExecutor {
    private final List<Task> tasks = new ArrayList<>();
    final List<Long> delaysMs = new ArrayList<>();

    ManualScheduler() {
        super(1);
    }

    @Override
    public synchronized ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        Task t = new Task(command, unit.toMillis(delay));
        tasks.add(t);
        delaysMs.add(unit.toMillis(delay));
        return t;
    }

    synchronized int pending() {
        tasks.removeIf(Task::isDone);
        return tasks.size();
    }

    /** Runs the oldest pending task on the caller's thread. */
    void runNext() {
        Task t;
        synchronized (this) {
            tasks.removeIf(Task::isDone);
            if (tasks.isEmpty()) {
                throw new AssertionError("nothing scheduled");
            }
            t = tasks.remove(0);
        }
        t.run();
    }

    private static final class Task extends FutureTask<Void> implements ScheduledFuture<Void> {
        private final long delayMs;

        Task(Runnable r, long delayMs) {
            super(r, null);
            this.delayMs = delayMs;
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(delayMs, TimeUnit.MILLISECONDS);
        }

        @Override
        public int compareTo(Delayed o) {
            return Long.compare(getDelay(TimeUnit.MILLISECONDS), o.getDelay(TimeUnit.MILLISECONDS));
        }
    }
}
