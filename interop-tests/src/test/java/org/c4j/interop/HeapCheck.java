package org.c4j.interop;

import org.c4j.Database;
import org.c4j.replicator.Listener;
import org.c4j.replicator.Replicator;
import org.c4j.replicator.ReplicatorActivity;
import org.c4j.replicator.ReplicatorConfig;
import org.c4j.replicator.ReplicatorStatus;
import org.c4j.replicator.ReplicatorType;
import org.c4j.ws.WebSocketClientFactory;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The heap half of {@link ReplicationBench}: fills a c4j database with {@code docs} BenchDocs documents, then pushes
 * them one-shot to a c4j Listener over loopback ws in the SAME JVM (both ends share the heap), sampling the used heap
 * every few milliseconds. Meant to run in its own JVM with a small {@code -Xmx} (bench.sh uses 256m); completing at all
 * is the first result, the peak sampled heap the second. Not thread-safe; one run per JVM.
 */
final class HeapCheck {
    /** Sampling period: short next to a young collection cycle, so the sampled maximum is close to the true peak. */
    private static final long SAMPLE_MILLIS = 5;

    /** A million 1 KiB documents take minutes on a loaded two-core machine; this only stops a hang. */
    private static final long TIMEOUT_MINUTES = 30;

    private HeapCheck() { }

    static void run(int docs) throws Exception {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        AtomicLong peak = new AtomicLong();
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(SAMPLE_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
        System.out.printf(Locale.ROOT, "max heap %d MiB%n", memory.getHeapMemoryUsage().getMax() >> 20);

        Path root = Files.createTempDirectory("c4j-heap-check");
        try (Database client = ReplicationBench.openC4j(root.resolve("client"));
             Database server = ReplicationBench.openC4j(root.resolve("server"))) {
            long t0 = System.nanoTime();
            ReplicationBench.fillC4j(client, docs);
            System.out.printf(Locale.ROOT, "filled %,d docs in %.1f s, peak heap while filling %d MiB%n",
                docs, (System.nanoTime() - t0) / 1e9, peak.get() >> 20);
            System.gc();
            peak.set(0);
            try (Listener listener = ReplicationBench.startListener(server)) {
                ReplicatorConfig config = ReplicatorConfig.builder(client, listener.urls().get(0))
                    .type(ReplicatorType.PUSH).socketFactory(new WebSocketClientFactory()).build();
                Replicator replicator = new Replicator(config);
                CompletableFuture<ReplicatorStatus> stopped = new CompletableFuture<>();
                replicator.addChangeListener(s -> {
                    if (s.activity() == ReplicatorActivity.STOPPED) {
                        stopped.complete(s);
                    }
                });
                long start = System.nanoTime();
                replicator.start();
                ReplicatorStatus end = stopped.get(TIMEOUT_MINUTES, TimeUnit.MINUTES);
                long nanos = System.nanoTime() - start;
                ReplicationBench.check(end.error() == null, () -> "replication failed: " + end);
                long count = server.defaultCollection().count();
                ReplicationBench.check(count == docs, () -> "server has " + count + " of " + docs + " documents");
                System.out.printf(Locale.ROOT,
                    "pushed %,d docs c4j -> c4j in %.1f s = %,.0f docs/s; peak sampled heap while replicating %d MiB%n",
                    docs, nanos / 1e9, docs / (nanos / 1e9), peak.get() >> 20);
            }
        } finally {
            sampler.interrupt();
            ReplicationBench.deleteTree(root);
        }
    }
}
