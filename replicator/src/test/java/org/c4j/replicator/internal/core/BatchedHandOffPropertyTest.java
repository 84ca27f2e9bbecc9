package org.c4j.replicator.internal.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import org.c4j.socket.SerialExecutor;

/**
 * {@link BatchedHandOff} keeps order: two producer threads each submit tasks through the hand-off and give others
 * to the serial target directly, in random mixes (some tasks throw); on the target every task runs once, each
 * producer's handed-off tasks in the order it submitted them and each before any task that producer gave the target
 * directly afterwards, and each throwing one is reported once.
 */
class BatchedHandOffPropertyTest {
    private static final ExecutorService POOL = Executors.newFixedThreadPool(4);

    @AfterContainer
    static void shutDown() {
        POOL.shutdownNow();
    }

    /** One producer's steps: 0 through the hand-off, 1 directly to the target, 2 through the hand-off and throws. */
    @Provide
    Arbitrary<List<Integer>> steps() {
        return Arbitraries.frequency(net.jqwik.api.Tuple.of(6, 0), net.jqwik.api.Tuple.of(3, 1),
                net.jqwik.api.Tuple.of(1, 2)).list().ofMaxSize(200);
    }

    @Property(tries = 600)
    void eachProducersTasksRunInTheOrderItIssuedThem(@ForAll("steps") List<Integer> a,
                                                      @ForAll("steps") List<Integer> b) throws Exception {
        SerialExecutor target = new SerialExecutor(POOL, "target");
        List<RuntimeException> failures = new CopyOnWriteArrayList<>();
        BatchedHandOff handOff = new BatchedHandOff(target, failures::add);
        List<String> ran = new CopyOnWriteArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        List<List<Integer>> producers = List.of(a, b);
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers.size(); p++) {
            String name = "p" + p;
            List<Integer> steps = producers.get(p);
            Thread t = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < steps.size(); i++) {
                    String id = name + ":" + i;
                    int step = steps.get(i);
                    Runnable task = () -> {
                        ran.add(id);
                        if (step == 2) {
                            throw new IllegalStateException(id);
                        }
                    };
                    if (step == 1) {
                        target.execute(task);
                    } else {
                        handOff.submit(task);
                    }
                }
            });
            threads.add(t);
            t.start();
        }
        start.countDown();
        for (Thread t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(10));
        }
        CountDownLatch done = new CountDownLatch(1);
        target.execute(done::countDown); // after every task of both producers, whichever way it was given
        assertTrue(done.await(10, TimeUnit.SECONDS));
        assertEquals(a.size() + b.size(), ran.size(), "every task ran once");
        for (int p = 0; p < producers.size(); p++) {
            List<Integer> steps = producers.get(p);
            List<String> handedOff = new ArrayList<>();
            for (int i = 0; i < steps.size(); i++) {
                String id = "p" + p + ":" + i;
                if (steps.get(i) != 1) {
                    handedOff.add(id);
                } else {
                    int at = ran.indexOf(id);
                    for (String earlier : handedOff) {
                        assertTrue(ran.indexOf(earlier) < at, earlier + " before the direct " + id);
                    }
                }
            }
            List<String> order = new ArrayList<>(ran);
            order.retainAll(handedOff);
            assertEquals(handedOff, order, "handed-off tasks in the order submitted");
        }
        long throwing = a.stream().filter(s -> s == 2).count() + b.stream().filter(s -> s == 2).count();
        assertEquals(throwing, failures.size());
    }
}
