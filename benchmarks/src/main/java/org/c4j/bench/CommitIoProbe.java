package org.c4j.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.c4j.Database;
import org.c4j.DatabaseConfig;
import org.c4j.storage.KeyStore;
import org.c4j.storage.LmdbStore;
import org.c4j.storage.StoreOptions;
import org.c4j.storage.WriteTxn;
import org.lmdbjava.Dbi;
import org.lmdbjava.Env;
import org.lmdbjava.EnvFlags;
import org.lmdbjava.PutFlags;
import org.lmdbjava.Stat;
import org.lmdbjava.Txn;

/**
 * What a durable batched insert writes to the disk: the {@link StorageInsertBench} / {@link DocumentInsertBench}
 * loops (100,000 {@link BenchDocs}, transactions of 1,000) run once each — raw LMDB, {@code LmdbStore}, the c4-api
 * save path — with this process's I/O counters from {@code /proc/self/io} read around each (write system calls,
 * bytes passed to them, bytes sent to the block layer), then every LMDB database's page counts ({@code mdb_stat}).
 * Per commit, the write calls and bytes say how many dirty pages each commit writes; the wall time beside the CPU
 * time says how much of it waits for the disk.
 *
 * <p>Run: {@code java --add-opens java.base/java.nio=ALL-UNNAMED --add-opens java.base/sun.nio.ch=ALL-UNNAMED
 * -cp benchmarks/target/benchmarks.jar org.c4j.bench.CommitIoProbe [rounds=3] [modes=raw,store,c4]} (also
 * {@code rawappend}: raw puts with {@code MDB_APPEND}). Not thread-safe (one thread); Linux only (reads /proc).
 */
public final class CommitIoProbe {
    private static final int DOCS = 100_000;
    private static final int BATCH = 1_000;
    private static final int COMMITS = DOCS / BATCH;
    private static final String[] NAMED = {"c4j.info", "c4j.stores", "c4j.records", "c4j.sequences", "c4j.expiry"};

    private CommitIoProbe() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        String[] modes = (args.length > 1 ? args[1] : "raw,store,c4").split(",");
        String[] ids = StorageBenchEnv.ids(DOCS);
        byte[][] keys = StorageBenchEnv.keyBytes(ids);
        byte[][] bodies = StorageBenchEnv.bodies(DOCS);
        String[] jsons = new String[DOCS];
        for (int i = 0; i < DOCS; i++) {
            jsons[i] = BenchDocs.json(i);
        }
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (int r = 0; r < rounds; r++) {
            for (String mode : modes) {
                Path dir = StorageBenchEnv.tempDir("c4j-commit-io");
                long[] io0 = io();
                long c0 = mx.getCurrentThreadCpuTime();
                long w0 = System.nanoTime();
                Path lmdbDir = switch (mode) {
                    case "raw" -> raw(dir.resolve("raw"), keys, bodies, false);
                    case "rawappend" -> raw(dir.resolve("raw"), keys, bodies, true);
                    case "store" -> store(dir.resolve("store"), ids, bodies);
                    case "c4" -> c4(dir.resolve("db"), ids, jsons);
                    default -> throw new IllegalArgumentException("mode raw, store or c4: " + mode);
                };
                double cpu = (mx.getCurrentThreadCpuTime() - c0) / 1e3 / DOCS;
                double wall = (System.nanoTime() - w0) / 1e3 / DOCS;
                long[] io1 = io();
                System.out.printf(Locale.ROOT, "round %d %-5s: %.2f us CPU/doc, %.2f us wall/doc; per commit: %.1f"
                                + " write calls, %.0f KiB written, %.0f KiB to disk; file %d KiB; load %s%n",
                        r + 1, mode, cpu, wall, (io1[0] - io0[0]) / (double) COMMITS,
                        (io1[1] - io0[1]) / 1024.0 / COMMITS, (io1[2] - io0[2]) / 1024.0 / COMMITS,
                        size(lmdbDir.resolve("data.mdb")) / 1024, load());
                if (r == rounds - 1) {
                    printStats(lmdbDir, mode);
                }
                StorageBenchEnv.deleteTree(dir);
            }
        }
    }

    private static Path raw(Path dir, byte[][] keys, byte[][] bodies, boolean append) {
        ByteBuffer key = ByteBuffer.allocateDirect(511);
        ByteBuffer value = ByteBuffer.allocateDirect(64 * 1024);
        try (Env<ByteBuffer> env = StorageBenchEnv.rawEnv(dir, true)) {
            Dbi<ByteBuffer> dbi = StorageBenchEnv.rawDbi(env);
            for (int from = 0; from < DOCS; from += BATCH) {
                try (Txn<ByteBuffer> txn = env.txnWrite()) {
                    for (int i = from; i < from + BATCH; i++) {
                        if (append) {
                            key.clear();
                            key.put(keys[i]).flip();
                            value.clear();
                            value.put(bodies[i]).flip();
                            dbi.put(txn, key, value, PutFlags.MDB_APPEND);
                        } else {
                            StorageBenchEnv.rawPut(dbi, txn, key, keys[i], value, bodies[i]);
                        }
                    }
                    txn.commit();
                }
            }
        }
        return dir;
    }

    private static Path store(Path dir, String[] ids, byte[][] bodies) {
        try (LmdbStore store = LmdbStore.open(dir, StoreOptions.defaults().withDurable(true))) {
            KeyStore docs = store.keyStore("coll:_default._default", true);
            for (int from = 0; from < DOCS; from += BATCH) {
                try (WriteTxn txn = store.beginWrite()) {
                    for (int i = from; i < from + BATCH; i++) {
                        docs.put(txn, ids[i], null, bodies[i], null, 0);
                    }
                    txn.commit();
                }
            }
        }
        return dir;
    }

    private static Path c4(Path dir, String[] ids, String[] jsons) {
        try (Database db = Database.open(dir, DatabaseConfig.defaults().withDurable(true))) {
            SaveCpuProbe.saveAll(db, db.defaultCollection(), ids, jsons);
        }
        return dir;
    }

    /** Page counts of every database in the environment at {@code dir} (opened again, read-only use). */
    private static void printStats(Path dir, String mode) {
        try (Env<ByteBuffer> env = Env.create().setMapSize(1L << 30).setMaxDbs(8)
                .open(dir.toFile(), EnvFlags.MDB_NOTLS)) {
            String[] names = mode.startsWith("raw") ? new String[] {"docs"} : NAMED;
            try (Txn<ByteBuffer> txn = env.txnRead()) {
                for (String name : names) {
                    Dbi<ByteBuffer> dbi = env.openDbi(txn, name.getBytes(StandardCharsets.US_ASCII), null, false);
                    Stat s = dbi.stat(txn);
                    System.out.printf(Locale.ROOT, "  %-5s %-14s entries %7d depth %d branch %5d leaf %6d"
                                    + " overflow %6d (%.2f entries/leaf)%n", mode, name, s.entries, s.depth,
                            s.branchPages, s.leafPages, s.overflowPages,
                            s.leafPages == 0 ? 0.0 : s.entries / (double) s.leafPages);
                }
            }
        }
    }

    /** syscw, wchar, write_bytes of this process. */
    private static long[] io() {
        long[] v = new long[3];
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/io"))) {
                String[] kv = line.split(":\\s*");
                switch (kv[0]) {
                    case "syscw" -> v[0] = Long.parseLong(kv[1].trim());
                    case "wchar" -> v[1] = Long.parseLong(kv[1].trim());
                    case "write_bytes" -> v[2] = Long.parseLong(kv[1].trim());
                    default -> { }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return v;
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }
}
