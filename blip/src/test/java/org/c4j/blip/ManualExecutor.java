package org.c4j.blip;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;

/** An executor that runs nothing until the test says so: deterministic connection tests. Thread-safe. */
public final class ManualExecutor implements Executor {
    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();

    @Override
    public synchronized void execute(Runnable task) {
        tasks.add(task);
    }

    private synchronized Runnable poll() {
        return tasks.poll();
    }

    /** Runs tasks (including ones they enqueue) until none is left; returns how many ran. */
    public int runAll() {
        int n = 0;
        for (Runnable r = poll(); r != null; r = poll()) {
            r.run();
            n++;
        }
        return n;
    }
}
