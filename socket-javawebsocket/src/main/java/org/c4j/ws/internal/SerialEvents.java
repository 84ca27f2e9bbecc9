package org.c4j.ws.internal;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one socket's delegate callbacks one at a time, in the order they were posted, never overlapping, on a shared
 * executor — or, for a transport thread's own events ({@link #claim}), on that thread when nothing is queued or
 * running: the SPI's delegates must never block (a BLIP connection's only does short, non-blocking work), and a
 * hand-off to another thread per received message or completed write cost a thread wake-up each — a tenth of a
 * millisecond on a busy machine, on every message of a replication's round trips. What is posted meanwhile is run by
 * that same thread too, up to {@link Tuning#INLINE_CALLBACKS} callbacks; the rest goes on the shared executor, in
 * turns of {@link Tuning#CALLBACK_BATCH}. Posting before {@link #start()} only queues (an incoming socket collects its events
 * until the acceptor opens it). A callback that throws is logged and skipped. Thread-safe.
 */
public final class SerialEvents {
    private static final Logger LOG = LoggerFactory.getLogger(SerialEvents.class);

    private final Executor executor;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    /** Tasks posted and not yet finished, plus one while not started: a drain runs only from 0 to 1. */
    private final AtomicInteger pending = new AtomicInteger(1);

    public SerialEvents(Executor executor) {
        this.executor = executor;
    }

    /** Queues {@code task}; it runs (on the executor) after every task posted before it. */
    public void post(Runnable task) {
        tasks.add(task);
        if (pending.getAndIncrement() == 0) {
            executor.execute(this::drain);
        }
    }

    /**
     * Queues {@code task} like {@link #post}, but if nothing was queued or running, starts nothing: returns true,
     * and the caller must then call {@link #runClaimed} (once it holds no lock), which runs the task on its thread.
     * For a transport thread's own events (a received message, a completed write), which may be posted under the
     * socket's lock to keep them in order with its state changes, but should not run under it.
     */
    public boolean claim(Runnable task) {
        tasks.add(task);
        return pending.getAndIncrement() == 0;
    }

    /** After {@link #claim} returned true: runs what is queued here, then hands any rest to the executor. */
    public void runClaimed() {
        if (run(Tuning.INLINE_CALLBACKS)) {
            executor.execute(this::drain);
        }
    }

    /** Lets queued and future tasks run. Call once. */
    public void start() {
        if (pending.getAndDecrement() == 1) {
            return;
        }
        executor.execute(this::drain);
    }

    /** Runs tasks while any are pending; reschedules itself after a batch so one socket can't hog a thread. */
    private void drain() {
        if (run(Tuning.CALLBACK_BATCH)) {
            executor.execute(this::drain);
        }
    }

    /** Runs up to {@code max} pending tasks (at least one is pending); true if some are still pending then. */
    private boolean run(int max) {
        for (int done = 0; done < max; done++) {
            Runnable task = tasks.poll();
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.warn("socket delegate callback threw", e);
            }
            if (pending.decrementAndGet() == 0) {
                return false;
            }
        }
        return true;
    }
}
