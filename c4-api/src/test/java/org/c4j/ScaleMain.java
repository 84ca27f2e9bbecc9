package org.c4j;

import java.nio.file.Path;
import java.util.List;

/**
 * Child-JVM body of {@link ScaleTest}: inserts N small documents in batches, then enumerates them through the
 * changes feed and by ID, checking counts and order; prints one line per phase and "OK" at the end.
 */
public final class ScaleMain {
    private ScaleMain() {
    }

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        int n = Integer.parseInt(args[1]);
        int batch = 10_000;
        System.out.println("maxMemory=" + Runtime.getRuntime().maxMemory());
        long t0 = System.nanoTime();
        try (Database db = Database.open(dir)) {
            Collection c = db.defaultCollection();
            for (int start = 0; start < n; start += batch) {
                int from = start;
                int to = Math.min(n, start + batch);
                db.inBatch(() -> {
                    for (int i = from; i < to; i++) {
                        c.save(String.format("doc-%08d", i), null,
                                Body.fromJson("{\"i\":" + i + ",\"name\":\"user " + i + "\",\"ok\":true}"));
                    }
                });
            }
            long t1 = System.nanoTime();
            System.out.printf("inserted %d in %d ms%n", n, (t1 - t0) / 1_000_000);

            long since = 0;
            long seen = 0;
            ChangesOptions opts = ChangesOptions.DEFAULT.withLimit(1000);
            while (true) {
                List<Change> changes = c.changes(since, opts);
                if (changes.isEmpty()) {
                    break;
                }
                for (Change ch : changes) {
                    if (ch.sequence() <= since) {
                        throw new AssertionError("sequence order broken at " + ch);
                    }
                    since = ch.sequence();
                    seen++;
                }
            }
            if (seen != n || since != n) {
                throw new AssertionError("changes feed saw " + seen + " docs up to seq " + since);
            }
            long t2 = System.nanoTime();
            System.out.printf("changes feed %d in %d ms%n", seen, (t2 - t1) / 1_000_000);

            String after = null;
            long byId = 0;
            while (true) {
                List<Change> docs = c.allDocuments(after, opts.withBodies(true));
                if (docs.isEmpty()) {
                    break;
                }
                for (Change ch : docs) {
                    String expected = String.format("doc-%08d", byId);
                    if (!ch.docId().equals(expected) || ch.body() == null) {
                        throw new AssertionError("by-ID order broken: " + ch.docId() + " != " + expected);
                    }
                    byId++;
                }
                after = docs.get(docs.size() - 1).docId();
            }
            if (byId != n) {
                throw new AssertionError("by-ID enumeration saw " + byId);
            }
            long t3 = System.nanoTime();
            System.out.printf("by id %d in %d ms%n", byId, (t3 - t2) / 1_000_000);
            String last = String.format("doc-%08d", n - 1);
            if (!c.get(last).body().toMap().get("i").equals((long) (n - 1))) {
                throw new AssertionError("last document wrong");
            }
        }
        System.out.println("OK");
    }
}
