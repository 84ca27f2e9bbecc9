package org.c4j.ws.internal;

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

public class SerialEventsTest {

    @Test
    void holdsEventsUntilStartedThenRunsAllInOrderNeverOverlapping() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            SerialEvents events = new SerialEvents(pool);
            List<Integer> seen = new ArrayList<>();
            AtomicInteger running = new AtomicInteger();
            AtomicInteger overlaps = new AtomicInteger();
            int perThread = 3000;
            int threads = 4;
            CountDownLatch done = new CountDownLatch(threads * perThread);
            events.post(() -> seen.add(-1));
            Thread.sleep(20);
            assertTrue(seen.isEmpty(), "ran before start");
            List<Thread> posters = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int base = t * perThread;
                Thread poster = new Thread(() -> {
                    for (int i = 0; i < perThread; i++) {
                        int n = base + i;
                        events.post(() -> {
                            if (running.incrementAndGet() > 1) {
                                overlaps.incrementAndGet();
                            }
                            seen.add(n);
                            running.decrementAndGet();
                            done.countDown();
                        });
                    }
                });
                posters.add(poster);
                poster.start();
            }
            events.start();
            for (Thread p : posters) {
                p.join();
            }
            assertTrue(done.await(10, TimeUnit.SECONDS));
            assertEquals(0, overlaps.get());
            assertEquals(-1, seen.get(0));
            assertEquals(threads * perThread + 1, seen.size());
            for (int t = 0; t < threads; t++) {
                int last = -1;
                for (int n : seen) {
                    if (n >= t * perThread && n < (t + 1) * perThread) {
                        assertTrue(n > last, "thread " + t + " out of order");
                        last = n;
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aThrowingCallbackDoesNotStopTheOthers() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            SerialEvents events = new SerialEvents(pool);
            CountDownLatch after = new CountDownLatch(1);
            events.start();
            events.post(() -> {
                throw new IllegalStateException("delegate bug (expected in this test)");
            });
            events.post(after::countDown);
            assertTrue(after.await(5, TimeUnit.SECONDS));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aClaimedEventRunsOnTheClaimingThreadAndACallbacksOwnPostRunsAfterIt() {
        java.util.concurrent.Executor refuse = r -> {
            throw new AssertionError("nothing should need the executor");
        };
        SerialEvents events = new SerialEvents(refuse);
        events.start();
        List<String> seen = new ArrayList<>();
        Thread poster = Thread.currentThread();
        assertTrue(events.claim(() -> {
            seen.add("outer on " + (Thread.currentThread() == poster ? "poster" : "other"));
            assertEquals(false, events.claim(() -> seen.add("inner")), "busy: queued behind");
            seen.add("outer done");
        }));
        assertEquals(List.of(), seen, "nothing runs before runClaimed");
        events.runClaimed();
        assertEquals(List.of("outer on poster", "outer done", "inner"), seen);
    }

    @Test
    void aClaimWhileAnotherDrainRunsOnlyQueues() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            SerialEvents events = new SerialEvents(pool);
            events.start();
            CountDownLatch inside = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            CountDownLatch ran = new CountDownLatch(1);
            events.post(() -> {
                inside.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            assertTrue(inside.await(5, TimeUnit.SECONDS));
            assertEquals(false, events.claim(ran::countDown), "a drain is running: the event waits for it");
            release.countDown();
            assertTrue(ran.await(5, TimeUnit.SECONDS), "the running drain took it");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aLongRunOfPostsMadeWhileRunningAClaimMovesToTheExecutor() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            SerialEvents events = new SerialEvents(pool);
            events.start();
            CountDownLatch all = new CountDownLatch(Tuning.INLINE_CALLBACKS * 3);
            List<String> threads = java.util.Collections.synchronizedList(new ArrayList<>());
            assertTrue(events.claim(() -> {
                for (int i = 0; i < Tuning.INLINE_CALLBACKS * 3; i++) {
                    events.post(() -> {
                        threads.add(Thread.currentThread().getName());
                        all.countDown();
                    });
                }
            }));
            events.runClaimed();
            assertTrue(all.await(5, TimeUnit.SECONDS));
            String me = Thread.currentThread().getName();
            assertEquals(Tuning.INLINE_CALLBACKS - 1, threads.stream().filter(me::equals).count(),
                    "the claiming thread ran its first batch, the executor the rest");
        } finally {
            pool.shutdownNow();
        }
    }
}
