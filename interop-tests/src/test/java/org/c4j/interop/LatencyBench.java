package org.c4j.interop;

import com.couchbase.lite.MutableDocument;
import com.couchbase.lite.ReplicatorConfiguration;
import com.couchbase.lite.URLEndpoint;
import org.c4j.Body;
import org.c4j.Database;
import org.c4j.replicator.Listener;
import org.c4j.replicator.Replicator;
import org.c4j.replicator.ReplicatorConfig;
import org.c4j.replicator.ReplicatorType;
import org.c4j.bench.BenchDocs;
import org.c4j.ws.WebSocketClientFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Change-to-peer latency (issue 12; a benchmark, not a test): with a continuous push-and-pull replication running
 * over loopback ws, one 1 KiB {@link BenchDocs} document is saved on one side and the clock runs until the other
 * side can read it (polled every 50 µs). Both directions, for the c4j pair (c4j {@code Replicator} A against a c4j
 * {@code Listener} B) and the anchor pair (real Couchbase Lite 3.0.0 {@code Replicator} A against LiteCore's own
 * passive replicator B, {@link LiteCorePassivePeer}). Between saves the driver waits a random 5–20 ms, so every
 * document travels alone. Both directions are warmed up before either is measured. Prints p50, p90, p99 and max
 * per pair and direction.
 *
 * <p>Run (after {@code interop-tests/bench.sh} has built the classpath into {@code interop-tests/target-rbench}):
 * {@code java -cp "interop-tests/target-rbench/test-classes:$(cat interop-tests/target-rbench/test-classpath.txt)"
 * org.c4j.interop.LatencyBench [samples=300] [warmup=50]}.
 */
public final class LatencyBench {
    private static final long POLL_NANOS = 50_000;
    private static final long TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(30);

    private LatencyBench() { }

    /** One side of a pair: saves a document, or says whether it can read one. */
    private interface Side {
        void save(String id, String json) throws Exception;

        boolean has(String id) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        int samples = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        RealCbl.init();
        Path root = Files.createTempDirectory("c4j-latency-bench");
        try {
            c4jPair(root.resolve("c4j"), samples, warmup);
            liteCorePair(root.resolve("litecore"), samples, warmup);
        } finally {
            ReplicationBench.deleteTree(root);
        }
        System.exit(0); // Couchbase Lite leaves non-daemon threads behind
    }

    private static void c4jPair(Path dir, int samples, int warmup) throws Exception {
        try (Database a = ReplicationBench.openC4j(dir.resolve("a")); Database b = ReplicationBench.openC4j(dir.resolve("b"));
             Listener listener = ReplicationBench.startListener(b)) {
            Replicator repl = C4jSide.startContinuous(ReplicatorConfig.builder(a, listener.urls().get(0))
                .type(ReplicatorType.PUSH_AND_PULL).continuous(true).socketFactory(new WebSocketClientFactory()).build());
            try {
                measure("c4j pair", c4j(a), c4j(b), samples, warmup);
            } finally {
                C4jSide.stop(repl);
            }
        }
    }

    private static void liteCorePair(Path dir, int samples, int warmup) throws Exception {
        Files.createDirectories(dir);
        com.couchbase.lite.Database a = ReplicationBench.openCbl(dir, "a");
        com.couchbase.lite.Database b = ReplicationBench.openCbl(dir, "b");
        try (LiteCorePassivePeer peer = LiteCorePassivePeer.start(b, LiteCorePassivePeer.Config.DEFAULT)) {
            com.couchbase.lite.Replicator repl = CblSide.startContinuous(new ReplicatorConfiguration(a,
                new URLEndpoint(peer.url())).setType(com.couchbase.lite.ReplicatorType.PUSH_AND_PULL));
            try {
                measure("LiteCore pair", cbl(a), cbl(b), samples, warmup);
            } finally {
                CblSide.stop(repl);
            }
        } finally {
            a.close();
            b.close();
        }
    }

    private static Side c4j(Database db) {
        return new Side() {
            @Override
            public void save(String id, String json) {
                db.defaultCollection().save(id, null, Body.fromJson(json));
            }

            @Override
            public boolean has(String id) {
                return db.defaultCollection().get(id) != null;
            }
        };
    }

    private static Side cbl(com.couchbase.lite.Database db) {
        return new Side() {
            @Override
            public void save(String id, String json) throws Exception {
                db.save(new MutableDocument(id, json));
            }

            @Override
            public boolean has(String id) {
                return db.getDocument(id) != null;
            }
        };
    }

    /**
     * Warms up both directions before measuring either: {@code warmup} documents A to B, then B to A (both pairs
     * share most code — the c4j pair's Java is then compiled the same for both directions, where measuring push
     * right after a push-only warm-up left pull the warmer), then {@code samples} each way.
     */
    private static void measure(String pair, Side a, Side b, int samples, int warmup) throws Exception {
        run("wab", a, b, 0, warmup);
        run("wba", b, a, 0, warmup);
        report(pair + " A->B (push)", run("ab", a, b, samples, 0));
        report(pair + " B->A (pull)", run("ba", b, a, samples, 0));
    }

    /** Microseconds from each save on {@code from} until {@code to} can read the document. */
    private static long[] run(String prefix, Side from, Side to, int samples, int warmup) throws Exception {
        long[] micros = new long[samples];
        for (int i = -warmup; i < samples; i++) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(ThreadLocalRandom.current().nextInt(5, 21)));
            String id = prefix + "-" + (i + warmup);
            String json = BenchDocs.json(i + warmup);
            long start = System.nanoTime();
            from.save(id, json);
            while (!to.has(id)) {
                if (System.nanoTime() - start > TIMEOUT_NANOS) {
                    throw new IllegalStateException(id + " did not arrive within 30 s");
                }
                LockSupport.parkNanos(POLL_NANOS);
            }
            if (i >= 0) {
                micros[i] = (System.nanoTime() - start) / 1000;
            }
        }
        Arrays.sort(micros);
        return micros;
    }

    private static void report(String what, long[] sorted) {
        double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        System.out.printf(Locale.ROOT, "%-26s %d docs: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms  (load %.2f)%n",
            what, sorted.length, pct(sorted, 50), pct(sorted, 90), pct(sorted, 99), sorted[sorted.length - 1] / 1e3, load);
    }

    private static double pct(long[] sorted, int p) {
        int i = Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1);
        return sorted[Math.max(0, i)] / 1e3;
    }
}
