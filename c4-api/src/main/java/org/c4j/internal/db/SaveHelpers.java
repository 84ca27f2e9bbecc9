package org.c4j.internal.db;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.c4j.internal.Tuning;

/**
 * The threads that help {@code Collection.saveAll} prepare documents: {@link Tuning#SAVE_HELPER_THREADS} daemon
 * threads shared by every database of the process, started on first use and ended after
 * {@link #IDLE_SECONDS} idle. A task here must never be needed for progress: the saving thread does any work no
 * helper has taken yet, so a busy or slow helper only means less overlap.
 *
 * <p>Thread-safe.
 */
public final class SaveHelpers {
    /** Idle time after which a helper thread ends (a new batch starts it again). */
    private static final long IDLE_SECONDS = 30;

    private SaveHelpers() {
    }

    /** How many helpers a batch may use (0 on a single processor). */
    public static int count() {
        return Math.max(0, Tuning.SAVE_HELPER_THREADS);
    }

    /** Runs {@code task} on a helper thread when one is free. */
    public static void submit(Runnable task) {
        Pool.EXECUTOR.execute(task);
    }

    /** Created on first use only. */
    private static final class Pool {
        private static final AtomicInteger NUMBER = new AtomicInteger();
        static final ThreadPoolExecutor EXECUTOR = executor();

        private static ThreadPoolExecutor executor() {
            int n = Math.max(1, Tuning.SAVE_HELPER_THREADS);
            ThreadPoolExecutor e = new ThreadPoolExecutor(n, n, IDLE_SECONDS, TimeUnit.SECONDS,
                    new LinkedBlockingQueue<>(), r -> {
                        Thread t = new Thread(r, "c4j-save-helper-" + NUMBER.incrementAndGet());
                        t.setDaemon(true);
                        return t;
                    });
            e.allowCoreThreadTimeOut(true);
            return e;
        }
    }
}
