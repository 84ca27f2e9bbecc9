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

    @Test
    void inlineIfIdleRunsOnTheCallerWhenIdleAndQueuesOtherwise() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            SerialExecutor serial = new SerialExecutor(pool, "test");
            List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
            Thread caller = Thread.currentThread();
            serial.executeInlineIfIdle(() -> {
                seen.add(Thread.currentThread() == caller ? "first inline" : "first elsewhere");
                serial.executeInlineIfIdle(() -> seen.add("nested " + (Thread.currentThread() == caller)));
                seen.add("first done");
            });
            CountDownLatch after = new CountDownLatch(1);
            serial.execute(after::countDown);
            assertTrue(after.await(5, TimeUnit.SECONDS));
            assertEquals(List.of("first inline", "first done", "nested true"), seen,
                    "a task posted while one runs inline waits for it, then the caller runs it too");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void inlineAndQueuedTasksFromManyThreadsNeverOverlapAndKeepEachThreadsOrder() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            SerialExecutor serial = new SerialExecutor(pool, "test");
            int threads = 4;
            int per = 5_000;
            AtomicInteger running = new AtomicInteger();
            AtomicBoolean overlap = new AtomicBoolean();
            List<List<Integer>> seen = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                seen.add(new ArrayList<>());
            }
            CountDownLatch done = new CountDownLatch(threads * per);
            List<Thread> posters = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int me = t;
                Thread th = new Thread(() -> {
                    for (int i = 0; i < per; i++) {
                        int v = i;
                        Runnable task = () -> {
                            if (running.incrementAndGet() != 1) {
                                overlap.set(true);
                            }
                            seen.get(me).add(v); // guarded by the executor's serial order
                            running.decrementAndGet();
                            done.countDown();
                        };
                        if (i % 2 == 0) {
                            serial.executeInlineIfIdle(task);
                        } else {
                            serial.execute(task);
                        }
                    }
                });
                posters.add(th);
                th.start();
            }
            for (Thread th : posters) {
                th.join();
            }
            assertTrue(done.await(10, TimeUnit.SECONDS));
            CountDownLatch last = new CountDownLatch(1);
            serial.execute(last::countDown); // happens-after every task: their writes are visible
            assertTrue(last.await(5, TimeUnit.SECONDS));
            assertEquals(false, overlap.get());
            for (List<Integer> list : seen) {
                assertEquals(per, list.size());
                for (int i = 0; i < per; i++) {
                    assertEquals(i, list.get(i));
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anInlineTaskThatThrowsIsReportedAndTheQueueGoesOn() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            List<Throwable> reported = new java.util.concurrent.CopyOnWriteArrayList<>();
            SerialExecutor serial = new SerialExecutor(pool, "test", reported::add);
            serial.executeInlineIfIdle(() -> {
                throw new IllegalStateException("inline failure (expected in this test)");
            });
            assertEquals(1, reported.size());
            CountDownLatch next = new CountDownLatch(1);
            serial.executeInlineIfIdle(next::countDown);
            assertTrue(next.await(5, TimeUnit.SECONDS));
            assertThrows(OutOfMemoryError.class, () -> serial.executeInlineIfIdle(() -> {
                throw new OutOfMemoryError("inline error (expected in this test)");
            }));
            CountDownLatch after = new CountDownLatch(1);
            serial.execute(after::countDown);
            assertTrue(after.await(5, TimeUnit.SECONDS));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anInlineRunHandsALongQueueBackToTheBaseExecutor() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            SerialExecutor serial = new SerialExecutor(pool, "test");
            Thread caller = Thread.currentThread();
            List<Boolean> onCaller = new java.util.concurrent.CopyOnWriteArrayList<>();
            CountDownLatch all = new CountDownLatch(30);
            serial.executeInlineIfIdle(() -> {
                for (int i = 0; i < 30; i++) {
                    serial.execute(() -> {
                        onCaller.add(Thread.currentThread() == caller);
                        all.countDown();
                    });
                }
            });
            assertTrue(all.await(5, TimeUnit.SECONDS));
            long inline = onCaller.stream().filter(b -> b).count();
            assertTrue(inline > 0 && inline < 30, inline + " of 30 ran on the caller");
            assertEquals(List.of(), onCaller.subList((int) inline, 30).stream().filter(b -> b).toList(),
                    "once handed back, the rest ran on the base executor");
        } finally {
            pool.shutdownNow();
        }
    }
}
