package org.c4j.blip.internal;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks one at a time, in submission order, on any underlying {@link Executor}: the single thread of control
 * of one connection. Tasks never overlap, and each sees the effects of the ones before it (the queue hand-off
 * orders memory). A task that throws is logged and does not stop the ones after it.
 *
 * <p>Thread-safe: {@link #execute} may be called from any thread, including from inside a task.
 */
public final class SerialExecutor implements Executor {
    private static final Logger LOG = LoggerFactory.getLogger(SerialExecutor.class);

    /** Shared daemon pool behind every connection that was not given an executor; idle threads expire. */
    private static final ExecutorService SHARED = Executors.newCachedThreadPool(new DaemonThreads());

    private final Executor delegate;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    public SerialExecutor(Executor delegate) {
        this.delegate = delegate;
    }

    /** A serial executor on the shared daemon pool. */
    public static SerialExecutor onSharedPool() {
        return new SerialExecutor(SHARED);
    }

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
        schedule();
    }

    private void schedule() {
        if (scheduled.compareAndSet(false, true)) {
            try {
                delegate.execute(this::drain);
            } catch (RejectedExecutionException e) {
                scheduled.set(false);
                throw e;
            }
        }
    }

    private void drain() {
        for (int i = 0; i < BlipTuning.EXECUTOR_BATCH; i++) {
            Runnable task = tasks.poll();
            if (task == null) {
                break;
            }
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                LOG.error("task failed on a connection executor", e);
            }
        }
        scheduled.set(false);
        if (!tasks.isEmpty()) {
            schedule();
        }
    }

    private static final class DaemonThreads implements java.util.concurrent.ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "c4j-blip-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    }
}
