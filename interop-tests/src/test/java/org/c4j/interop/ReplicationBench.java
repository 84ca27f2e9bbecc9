package org.c4j.interop;

import com.couchbase.lite.CouchbaseLiteException;
import com.couchbase.lite.DatabaseConfiguration;
import com.couchbase.lite.MutableDocument;
import com.couchbase.lite.ReplicatorConfiguration;
import com.couchbase.lite.ReplicatorType;
import com.couchbase.lite.URLEndpoint;
import org.c4j.Body;
import org.c4j.Collection;
import org.c4j.Database;
import org.c4j.DatabaseConfig;
import org.c4j.replicator.Listener;
import org.c4j.replicator.ListenerConfig;
import org.c4j.replicator.ReplicatorConfig;
import org.c4j.bench.BenchDocs;
import org.c4j.socket.OptionKeys;
import org.c4j.socket.OptionsDict;
import org.c4j.ws.WebSocketClientFactory;
import org.c4j.ws.WebSocketListenerTransport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Replication throughput over loopback ws, and wss for the {@code -wss} scenarios (issues 4 and 8; not a test): one-shot push and pull of
 * {@link BenchDocs} documents (1 KiB JSON each) into fresh databases, for three pairs —
 * c4j {@code Replicator} against a c4j {@code Listener}, the real Couchbase Lite 3.0.0 client against the c4j
 * {@code Listener}, and the real CBL client against a real LiteCore passive peer ({@link LiteCorePassivePeer}, the
 * anchor) — and a heap check that replicates many documents c4j to c4j in a child JVM with a small heap.
 *
 * <p>Timing covers start to STOPPED of the active replicator (the passive side acknowledges a revision only after
 * committing it, so every document is stored by then; the count is checked after the clock stops). Filling the
 * source database is not timed. Each scenario is warmed up right before it is measured ({@link #warmUp}). Run with
 * {@code interop-tests/bench.sh} (see BENCHMARKS.md); arguments:
 * {@code [docs=100000] [warmupDocs=5000] [scenarios=all|name,...]} or {@code heap <docs>} (the child JVM).
 * Scenario {@code cbl-push-null} (not in {@code all}) pushes from CBL to a {@link NullPassivePeer}: the client's
 * ceiling, what it reaches when its peer costs nothing and answers at once.
 *
 * <p>Diagnostics (system properties, all off by default): {@code c4j.bench.frameTrace=<file>} records every BLIP
 * frame of the {@code cbl-*-c4j} listener ({@link FrameTraceTransport}; the last run's frames are written to the
 * file, and a line maps its clock to UTC); {@code c4j.bench.cblLog=<dir>} turns on CBL's plain-text file log at
 * {@code c4j.bench.cblLogLevel} (default INFO: LiteCore's pusher then logs its flow-control counters after every
 * event, which slows it); {@code c4j.bench.marker=true} prints {@code (replicating)} when each timed CBL
 * replication starts (for a per-thread sampler to start on).
 */
public final class ReplicationBench {
    /** Documents per inBatch transaction while filling a source database (as the insert benchmarks). */
    private static final int FILL_BATCH = 1000;

    private static final String DB_NAME = "db";

    private static final boolean DURABLE = Boolean.parseBoolean(System.getProperty("c4j.bench.durable", "true"));

    /** c4j's BLIP compression policy on both c4j ends ({@code -Dc4j.bench.compression=always|adaptive|never}). */
    private static final OptionsDict C4J_OPTIONS = System.getProperty("c4j.bench.compression") == null ? OptionsDict.EMPTY
        : OptionsDict.builder().put(OptionKeys.C4J_BLIP_COMPRESSION, System.getProperty("c4j.bench.compression")).build();

    /** Diagnostics; see the class comment. */
    private static final String FRAME_TRACE = System.getProperty("c4j.bench.frameTrace");
    private static final String CBL_LOG = System.getProperty("c4j.bench.cblLog");
    private static final boolean MARKER = Boolean.getBoolean("c4j.bench.marker");

    /** The frame trace of the running cbl-*-c4j scenario's listener, or null (single-threaded driver). */
    private static FrameTraceTransport trace;

    /** The six measured directions, in the order they run. */
    private static final List<String> ALL = List.of("c4j-push", "c4j-pull", "cbl-push-c4j", "cbl-pull-c4j",
        "cbl-push-litecore", "cbl-pull-litecore", "c4j-push-wss", "c4j-pull-wss", "cbl-push-c4j-wss",
        "cbl-pull-c4j-wss");

    /** The listener's identity in the {@code -wss} scenarios (EC P-256; clients pin its certificate). */
    private static final org.c4j.ws.TlsIdentity WSS_IDENTITY = TlsSide.server("bench",
        org.c4j.ws.TlsIdentities.KeyType.EC_P256, null);

    /** A scenario is warm once the JIT compiles for at most this share of a warm-up round's process CPU time. */
    private static final double WARM_JIT_SHARE = 0.05;

    /** Warm-up rounds at most per scenario (each of {@code warmupDocs}). */
    private static final int MAX_WARM_ROUNDS = 10;

    /** Where the running scenario stores its CPU time (single-threaded driver). */
    private static long[] cpu;

    /** BLIP bytes the c4j client of the running scenario sent and received (c4j-push/pull only; else -1). */
    private static long wireBytes = -1;

    private ReplicationBench() { }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
            .getProcessCpuTime();
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("heap")) {
            HeapCheck.run(Integer.parseInt(args[1]));
            return;
        }
        int docs = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 5_000;
        List<String> scenarios = args.length > 2 && !args[2].equals("all") ? List.of(args[2].split(",")) : ALL;
        RealCbl.init();
        if (CBL_LOG != null) {
            com.couchbase.lite.Database.log.getFile().setConfig(new com.couchbase.lite.LogFileConfiguration(CBL_LOG)
                .setUsePlaintext(true).setMaxSize(500_000_000L).setMaxRotateCount(2));
            com.couchbase.lite.Database.log.getFile().setLevel(com.couchbase.lite.LogLevel.valueOf(
                System.getProperty("c4j.bench.cblLogLevel", "INFO")));
        }
        Path root = Files.createTempDirectory("c4j-repl-bench");
        try {
            List<String> lines = new ArrayList<>();
            for (String s : scenarios) {
                if (warmup > 0) {
                    warmUp(root, s, warmup);
                }
                settle();
                double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
                long[] cpuTime = new long[2];
                wireBytes = -1;
                long nanos = run(root, s, docs, cpuTime);
                System.out.printf(Locale.ROOT, "(%s: the JIT compiled for %,d ms meanwhile, included in the CPU)%n",
                    s, cpuTime[1]);
                String line = String.format(Locale.ROOT,
                    "%-18s %,d docs in %6.2f s = %,6.0f docs/s; process CPU %6.2f s = %5.1f us/doc  (load %.2f)",
                    s, docs, nanos / 1e9, docs / (nanos / 1e9), cpuTime[0] / 1e9, cpuTime[0] / 1e3 / docs, load)
                    + (wireBytes < 0 ? "" : String.format(Locale.ROOT, "; wire %.1f MB = %.0f B/doc",
                        wireBytes / 1e6, (double) wireBytes / docs));
                System.out.println(line);
                lines.add(line);
            }
            System.out.println("---");
            lines.forEach(System.out::println);
        } finally {
            deleteTree(root);
        }
        // Couchbase Lite 3.0 leaves non-daemon threads running after its databases close; end the JVM explicitly.
        System.exit(0);
    }

    /**
     * Warms a scenario up right before it is measured (so what earlier scenarios taught the JIT — CBL's message
     * patterns through the listener, say — is re-learnt before the clock starts, not during the measurement): runs
     * it with {@code docs} documents, again while the JIT compiled for more than {@link #WARM_JIT_SHARE} of a round's
     * process CPU time, at most {@link #MAX_WARM_ROUNDS} times. On 2 busy cores one 10,000-document round left C2
     * compiling through the measured 50,000 (c4j-push: 119, 77, 69, 66 us/doc in four rounds of one JVM; at load
     * 6-10, three rounds of 20,000 still left 1.4 s of compiling in the next 50,000).
     */
    static void warmUp(Path root, String scenario, int docs) throws Exception {
        for (int round = 1; ; round++) {
            long[] cpuTime = new long[2];
            run(root, scenario, docs, cpuTime);
            long jit = cpuTime[1];
            if (round == MAX_WARM_ROUNDS || jit * 1e6 <= WARM_JIT_SHARE * cpuTime[0]) {
                System.out.printf(Locale.ROOT, "(%s warmed up: %d x %,d docs; JIT %,d ms in the last round)%n",
                    scenario, round, docs, jit);
                return;
            }
        }
    }

    /** Lets the garbage and finalizers of what ran before (CBL closes its databases through finalizers) go first. */
    private static void settle() throws InterruptedException {
        System.gc();
        System.runFinalization();
        Thread.sleep(200);
    }

    /** Milliseconds the JIT has spent compiling so far (-1 if the JVM doesn't say). */
    private static long jitMillis() {
        java.lang.management.CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : -1;
    }

    /**
     * Runs one scenario with fresh databases under {@code root}; returns the replication's nanoseconds and puts the
     * whole process's CPU time spent meanwhile (all threads, native LiteCore ones included) in {@code cpuOut[0]}
     * and the milliseconds the JIT compiled meanwhile in {@code cpuOut[1]}.
     */
    static long run(Path root, String scenario, int docs, long[] cpuOut) throws Exception {
        Path dir = Files.createTempDirectory(root, scenario);
        try {
            cpu = cpuOut;
            return switch (scenario) {
                case "c4j-push" -> c4jToC4j(dir, docs, true, false);
                case "c4j-pull" -> c4jToC4j(dir, docs, false, false);
                case "cbl-push-c4j" -> cblToC4j(dir, docs, true, false);
                case "cbl-pull-c4j" -> cblToC4j(dir, docs, false, false);
                case "c4j-push-wss" -> c4jToC4j(dir, docs, true, true);
                case "c4j-pull-wss" -> c4jToC4j(dir, docs, false, true);
                case "cbl-push-c4j-wss" -> cblToC4j(dir, docs, true, true);
                case "cbl-pull-c4j-wss" -> cblToC4j(dir, docs, false, true);
                case "cbl-push-litecore" -> cblToLiteCore(dir, docs, true);
                case "cbl-pull-litecore" -> cblToLiteCore(dir, docs, false);
                case "cbl-push-null" -> cblToNull(dir, docs);
                default -> throw new IllegalArgumentException("unknown scenario " + scenario + "; known: " + ALL
                    + ", cbl-push-null");
            };
        } finally {
            deleteTree(dir);
        }
    }

    /**
     * c4j Replicator (client) against a c4j Listener (server); push sends client -> server. With {@code wss} the
     * listener serves {@link #WSS_IDENTITY} and the client pins it.
     */
    static long c4jToC4j(Path dir, int docs, boolean push, boolean wss) throws Exception {
        try (Database client = openC4j(dir.resolve("client")); Database server = openC4j(dir.resolve("server"))) {
            fillC4j(push ? client : server, docs);
            try (Listener listener = wss ? startWssListener(server) : startListener(server)) {
                CountingSocketFactory counting = new CountingSocketFactory(new WebSocketClientFactory());
                ReplicatorConfig config = ReplicatorConfig.builder(client, listener.urls().get(0))
                    .type(push ? org.c4j.replicator.ReplicatorType.PUSH : org.c4j.replicator.ReplicatorType.PULL)
                    .options(wss ? C4J_OPTIONS.toBuilder().put(org.c4j.socket.OptionKeys.PINNED_CERT,
                        WSS_IDENTITY.certificateDer()).build() : C4J_OPTIONS)
                    .socketFactory(counting).build();
                long cpu0 = processCpuNanos();
                long jit0 = jitMillis();
                long start = System.nanoTime();
                C4jSide.Outcome outcome = C4jSide.replicate(config);
                long nanos = System.nanoTime() - start;
                cpu[0] = processCpuNanos() - cpu0;
                cpu[1] = jitMillis() - jit0;
                wireBytes = counting.sent.get() + counting.received.get();
                check(outcome.status().error() == null, () -> "c4j replication failed: " + outcome.status());
                check(outcome.documentErrors().isEmpty(), () -> "document errors: " + outcome.documentErrors());
                expectCount((push ? server : client).defaultCollection().count(), docs);
                return nanos;
            }
        }
    }

    /** Real CBL Replicator (client) against a c4j Listener (server). */
    static long cblToC4j(Path dir, int docs, boolean push, boolean wss) throws Exception {
        com.couchbase.lite.Database client = openCbl(dir, "client");
        try (Database server = openC4j(dir.resolve("server"))) {
            if (push) {
                fillCbl(client, docs);
            } else {
                fillC4j(server, docs);
            }
            try (Listener listener = wss ? startWssListener(server) : startListener(server)) {
                long nanos = replicateCbl(client, listener.urls().get(0), push, wss);
                if (trace != null) {
                    trace.dump(Path.of(FRAME_TRACE));
                    System.out.println("(frame trace: nanoTime " + System.nanoTime() + " = " + java.time.Instant.now()
                        + ")");
                    trace = null;
                }
                expectCount(push ? server.defaultCollection().count() : client.getCount(), docs);
                return nanos;
            }
        } finally {
            client.close();
        }
    }

    /** Real CBL Replicator (client) against LiteCore's own passive replicator (the anchor pair). */
    static long cblToLiteCore(Path dir, int docs, boolean push) throws Exception {
        com.couchbase.lite.Database client = openCbl(dir, "client");
        com.couchbase.lite.Database server = openCbl(dir, "server");
        try {
            fillCbl(push ? client : server, docs);
            try (LiteCorePassivePeer peer = LiteCorePassivePeer.start(server, LiteCorePassivePeer.Config.DEFAULT)) {
                long nanos = replicateCbl(client, peer.url(), push, false);
                expectCount((push ? server : client).getCount(), docs);
                return nanos;
            }
        } finally {
            client.close();
            server.close();
        }
    }

    /** Real CBL Replicator pushing to {@link NullPassivePeer}: the client's ceiling. */
    static long cblToNull(Path dir, int docs) throws Exception {
        com.couchbase.lite.Database client = openCbl(dir, "client");
        try {
            fillCbl(client, docs);
            try (NullPassivePeer peer = new NullPassivePeer()) {
                long nanos = replicateCbl(client, peer.url(), true, false);
                expectCount(peer.revs.get(), docs);
                return nanos;
            }
        } finally {
            client.close();
        }
    }

    private static long replicateCbl(com.couchbase.lite.Database client, URI url, boolean push, boolean wss)
            throws Exception {
        ReplicatorConfiguration config = new ReplicatorConfiguration(client, new URLEndpoint(url))
            .setType(push ? ReplicatorType.PUSH : ReplicatorType.PULL);
        if (wss) {
            config.setPinnedServerCertificate(WSS_IDENTITY.certificateDer());
        }
        if (MARKER) {
            System.out.println("(replicating)");
            System.out.flush();
        }
        long cpu0 = processCpuNanos();
        long jit0 = jitMillis();
        long start = System.nanoTime();
        CblSide.Outcome outcome = CblSide.replicate(config);
        long nanos = System.nanoTime() - start;
        cpu[0] = processCpuNanos() - cpu0;
        cpu[1] = jitMillis() - jit0;
        check(outcome.status().getError() == null, () -> "CBL replication failed: " + outcome.status().getError());
        check(outcome.documentErrors().isEmpty(), () -> "document errors: " + outcome.documentErrors());
        return nanos;
    }

    /**
     * Opens a c4j database; durable (each commit synced to disk, the default) unless the system property
     * {@code c4j.bench.durable=false} is set — a diagnostic to see how much of a figure is spent in fsync.
     */
    static Database openC4j(Path dir) {
        return Database.open(dir, DatabaseConfig.defaults().withDurable(DURABLE));
    }

    /** A c4j listener over wss on 127.0.0.1 serving {@link #WSS_IDENTITY}. */
    static Listener startWssListener(Database server) {
        Listener listener = new Listener(WebSocketListenerTransport.builder().tlsIdentity(WSS_IDENTITY)
            .networkInterface("127.0.0.1").port(0).build(),
            ListenerConfig.of(server).withDatabaseName(DB_NAME).withOptions(C4J_OPTIONS));
        listener.start();
        return listener;
    }

    static Listener startListener(Database server) {
        org.c4j.socket.ListenerTransport t = WebSocketListenerTransport.builder().disableTls()
            .networkInterface("127.0.0.1").port(0).build();
        if (FRAME_TRACE != null) {
            trace = new FrameTraceTransport(t, 2_000_000);
            t = trace;
        }
        Listener listener = new Listener(t,
            ListenerConfig.of(server).withDatabaseName(DB_NAME).withOptions(C4J_OPTIONS));
        listener.start();
        return listener;
    }

    /** Saves documents 0..docs-1 as c4-api users do (DocumentInsertBench's loop). */
    static void fillC4j(Database db, int docs) {
        Collection c = db.defaultCollection();
        for (int from = 0; from < docs; from += FILL_BATCH) {
            int first = from;
            int end = Math.min(docs, from + FILL_BATCH);
            db.inBatch(() -> {
                for (int i = first; i < end; i++) {
                    c.save(BenchDocs.id(i), null, Body.fromJson(BenchDocs.json(i)));
                }
            });
        }
    }

    private static void fillCbl(com.couchbase.lite.Database db, int docs) throws CouchbaseLiteException {
        for (int from = 0; from < docs; from += FILL_BATCH) {
            int first = from;
            int end = Math.min(docs, from + FILL_BATCH);
            db.inBatch(() -> {
                for (int i = first; i < end; i++) {
                    db.save(new MutableDocument(BenchDocs.id(i), BenchDocs.json(i)));
                }
            });
        }
    }

    static com.couchbase.lite.Database openCbl(Path dir, String name) throws CouchbaseLiteException {
        return new com.couchbase.lite.Database(name, new DatabaseConfiguration().setDirectory(dir.toString()));
    }

    private static void expectCount(long actual, int expected) {
        check(actual == expected, () -> "expected " + expected + " documents at the target, found " + actual);
    }

    static void check(boolean ok, java.util.function.Supplier<String> message) {
        if (!ok) {
            throw new IllegalStateException(message.get());
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
