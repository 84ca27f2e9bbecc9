package org.c4j.bench;

import com.couchbase.lite.Database;
import com.couchbase.lite.DatabaseConfiguration;
import com.couchbase.lite.MutableDocument;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Insert throughput of the real Couchbase Lite 3.0.0 (the reference for c4j's own insert benchmark): saves
 * {@link BenchDocs} documents 0..N-1 ({@code new MutableDocument(id, json)} + {@code save}) in {@code inBatch}
 * transactions of a fixed size, into a fresh database per run, and prints docs/s.
 * The JSON strings are generated before timing; timing covers document creation, saving and committing.
 *
 * <p>Run (after {@code mvn -pl benchmarks -am package}):
 * {@code java -cp benchmarks/target/benchmarks.jar org.c4j.bench.CblInsertBench [docs=100000] [batch=1000]
 * [runs=3]}. One untimed warm-up run precedes the measured runs; the median is reported.
 */
public final class CblInsertBench {
    private CblInsertBench() { }

    public static void main(String[] args) throws Exception {
        int docs = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        CblShim.init();

        String[] ids = new String[docs];
        String[] bodies = new String[docs];
        for (int i = 0; i < docs; i++) {
            ids[i] = BenchDocs.id(i);
            bodies[i] = BenchDocs.json(i);
        }

        Path root = Files.createTempDirectory("cbl-insert-bench");
        runOnce(root, "warmup", ids, bodies, batch);
        double[] rates = new double[runs];
        for (int r = 0; r < runs; r++) {
            long nanos = runOnce(root, "run" + r, ids, bodies, batch);
            rates[r] = docs / (nanos / 1e9);
            System.out.printf(Locale.ROOT, "run %d: %d docs in %.3f s = %.0f docs/s%n", r + 1, docs, nanos / 1e9, rates[r]);
        }
        Files.delete(root);
        Arrays.sort(rates);
        System.out.printf(Locale.ROOT, "CBL 3.0.0 insert: median %.0f docs/s (%d docs of %d bytes, batches of %d, %d runs)%n",
            rates[runs / 2], docs, BenchDocs.JSON_BYTES, batch, runs);
    }

    /** Inserts every document into a new database {@code name} in {@code dir}, deleted after; returns nanoseconds. */
    private static long runOnce(Path dir, String name, String[] ids, String[] bodies, int batch) throws Exception {
        Database db = new Database(name, new DatabaseConfiguration().setDirectory(dir.toString()));
        try {
            long start = System.nanoTime();
            for (int from = 0; from < ids.length; from += batch) {
                int first = from;
                int end = Math.min(ids.length, from + batch);
                db.inBatch(() -> {
                    for (int i = first; i < end; i++) {
                        db.save(new MutableDocument(ids[i], bodies[i]));
                    }
                });
            }
            long elapsed = System.nanoTime() - start;
            if (db.getCount() != ids.length) {
                throw new IllegalStateException("expected " + ids.length + " documents, found " + db.getCount());
            }
            return elapsed;
        } finally {
            db.delete();
        }
    }
}
