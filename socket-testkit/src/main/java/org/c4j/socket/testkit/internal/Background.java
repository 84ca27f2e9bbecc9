package org.c4j.socket.testkit.internal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the test kit's own asynchronous work (a recording delegate's releases and close answers, the conformance
 * suite's drivers) on a pool of daemon threads, away from transport threads, as an engine's executor would. Tasks
 * that throw are logged, not rethrown. Thread-safe.
 */
public final class Background {
    private static final Logger LOG = LoggerFactory.getLogger(Background.class);
    private static final AtomicInteger COUNT = new AtomicInteger();
    private static final ExecutorService POOL = Executors.newCachedThreadPool(task -> {
        Thread t = new Thread(task, "c4j-testkit-" + COUNT.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    private Background() {
    }

    /** Runs {@code task} soon on another thread. */
    public static void run(Runnable task) {
        POOL.execute(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.debug("test kit background task failed", e);
            }
        });
    }
}
