package org.c4j.interop;

import com.couchbase.lite.MutableDocument;
import com.couchbase.lite.ReplicatorConfiguration;
import com.couchbase.lite.ReplicatorType;
import com.couchbase.lite.URLEndpoint;
import org.c4j.Body;
import org.c4j.Collection;
import org.c4j.Database;
import org.c4j.Document;
import org.c4j.replicator.Listener;
import org.c4j.replicator.ListenerConfig;
import org.c4j.replicator.ReplicatorConfig;
import org.c4j.replicator.RevisionTransfer;
import org.c4j.ws.WebSocketClientFactory;
import org.c4j.ws.WebSocketListenerTransport;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Delta sync benchmark (issue 11; figures in BENCHMARKS.md "Delta sync"): {@code docs} documents of ~4 KB are
 * pushed to a c4j listener, then one field of each is edited and the edits pushed: wire bytes per edit (BLIP frames
 * both ways at the listener, after compression, WebSocket framing not counted; {@link CountingListenerTransport})
 * and edits per second of that second push, with delta sync on and off, for a c4j client and for the real CBL 3.0
 * client. Run: {@code interop-tests/delta-bench.sh [docs=10000]}.
 */
public final class DeltaBench {
    private static final int FILL_BATCH = 1000;
    private static final String[] WORD_START = {"al", "be", "co", "de", "el", "fa", "gi", "ho", "in", "ju", "ka", "lo",
        "ma", "ne", "or", "pa", "qui", "re", "so", "ta", "un", "ve", "wo", "xe", "ya", "ze", "bra", "cri", "dro", "fle",
        "gra", "pro", "stra", "tre", "vil", "mon", "sen", "par", "lum", "tor", "nix", "qua", "rho", "sil", "thu", "vor",
        "wen", "yor", "zan", "cal", "dun", "fel", "gor", "hal", "ist", "jor", "kel", "lin", "mor", "nal", "ost", "pel",
        "rin", "sul"};
    private static final String[] WORD_END = {"a", "on", "er", "ist", "ium", "ant", "ent", "ory", "ous", "ive", "al",
        "ic", "ing", "ed", "ly", "ness", "ment", "tion", "ity", "ure", "age", "ery", "ism", "ful", "less", "ward",
        "wise", "like", "ship", "hood", "dom", "ster", "let", "ette", "ine", "ose", "oid", "ode", "ule", "ance", "ence",
        "ary", "ize", "ify", "ate", "en", "ish", "some", "y", "o", "us", "is", "um", "ex", "ix", "ar", "or", "an",
        "in", "el", "et", "ot", "ut", "at"};

    private DeltaBench() {
    }

    /** Result of one run: edits, wire bytes of the edit push, its nanoseconds, deltas the listener received. */
    record Result(int edits, long wireBytes, long nanos, long deltas) {
        String line(String name) {
            return String.format(Locale.ROOT, "%-22s %,d edits: %,8.0f wire bytes/edit, %,7.0f edits/s, %,d as deltas",
                    name, edits, wireBytes / (double) edits, edits / (nanos / 1e9), deltas);
        }
    }

    public static void main(String[] args) throws Exception {
        int docs = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        RealCbl.init();
        Path root = Files.createTempDirectory("c4j-delta-bench");
        try {
            // warm-up: a small run of each, so the JIT has seen every path
            for (boolean deltas : new boolean[] {true, false}) {
                c4jToC4j(root, Math.min(docs, 1000), deltas);
                cblToC4j(root, Math.min(docs, 1000), deltas);
            }
            List<String> lines = new ArrayList<>();
            for (boolean deltas : new boolean[] {true, false}) {
                double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
                lines.add(c4jToC4j(root, docs, deltas).line("c4j->c4j deltas " + (deltas ? "on" : "off"))
                        + String.format(Locale.ROOT, "  (load %.2f)", load));
                System.out.println(lines.get(lines.size() - 1));
                load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
                lines.add(cblToC4j(root, docs, deltas).line("CBL->c4j deltas " + (deltas ? "on" : "off"))
                        + String.format(Locale.ROOT, "  (load %.2f)", load));
                System.out.println(lines.get(lines.size() - 1));
            }
            System.out.println("---");
            lines.forEach(System.out::println);
        } finally {
            ReplicationBench.deleteTree(root);
        }
        System.exit(0); // CBL leaves non-daemon threads running
    }

