package org.c4j.internal.repl;

import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.Executor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks one at a time, in submission order, on a shared executor: the "one owner per thread of control" of a
 * replicator or a worker. A task that throws is logged and the next one runs.
 *
 * <p>Thread-safe: tasks may be submitted from any thread.
 */
public final class SerialExecutor implements Executor {
    private static final Logger LOG = LoggerFactory.getLogger(SerialExecutor.class);

    /** Tasks run per turn on the shared pool before yielding it: fairness between executors, few hand-offs. */
    private static final int BATCH = 64;

    private final Executor base;
    private final String name;
    private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
    private boolean scheduled; // guarded by queue

    public SerialExecutor(Executor base, String name) {
        this.base = Objects.requireNonNull(base, "base");
        this.name = name;
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
        base.execute(this::drain);
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
            }
            if (i == BATCH) { // let other serial executors sharing the pool run too
                synchronized (queue) {
                    queue.addFirst(next);
                }
                base.execute(this::drain);
                return;
            }
            try {
                next.run();
            } catch (RuntimeException | Error e) {
                LOG.error("{}: task failed", name, e);
            }
        }
    }

    @Override
    public String toString() {
        return "SerialExecutor{" + name + "}";
    }
}
