package org.c4j.socket;

import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.Executor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks one at a time, in submission order, on a shared base executor: the "one owner per thread of control"
 * building block used by connections, replicator workers and transports (DESIGN.md §3). Tasks never overlap, and
 * each sees the effects of the tasks before it. A task that throws is logged and the next one runs.
 *
 * <p>After {@value #BATCH} tasks in a row the executor hands its thread back to the base executor and reschedules
 * itself, so many serial executors can share a small pool fairly.
 *
 * <p>Thread-safe: {@link #execute} may be called from any thread.
 */
public final class SerialExecutor implements Executor {
    private static final Logger LOG = LoggerFactory.getLogger(SerialExecutor.class);
    /** Tasks run per turn before yielding the base thread (fairness between executors sharing one pool). */
    private static final int BATCH = 64;

    private final Executor base;
    private final String name;
    private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
    private boolean scheduled; // guarded by queue

    /**
     * @param base where the tasks really run (any executor, e.g. a shared pool)
     * @param name for log lines
     */
    public SerialExecutor(Executor base, String name) {
        this.base = Objects.requireNonNull(base, "base");
        this.name = Objects.requireNonNull(name, "name");
    }

    @Override
    public void execute(Runnable task) {
        Objects.requireNonNull(task, "task");
        synchronized (queue) {
            queue.add(task);
            if (scheduled) {
                return;
            }
            scheduled = true;
        }
        schedule();
    }

    private void schedule() {
        try {
            base.execute(this::drain);
        } catch (RuntimeException e) {
            synchronized (queue) {
                scheduled = false;
            }
            throw e;
        }
    }

    private void drain() {
        for (int i = 0; ; i++) {
            Runnable next;
            synchronized (queue) {
                next = queue.poll();
                if (next == null) {
                    scheduled = false;
                    return;
                }
                if (i == BATCH) {
                    queue.addFirst(next);
                    break;
                }
            }
            try {
                next.run();
            } catch (RuntimeException | Error e) {
                LOG.error("{}: task failed", name, e);
            }
        }
        schedule();
    }

    @Override
    public String toString() {
        return "SerialExecutor{" + name + "}";
    }
}
