package org.c4j.bench;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.c4j.storage.KeyStore;
import org.c4j.storage.LmdbStore;
import org.c4j.storage.StoreOptions;
import org.c4j.storage.WriteTxn;
import org.lmdbjava.Dbi;
import org.lmdbjava.Env;
import org.lmdbjava.Txn;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Batched insert of 100,000 {@link BenchDocs} (1 KiB each) in durable transactions of 1,000, into a fresh
 * database per iteration: raw LMDBJava {@code Dbi.put} (one B-tree put per document: the physical limit) beside
 * {@code LmdbStore}'s {@code KeyStore.put} into a store with sequences (record + by-sequence index). Reported as
 * microseconds per document (docs/s = 1e6 / score).
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar StorageInsertBench -f 1 -wi 1 -i 3}.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@OperationsPerInvocation(StorageInsertBench.DOCS)
// The raw-LMDB baseline uses LMDBJava's own ByteBufferProxy, which needs these (LmdbStore does not).
@Fork(value = 1, jvmArgsAppend = {"--add-opens", "java.base/java.nio=ALL-UNNAMED",
        "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED"})
@State(Scope.Thread)
public class StorageInsertBench {
    static final int DOCS = 100_000;
    static final int BATCH = 1_000;

    /** Durable commits or not, as {@link DocumentInsertBench#durable} (raw LMDB: {@code MDB_NOSYNC}). */
    @Param({"true", "false"})
    public boolean durable;

    private String[] ids;
    private byte[][] keys;
    private byte[][] bodies;
    private Path dir;
    private Env<ByteBuffer> env;
    private Dbi<ByteBuffer> dbi;
    private LmdbStore store;
    private KeyStore docs;
    private final ByteBuffer key = ByteBuffer.allocateDirect(511);
    private final ByteBuffer value = ByteBuffer.allocateDirect(64 * 1024);

    @Setup(Level.Trial)
    public void data() {
        ids = StorageBenchEnv.ids(DOCS);
        keys = StorageBenchEnv.keyBytes(ids);
        bodies = StorageBenchEnv.bodies(DOCS);
    }

    @Setup(Level.Iteration)
    public void open() {
        dir = StorageBenchEnv.tempDir("c4j-insert-bench");
        env = StorageBenchEnv.rawEnv(dir.resolve("raw"), durable);
        dbi = StorageBenchEnv.rawDbi(env);
        store = LmdbStore.open(dir.resolve("store"), StoreOptions.defaults().withDurable(durable));
        docs = store.keyStore("coll:_default._default", true);
    }

    @TearDown(Level.Iteration)
    public void close() {
        env.close();
        store.close();
        StorageBenchEnv.deleteTree(dir);
    }

    @Benchmark
    public long rawLmdbPut() {
        long n = 0;
        for (int from = 0; from < DOCS; from += BATCH) {
            try (Txn<ByteBuffer> txn = env.txnWrite()) {
                for (int i = from; i < from + BATCH; i++) {
                    StorageBenchEnv.rawPut(dbi, txn, key, keys[i], value, bodies[i]);
                    n++;
                }
                txn.commit();
            }
        }
        return n;
    }

    @Benchmark
    public long lmdbStorePut() {
        long last = 0;
        for (int from = 0; from < DOCS; from += BATCH) {
            try (WriteTxn txn = store.beginWrite()) {
                for (int i = from; i < from + BATCH; i++) {
                    last = docs.put(txn, ids[i], null, bodies[i], null, 0);
                }
                txn.commit();
            }
        }
        return last;
    }
}
