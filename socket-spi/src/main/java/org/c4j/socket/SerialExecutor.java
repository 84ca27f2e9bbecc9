package org.c4j.socket;

import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.Executor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks one at a time, in submission order, on a shared base executor: the "one owner per thread of control"
 * building block used by connections, replicator workers and transports (DESIGN.md §3). Tasks never overlap, and
 * each sees the effects of the tasks before it.
 *
 * <p><b>Failures are not swallowed.</b> A task that throws is logged and handed to the executor's
 * {@link FailureHandler} (its owner, which should end what it owns with a reported error); then the next task runs.
 * An {@link Error} is also rethrown to the base executor after the remaining tasks have been rescheduled, so the
 * base executor's thread (and its uncaught-exception handler) sees it and the queue never stalls.
 *
 * <p>After {@value #BATCH} tasks in a row the executor hands its thread back to the base executor and reschedules
 * itself, so many serial executors can share a small pool fairly.
 *
 * <p>Thread-safe: {@link #execute} may be called from any thread.
 *
 * <p><b>Contract rule:</b> tasks never overlap and run in submission order: a transport that calls its delegate
 * only through one of these keeps {@code NO_OVERLAP} and event order.
 */
public final class SerialExecutor implements Executor {
    private static final Logger LOG = LoggerFactory.getLogger(SerialExecutor.class);
    /** Tasks run per turn before yielding the base thread (fairness between executors sharing one pool). */
    private static final int BATCH = 64;
    /** Tasks posted during an inline run that the caller's thread runs too before handing the queue back. */
    private static final int INLINE_BATCH = 8;

    /** What an owner does when one of its tasks throws: typically end the connection or replication with an error. */
    @FunctionalInterface
    public interface FailureHandler {
        /**
         * Called on the executor's thread, after the failure was logged and before the next task runs. Must not
         * throw (if it does, that is logged and ignored).
         *
         * @param failure what the task threw
         */
        void taskFailed(Throwable failure);
    }

    private final Executor base;
    private final String name;
    private final FailureHandler onFailure;
    private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
    private boolean scheduled; // guarded by queue

    /**
     * @param base where the tasks really run (any executor, e.g. a shared pool)
     * @param name for log lines
     */
    public SerialExecutor(Executor base, String name) {
        this(base, name, failure -> { });
    }

    /**
     * @param base      where the tasks really run (any executor, e.g. a shared pool)
     * @param name      for log lines
     * @param onFailure told about every task that throws
     */
    public SerialExecutor(Executor base, String name, FailureHandler onFailure) {
        this.base = Objects.requireNonNull(base, "base");
        this.name = Objects.requireNonNull(name, "name");
        this.onFailure = Objects.requireNonNull(onFailure, "onFailure");
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

    /**
     * Like {@link #execute}, but when nothing is queued or running, runs {@code task} at once on the calling thread,
     * then up to {@value #INLINE_BATCH} tasks posted meanwhile; the rest runs on the base executor. Tasks still never
     * overlap and keep their order. Saves a thread hand-off — tens to hundreds of microseconds on a busy machine —
     * where the caller's thread may do the tasks' (short, non-blocking) work itself: e.g. a connection handing a
     * frame to its protocol engine, which answers it. A task that throws is handled as in {@link #execute} (logged,
     * the failure handler told); an {@link Error} is rethrown to the caller after the queue was rescheduled.
     */
    public void executeInlineIfIdle(Runnable task) {
        Objects.requireNonNull(task, "task");
        synchronized (queue) {
            if (scheduled) {
                queue.add(task);
                return;
            }
            scheduled = true;
        }
        Runnable next = task;
        for (int i = 0; next != null; i++) {
            try {
                next.run();
            } catch (Throwable t) {
                failed(t);
                if (t instanceof Error error) {
                    continueOnBase();
                    throw error;
                }
            }
            synchronized (queue) {
                next = i < INLINE_BATCH ? queue.poll() : null;
                if (next == null && queue.isEmpty()) {
                    scheduled = false;
                    return;
                }
            }
        }
        continueOnBase(); // the rest runs on the base executor
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
            } catch (Throwable t) {
                failed(t);
                if (t instanceof Error error) {
                    continueOnBase();
                    throw error;
                }
            }
        }
        schedule();
    }

    private void failed(Throwable t) {
        LOG.error("{}: task failed", name, t);
        try {
            onFailure.taskFailed(t);
        } catch (Throwable hookFailure) {
            LOG.error("{}: failure handler threw", name, hookFailure);
        }
    }

    /** After an Error or an inline task: the queue must keep draining on another turn of the base executor. */
    private void continueOnBase() {
        synchronized (queue) {
            if (queue.isEmpty()) {
                scheduled = false;
                return;
            }
        }
        try {
            schedule();
        } catch (RuntimeException e) {
            LOG.error("{}: could not reschedule its queue", name, e);
        }
    }

    @Override
    public String toString() {
        return "SerialExecutor{" + name + "}";
    }
}
