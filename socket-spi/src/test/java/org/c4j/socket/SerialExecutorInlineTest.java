package org.c4j.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
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

/** {@link SerialExecutor#executeHereIfIdle}: the caller takes an idle executor's turn, order and no-overlap kept. */
class SerialExecutorInlineTest {
    private final List<Runnable> base = new ArrayList<>();
    private final List<Throwable> failures = new ArrayList<>();
    private final SerialExecutor serial = new SerialExecutor(base::add, "test", failures::add);

    private void runBase() {
        while (!base.isEmpty()) {
            base.remove(0).run();
        }
    }

    @Test
    void anIdleExecutorRunsTheTaskOnTheCaller() {
        Thread caller = Thread.currentThread();
        AtomicBoolean here = new AtomicBoolean();
        assertTrue(serial.executeHereIfIdle(() -> here.set(Thread.currentThread() == caller), 0));
        assertTrue(here.get());
        assertTrue(base.isEmpty(), "no thread woken");
    }

    @Test
    void aBusyExecutorQueuesTheTaskBehindTheOthers() {
        List<String> order = new ArrayList<>();
        serial.execute(() -> order.add("first"));
        assertFalse(serial.executeHereIfIdle(() -> order.add("second"), 8));
        assertTrue(order.isEmpty());
        runBase();
        assertEquals(List.of("first", "second"), order);
    }

    @Test
    void tasksPostedMeanwhileRunHereUpToTheLimitThenOnTheBase() {
        List<Integer> order = new ArrayList<>();
        serial.executeHereIfIdle(() -> {
            for (int i = 1; i <= 5; i++) {
                int n = i;
                serial.execute(() -> order.add(n)); // posted while the caller holds the turn: queued, not nested
            }
            order.add(0);
        }, 3);
        assertEquals(List.of(0, 1, 2, 3), order);
        assertEquals(1, base.size(), "the rest handed to the base executor");
        runBase();
        assertEquals(List.of(0, 1, 2, 3, 4, 5), order);
        assertTrue(serial.executeHereIfIdle(() -> order.add(6), 0), "idle again afterwards");
    }

    @Test
    void aFailingTaskGoesToTheOwnerAndNotToTheCaller() {
        Error boom = new StackOverflowError("boom");
        List<String> order = new ArrayList<>();
        serial.executeHereIfIdle(() -> {
            serial.execute(() -> order.add("after"));
            throw boom;
        }, 4);
        assertEquals(1, failures.size());
        assertSame(boom, failures.get(0));
        assertEquals(List.of("after"), order);
        assertTrue(serial.executeHereIfIdle(() -> order.add("again"), 0));
    }

    @Test
    void aBaseThatRefusesTheLeftoversIsReportedToTheOwner() {
        java.util.concurrent.atomic.AtomicBoolean refuse = new java.util.concurrent.atomic.AtomicBoolean(true);
        SerialExecutor refusing = new SerialExecutor(task -> {
            if (refuse.get()) {
                throw new java.util.concurrent.RejectedExecutionException("shut down");
            }
            base.add(task);
        }, "refusing", failures::add);
        List<String> order = new ArrayList<>();
        assertTrue(refusing.executeHereIfIdle(() -> {
            refusing.execute(() -> order.add("left over"));
            order.add("own");
        }, 0));
        assertEquals(List.of("own"), order);
        assertEquals(1, failures.size());
        assertTrue(failures.get(0) instanceof java.util.concurrent.RejectedExecutionException);
        refuse.set(false);
        refusing.execute(() -> order.add("next"));
        runBase();
        assertEquals(List.of("own", "left over", "next"), order, "the next call hands them on");
    }

    @Test
    void manyThreadsMixingBothWaysNeverOverlapAndKeepEachThreadsOrder() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        ExecutorService callers = Executors.newFixedThreadPool(4);
        try {
            SerialExecutor shared = new SerialExecutor(pool, "mixed");
            int perThread = 5_000;
            AtomicInteger running = new AtomicInteger();
            AtomicBoolean overlap = new AtomicBoolean();
            int[] last = {-1, -1, -1, -1};
            AtomicBoolean outOfOrder = new AtomicBoolean();
            CountDownLatch done = new CountDownLatch(4 * perThread);
            for (int t = 0; t < 4; t++) {
                int thread = t;
                callers.execute(() -> {
                    for (int i = 0; i < perThread; i++) {
                        int seq = i;
                        Runnable task = () -> {
                            if (running.incrementAndGet() != 1) {
                                overlap.set(true);
                            }
                            if (last[thread] != seq - 1) {
                                outOfOrder.set(true);
                            }
                            last[thread] = seq;
                            running.decrementAndGet();
                            done.countDown();
                        };
                        if ((seq + thread) % 2 == 0) {
                            shared.execute(task);
                        } else {
                            shared.executeHereIfIdle(task, seq % 3);
                        }
                    }
                });
            }
            assertTrue(done.await(20, TimeUnit.SECONDS), "every task ran");
            assertFalse(overlap.get(), "no two tasks at once");
            assertFalse(outOfOrder.get(), "each thread's tasks in its order");
        } finally {
            pool.shutdownNow();
            callers.shutdownNow();
        }
    }
}
