package org.c4j.replicator.internal.core;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Hands tasks to a serial executor with one executor task per burst instead of one each: tasks queue here, and
 * one drain task (queued only when none is waiting) runs whatever has arrived. Tasks run in the order they were
 * submitted, and before any task the submitting thread gives the target directly afterwards — but may overtake
 * tasks it gave the target directly before (a drain queued earlier runs them), so a user submits all the tasks whose
 * order matters here. A task that throws is reported to {@code onFailure} and the rest still run.
 *
 * <p>Thread-safe: any thread may {@link #submit}; the tasks run on the target executor.
 */
public final class BatchedHandOff {
    private final Executor target;
    private final Consumer<RuntimeException> onFailure;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    /**
     * A drain task is queued on the target and hasn't started (guarded by this). Set and queued under one lock: a
     * submitter that finds it set knows the drain is already on the target, ahead of anything it gives the target
     * next (with a bare compare-and-set, another thread could have set it and not yet queued the drain).
     */
    private boolean drainQueued;

    public BatchedHandOff(Executor target, Consumer<RuntimeException> onFailure) {
        this.target = target;
        this.onFailure = onFailure;
    }

    public void submit(Runnable task) {
        tasks.add(task);
        synchronized (this) {
            if (!drainQueued) {
                drainQueued = true;
                target.execute(this::drain);
            }
        }
    }

    private void drain() {
        synchronized (this) {
            drainQueued = false;
        }
        for (Runnable task; (task = tasks.poll()) != null; ) {
            try {
                task.run();
            } catch (RuntimeException e) {
                onFailure.accept(e);
            }
        }
    }
}
