package org.c4j.replicator.internal.core;

import java.util.concurrent.Executor;
import java.util.function.Consumer;

import org.c4j.socket.C4Exception;
import org.c4j.socket.ErrorCodes;
import org.c4j.socket.ErrorDomain;

/**
 * A worker's way of running its work on its own serial executor: each task's C4 failure (or any runtime failure,
 * as LiteCore's unexpected error) goes to the worker's failure handler, and after each task that didn't fail the
 * worker's after-event step runs (its status report). Thread-safe: may be called from any thread.
 */
public final class WorkerTasks {
    private final Executor executor;
    private final Consumer<C4Exception> onFailure;
    private final Runnable afterEvent;

    public WorkerTasks(Executor executor, Consumer<C4Exception> onFailure, Runnable afterEvent) {
        this.executor = executor;
        this.onFailure = onFailure;
        this.afterEvent = afterEvent;
    }

    /** Queues {@code work} on the executor. */
    public void run(Runnable work) {
        executor.execute(wrap(work));
    }

    /** Runs {@code work} on the calling thread if the executor is idle, else queues it ({@link ReplExecutors#inlineIfIdle}). */
    public void runInlineIfIdle(Runnable work) {
        ReplExecutors.inlineIfIdle(executor, wrap(work));
    }

    private Runnable wrap(Runnable work) {
        return () -> {
            try {
                work.run();
                afterEvent.run();
            } catch (C4Exception e) {
                onFailure.accept(e);
            } catch (RuntimeException e) {
                onFailure.accept(new C4Exception(ErrorDomain.LITECORE, ErrorCodes.LiteCore.UNEXPECTED_ERROR,
                        e.toString(), e));
            }
        };
    }
}
