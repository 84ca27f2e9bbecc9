package org.c4j.blip.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Serial execution on top of a multi-threaded pool. */
class SerialExecutorTest {

    @Test
    void runsTasksOneAtATimeInOrderAndSurvivesFailures() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            SerialExecutor serial = new SerialExecutor(pool);
            List<Integer> seen = new ArrayList<>();   // unsynchronized on purpose: tasks must not overlap
            AtomicInteger running = new AtomicInteger();
            AtomicInteger overlaps = new AtomicInteger();
            int n = 10_000;
            CountDownLatch done = new CountDownLatch(1);
            Thread[] producers = new Thread[1];
            producers[0] = new Thread(() -> {
                for (int i = 0; i < n; i++) {
                    int v = i;
                    serial.execute(() -> {
                        if (running.incrementAndGet() > 1) {
                            overlaps.incrementAndGet();
                        }
                        seen.add(v);
                        running.decrementAndGet();
                        if (v % 1000 == 0) {
                            throw new IllegalStateException("task failure is logged, not fatal");
                        }
                    });
                }
                serial.execute(done::countDown);
            });
            producers[0].start();
            assertTrue(done.await(30, TimeUnit.SECONDS));
            assertEquals(0, overlaps.get());
            assertEquals(n, seen.size());
            for (int i = 0; i < n; i++) {
                assertEquals(i, seen.get(i));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void sharedPoolWorks() throws Exception {
        CountDownLatch ran = new CountDownLatch(1);
        SerialExecutor.onSharedPool().execute(ran::countDown);
        assertTrue(ran.await(10, TimeUnit.SECONDS));
    }
}
