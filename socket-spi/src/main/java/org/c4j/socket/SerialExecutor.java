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
     * Runs {@code task} on the calling thread if this executor is idle — nothing queued, nothing running — and then up
     * to {@code alsoRun} tasks posted meanwhile (by the task itself or by other threads), in order; what is left goes
     * to the base executor. If the executor is not idle, queues {@code task} exactly like {@link #execute}. Either
     * way tasks never overlap and keep submission order: the caller simply takes the executor's turn instead of
     * waking a thread of the base executor (a thread wake-up per hand-off is most of a small message's latency).
     *
     * <p>For callers whose thread may run the owner's work: a transport's I/O thread, or a thread handing over a
     * reply. Tasks run this way must not block any more than on the base executor. A task that throws is logged and
     * handed to the {@link FailureHandler} as usual, and is not rethrown to the caller (an {@link Error} included:
     * the caller is not the executor's thread, and the owner has been told); so is the base executor refusing the
     * tasks left over (they stay queued for the next {@link #execute}). Never throws but for a null task.
     *
     * @param alsoRun most tasks posted meanwhile that the caller runs too (0: only its own)
     * @return true if {@code task} ran on the calling thread
     */
    public boolean executeHereIfIdle(Runnable task, int alsoRun) {
        Objects.requireNonNull(task, "task");
        synchronized (queue) {
            if (scheduled) {
                queue.add(task);
                return false;
            }
            scheduled = true;
        }
        Runnable next = task;
        for (int done = 0; ; done++) {
            try {
                next.run();
            } catch (Throwable t) {
                failed(t);
            }
            synchronized (queue) {
                if (queue.isEmpty()) {
                    scheduled = false;
                    return true;
                }
                if (done >= alsoRun) {
                    break;
                }
                next = queue.poll();
            }
        }
        try {
            base.execute(this::drain);
        } catch (RuntimeException e) {
            // Still the caller's turn: the owner hears of it before anyone else runs a task; later calls retry.
            failed(e);
            synchronized (queue) {
                scheduled = false;
            }
        }
        return true;
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
                    rescheduleAfterError();
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

    /** After an Error: the queue must keep draining on another turn of the base executor. */
    private void rescheduleAfterError() {
        synchronized (queue) {
            if (queue.isEmpty()) {
                scheduled = false;
                return;
            }
        }
        try {
            schedule();
        } catch (RuntimeException e) {
            LOG.error("{}: could not reschedule after a failed task", name, e);
        }
    }

    @Override
    public String toString() {
        return "SerialExecutor{" + name + "}";
    }
}
