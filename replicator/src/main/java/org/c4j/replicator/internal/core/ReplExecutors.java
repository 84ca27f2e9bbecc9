package org.c4j.replicator.internal.core;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The default thread pools of replicators and listeners, shared by all of them: a pool of daemon threads the serial
 * executors run on, and one daemon timer thread. Tests and applications may pass their own instead.
 *
 * <p>Thread-safe; created on first use and never shut down (daemon threads don't keep the JVM alive).
 */
public final class ReplExecutors {
    private ReplExecutors() {
    }

    private static final class Holder {
        static final ExecutorService POOL = Executors.newCachedThreadPool(daemon("c4j-repl-"));
        static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(daemon("c4j-timer-"));
    }

    /** The shared pool of daemon threads. */
    public static Executor pool() {
        return Holder.POOL;
    }

    /** The shared timer. Its tasks must be quick: they should only enqueue work elsewhere. */
    public static ScheduledExecutorService timer() {
        return Holder.TIMER;
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
