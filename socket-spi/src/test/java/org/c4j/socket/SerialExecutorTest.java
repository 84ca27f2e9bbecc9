package org.c4j.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SerialExecutorTest {

    @Test
    void runsTasksOneAtATimeInOrderOffTheCallersThread() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            SerialExecutor serial = new SerialExecutor(pool, "test");
            int n = 10_000;
            List<Integer> seen = new ArrayList<>();
            AtomicInteger running = new AtomicInteger();
            AtomicBoolean overlap = new AtomicBoolean();
            AtomicBoolean onCaller = new AtomicBoolean();
            CountDownLatch done = new CountDownLatch(n);
            Thread caller = Thread.currentThread();
            for (int i = 0; i < n; i++) {
                int value = i;
                serial.execute(() -> {
                    if (running.incrementAndGet() != 1) {
                        overlap.set(true);
                    }
                    if (Thread.currentThread() == caller) {
                        onCaller.set(true);
                    }
                    seen.add(value);
                    running.decrementAndGet();
                    done.countDown();
                });
            }
            assertTrue(done.await(10, TimeUnit.SECONDS));
            assertEquals(false, overlap.get());
            assertEquals(false, onCaller.get());
            for (int i = 0; i < n; i++) {
                assertEquals(i, seen.get(i));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aThrowingTaskIsReportedToTheOwnerBeforeTheNextRuns() {
        List<Runnable> submitted = new ArrayList<>();
        List<String> events = new ArrayList<>();
        SerialExecutor serial = new SerialExecutor(submitted::add, "test",
                failure -> events.add("failed: " + failure.getMessage()));
        serial.execute(() -> {
            throw new IllegalStateException("expected by the test");
        });
        serial.execute(() -> events.add("second"));
        submitted.get(0).run();
        assertEquals(List.of("failed: expected by the test", "second"), events);
    }

    @Test
    void anErrorIsReportedRethrownAndTheQueueKeepsDraining() {
        List<Runnable> submitted = new ArrayList<>();
        List<String> events = new ArrayList<>();
        SerialExecutor serial = new SerialExecutor(submitted::add, "test",
                failure -> events.add("failed: " + failure.getClass().getSimpleName()));
        serial.execute(() -> {
            throw new AssertionError("expected by the test");
        });
        serial.execute(() -> events.add("second"));
        AssertionError thrown = assertThrows(AssertionError.class, () -> submitted.get(0).run());
        assertEquals("expected by the test", thrown.getMessage());
        assertEquals(List.of("failed: AssertionError"), events);
        assertEquals(2, submitted.size(), "the rest of the queue was rescheduled before the Error propagated");
        submitted.get(1).run();
        assertEquals(List.of("failed: AssertionError", "second"), events);
    }

    @Test
    void aThrowingHandlerDoesNotStopTheQueue() {
        List<Runnable> submitted = new ArrayList<>();
        List<String> ran = new ArrayList<>();
        SerialExecutor serial = new SerialExecutor(submitted::add, "test", failure -> {
            throw new IllegalStateException("handler failure expected by the test");
        });
        serial.execute(() -> {
            throw new IllegalStateException("expected by the test");
        });
        serial.execute(() -> ran.add("second"));
        submitted.get(0).run();
        assertEquals(List.of("second"), ran);
    }

    @Test
    void aThrowingTaskDoesNotStopTheNext() {
        List<Runnable> submitted = new ArrayList<>();
        SerialExecutor serial = new SerialExecutor(submitted::add, "test");
        List<String> ran = new ArrayList<>();
        serial.execute(() -> {
            throw new IllegalStateException("expected by the test");
        });
        serial.execute(() -> ran.add("second"));
        assertEquals(1, submitted.size(), "one drain loop for both tasks");
        assertEquals(List.of(), ran, "nothing runs inside execute");
        submitted.get(0).run();
        assertEquals(List.of("second"), ran);
        serial.execute(() -> ran.add("third"));
        assertEquals(2, submitted.size(), "a new drain once the previous one finished");
    }

    @Test
    void runsTasksOneAtATimeInOrderAndSurvivesFailures() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            SerialExecutor serial = new SerialExecutor(pool, "test");
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
}
