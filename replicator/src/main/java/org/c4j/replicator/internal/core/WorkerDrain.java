package org.c4j.replicator.internal.core;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Lets every worker executor of a replication run what it has queued so far, then runs a task on the core's
 * executor: the core uses it before declaring a one-shot replication finished (FINISHING) and before reporting
 * STOPPED (DRAINING). Each worker executor is serial, so a marker task queued on it runs after everything queued
 * before it.
 *
 * <p>Stateless; thread-safe.
 */
final class WorkerDrain {
    private WorkerDrain() {
    }

    /** Queues a marker on each worker executor of {@code lanes}; when all have run, {@code then} goes to {@code core}. */
    static void then(List<Lane> lanes, Executor core, Runnable then) {
        List<Executor> executors = new ArrayList<>();
        lanes.forEach(l -> executors.addAll(l.workerExecutors()));
        if (executors.isEmpty()) {
            core.execute(then);
            return;
        }
        AtomicInteger left = new AtomicInteger(executors.size());
        for (Executor e : executors) {
            e.execute(() -> {
                if (left.decrementAndGet() == 0) {
                    core.execute(then);
                }
            });
        }
    }
}
