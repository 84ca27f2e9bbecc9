package org.c4j.ws.internal;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one socket's delegate callbacks one at a time, in the order they were posted, on a shared executor, so a
 * slow delegate never stalls a transport thread and callbacks never overlap. Posting before {@link #start()}
 * only queues (an incoming socket collects its events until the acceptor opens it). A callback that throws is
 * logged and skipped. Thread-safe.
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

    /** Queues {@code task}; it runs after every task posted before it. */
    public void post(Runnable task) {
        tasks.add(task);
        if (pending.getAndIncrement() == 0) {
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
        for (int done = 0; done < Tuning.CALLBACK_BATCH; done++) {
            Runnable task = tasks.poll();
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.warn("socket delegate callback threw", e);
            }
            if (pending.decrementAndGet() == 0) {
                return;
            }
        }
        executor.execute(this::drain);
    }
}
