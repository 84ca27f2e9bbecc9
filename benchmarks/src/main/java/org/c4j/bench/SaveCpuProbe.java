package org.c4j.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.c4j.Body;
import org.c4j.Collection;
import org.c4j.Database;
import org.c4j.DatabaseConfig;
import org.c4j.SaveRequest;

/**
 * CPU time of the c4-api save path per document, the figure least disturbed by other work on the machine: the
 * {@link DocumentInsertBench} loop (100,000 {@link BenchDocs}, {@code inBatch} of 1,000 {@code save}s, a fresh
 * database per round), timed with the saving thread's CPU clock as well as the wall clock. Durable commits by
 * default; {@code durable=false} leaves out the fsyncs (whose waits are not CPU time anyway).
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar --add-opens java.base/java.nio=ALL-UNNAMED
 * --add-opens java.base/sun.nio.ch=ALL-UNNAMED org.c4j.bench.SaveCpuProbe [rounds=10] [durable=true]
 * [mode=save]}; the median of the rounds after the first half (warm-up) is printed. Mode {@code save}: the single
 * saves in {@code inBatch}, "CPU" is the saving thread's; mode {@code saveAll}: {@code Collection.saveAll} of each
 * batch ({@link DocumentInsertBench#c4apiSaveAll}), whose helper threads work too: "CPU" is still the saving
 * thread's, so compare the whole process's CPU (JIT and GC included; printed for all modes as "process CPU"); mode {@code pipelined}: one {@code
 * saveAll(all, 1000)} ({@link DocumentInsertBench#c4apiSaveAllPipelined}).
 */
public final class SaveCpuProbe {
    private static final int DOCS = 100_000;
    private static final int BATCH = 1_000;

    private SaveCpuProbe() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        boolean durable = args.length <= 1 || Boolean.parseBoolean(args[1]);
        String mode = args.length > 2 ? args[2] : "save";
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        String[] ids = StorageBenchEnv.ids(DOCS);
        String[] jsons = new String[DOCS];
        for (int i = 0; i < DOCS; i++) {
            jsons[i] = BenchDocs.json(i);
        }
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        double[] cpu = new double[rounds];
        double[] wall = new double[rounds];
        double[] proc = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            Path dir = StorageBenchEnv.tempDir("c4j-save-cpu");
            try (Database db = Database.open(dir.resolve("db"), DatabaseConfig.defaults().withDurable(durable))) {
                Collection docs = db.defaultCollection();
                long c0 = mx.getCurrentThreadCpuTime();
                long p0 = os.getProcessCpuTime();
                long w0 = System.nanoTime();
                switch (mode) {
                    case "saveAll" -> saveAllBatched(docs, ids, jsons);
                    case "pipelined" -> saveAllPipelined(docs, ids, jsons);
                    default -> saveAll(db, docs, ids, jsons);
                }
                cpu[r] = (mx.getCurrentThreadCpuTime() - c0) / 1e3 / DOCS;
                proc[r] = (os.getProcessCpuTime() - p0) / 1e3 / DOCS;
                wall[r] = (System.nanoTime() - w0) / 1e3 / DOCS;

            }
            StorageBenchEnv.deleteTree(dir);
            System.out.printf(Locale.ROOT, "round %d: %.2f us CPU/doc, %.2f us wall/doc, %.2f us process CPU/doc%n",
                    r + 1, cpu[r], wall[r], proc[r]);
        }
        double[] warmCpu = Arrays.copyOfRange(cpu, rounds / 2, rounds);
        double[] warmWall = Arrays.copyOfRange(wall, rounds / 2, rounds);
        Arrays.sort(warmCpu);
        Arrays.sort(warmWall);
        System.out.printf(Locale.ROOT, "save path (durable=%b): median of warm rounds %.2f us CPU/doc, %.2f us wall/doc%n",
                durable, warmCpu[warmCpu.length / 2], warmWall[warmWall.length / 2]);
    }

    /**
     * Saves {@code jsons[i]} as {@code ids[i]} into {@code docs} of {@code db}, in inBatch transactions of
     * {@value #BATCH} (the insert benchmarks' loop, shared by the probes).
     */
    static void saveAll(Database db, Collection docs, String[] ids, String[] jsons) {
        for (int from = 0; from < ids.length; from += BATCH) {
            int first = from;
            int end = Math.min(ids.length, from + BATCH);
            db.inBatch(() -> {
                for (int i = first; i < end; i++) {
                    docs.save(ids[i], null, Body.fromJson(jsons[i]));
                }
                return null;
            });
        }
    }

    /** The same batches as {@link #saveAll}, each one {@code Collection.saveAll} of JSON requests. */
    static void saveAllBatched(Collection docs, String[] ids, String[] jsons) {
        for (int from = 0; from < ids.length; from += BATCH) {
            int end = Math.min(ids.length, from + BATCH);
            List<SaveRequest> batch = new ArrayList<>(end - from);
            for (int i = from; i < end; i++) {
                batch.add(SaveRequest.ofJson(ids[i], null, jsons[i]));
            }
            docs.saveAll(batch);
        }
    }

    /** The same transactions as {@link #saveAll}, made by one {@code saveAll(all, 1000)}. */
    static void saveAllPipelined(Collection docs, String[] ids, String[] jsons) {
        List<SaveRequest> all = new ArrayList<>(ids.length);
        for (int i = 0; i < ids.length; i++) {
            all.add(SaveRequest.ofJson(ids[i], null, jsons[i]));
        }
        docs.saveAll(all, BATCH);
    }
}