    /** A ~4 KB document: a counter (the edited field), a long text, tags and a nested object. */
    static Map<String, Object> doc(int i, int edit) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", (long) i);
        m.put("edit", (long) edit);
        // text that compresses about as well as prose (words drawn at random from a 4,096-word vocabulary), the
        // same in every edit of the document
        java.util.Random r = new java.util.Random(i);
        StringBuilder text = new StringBuilder();
        while (text.length() < 3800) {
            int w = r.nextInt(4096);
            text.append(WORD_START[w % WORD_START.length]).append(WORD_END[(w / WORD_START.length)
                    % WORD_END.length]).append(w % 7 == 0 ? ". " : " ");
        }
        m.put("text", text.toString());
        m.put("tags", List.of("alpha", "beta", "gamma" + (i % 10)));
        m.put("nested", Map.of("x", (long) i, "y", "value " + i));
        return m;
    }

    private static String id(int i) {
        return String.format(Locale.ROOT, "doc-%06d", i);
    }

    private static void saveAllC4j(Database db, int docs, int edit) {
        Collection c = db.defaultCollection();
        for (int from = 0; from < docs; from += FILL_BATCH) {
            int first = from;
            int end = Math.min(docs, from + FILL_BATCH);
            db.inBatch(() -> {
                for (int i = first; i < end; i++) {
                    Document d = c.get(id(i));
                    c.save(id(i), d == null ? null : d.revId(), Body.fromMap(doc(i, edit)));
                }
            });
        }
    }

    private static void saveAllCbl(com.couchbase.lite.Database db, int docs, int edit) throws Exception {
        for (int from = 0; from < docs; from += FILL_BATCH) {
            int first = from;
            int end = Math.min(docs, from + FILL_BATCH);
            db.inBatch(() -> {
                for (int i = first; i < end; i++) {
                    com.couchbase.lite.Document d = db.getDocument(id(i));
                    MutableDocument m = d == null ? new MutableDocument(id(i)) : d.toMutable();
                    m.setData(doc(i, edit));
                    db.save(m);
                }
            });
        }
    }

    private static Listener listener(Database server, CountingListenerTransport transport, boolean deltas,
                                     AtomicLong deltaCount) {
        ListenerConfig config = ListenerConfig.of(server).withDatabaseName("db").withDeltaSync(deltas);
        config = config.withReplication(config.replication().withRevisionTransfers((RevisionTransfer t) -> {
            if (!t.sent() && t.isDelta()) {
                deltaCount.incrementAndGet();
            }
        }));
        Listener listener = new Listener(transport, config);
        listener.start();
        return listener;
    }

    static Result c4jToC4j(Path root, int docs, boolean deltas) throws Exception {
        Path dir = Files.createTempDirectory(root, "c4j");
        try (Database client = ReplicationBench.openC4j(dir.resolve("client"));
             Database server = ReplicationBench.openC4j(dir.resolve("server"))) {
            CountingListenerTransport transport = new CountingListenerTransport(
                WebSocketListenerTransport.builder().disableTls().networkInterface("127.0.0.1").port(0).build());
            AtomicLong deltaCount = new AtomicLong();
            try (Listener listener = listener(server, transport, deltas, deltaCount)) {
                ReplicatorConfig config = ReplicatorConfig.builder(client, listener.urls().get(0))
                        .type(org.c4j.replicator.ReplicatorType.PUSH).deltas(deltas)
                        .socketFactory(new WebSocketClientFactory()).build();
                saveAllC4j(client, docs, 0);
                pushC4j(config);
                saveAllC4j(client, docs, 1);
                transport.reset();
                deltaCount.set(0);
                long start = System.nanoTime();
                pushC4j(config);
                long nanos = System.nanoTime() - start;
                ReplicationBench.check(server.defaultCollection().get(id(docs - 1)).body().toMap().get("edit")
                        .equals(1L), () -> "edits did not arrive");
                return new Result(docs, transport.total(), nanos, deltaCount.get());
            }
        } finally {
            ReplicationBench.deleteTree(dir);
        }
    }

    private static void pushC4j(ReplicatorConfig config) throws Exception {
        C4jSide.Outcome outcome = C4jSide.replicate(config);
        ReplicationBench.check(outcome.status().error() == null, () -> "c4j push failed: " + outcome.status());
        ReplicationBench.check(outcome.documentErrors().isEmpty(), () -> "errors: " + outcome.documentErrors());
    }

    static Result cblToC4j(Path root, int docs, boolean deltas) throws Exception {
        Path dir = Files.createTempDirectory(root, "cbl");
        com.couchbase.lite.Database client = new com.couchbase.lite.Database("client",
                new com.couchbase.lite.DatabaseConfiguration().setDirectory(dir.toString()));
        try (Database server = ReplicationBench.openC4j(dir.resolve("server"))) {
            CountingListenerTransport transport = new CountingListenerTransport(
                WebSocketListenerTransport.builder().disableTls().networkInterface("127.0.0.1").port(0).build());
            AtomicLong deltaCount = new AtomicLong();
            try (Listener listener = listener(server, transport, deltas, deltaCount)) {
                ReplicatorConfiguration config = new ReplicatorConfiguration(client,
                        new URLEndpoint(listener.urls().get(0))).setType(ReplicatorType.PUSH);
                saveAllCbl(client, docs, 0);
                pushCbl(config);
                saveAllCbl(client, docs, 1);
                transport.reset();
                deltaCount.set(0);
                long start = System.nanoTime();
                pushCbl(config);
                long nanos = System.nanoTime() - start;
                ReplicationBench.check(server.defaultCollection().get(id(docs - 1)).body().toMap().get("edit")
                        .equals(1L), () -> "edits did not arrive");
                return new Result(docs, transport.total(), nanos, deltaCount.get());
            }
        } finally {
            client.close();
            ReplicationBench.deleteTree(dir);
        }
    }

    private static void pushCbl(ReplicatorConfiguration config) throws Exception {
        CblSide.Outcome outcome = CblSide.replicate(config);
        ReplicationBench.check(outcome.status().getError() == null, () -> "CBL push failed: "
                + outcome.status().getError());
        ReplicationBench.check(outcome.documentErrors().isEmpty(), () -> "errors: " + outcome.documentErrors());
    }
}
