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
