package org.c4j.socket.testkit.internal;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The scheduler loopback pairs use unless given one: created on first use, daemon threads (so it never keeps a
 * JVM alive), never shut down. Thread-safe.
 */
public final class SharedScheduler {
    /**
     * Two threads: enough for two sockets' callbacks to run at once (so missing synchronization in a delegate
     * can show up) while staying light on small CI machines.
     */
    private static final int THREADS = 2;

    private SharedScheduler() {
    }

    private static final class Holder {
        static final ScheduledExecutorService INSTANCE = create();

        private static ScheduledExecutorService create() {
            AtomicInteger count = new AtomicInteger();
            ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(THREADS, task -> {
                Thread t = new Thread(task, "c4j-loopback-" + count.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
            // Cancelled timers (close timeouts, open delays) leave the queue at once instead of at their deadline.
            executor.setRemoveOnCancelPolicy(true);
            return executor;
        }
    }

    public static ScheduledExecutorService instance() {
        return Holder.INSTANCE;
    }
}
