package org.c4j.bench;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.c4j.storage.KeyStore;
import org.c4j.storage.LmdbStore;
import org.c4j.storage.WriteTxn;
import org.lmdbjava.Dbi;
import org.lmdbjava.Env;
import org.lmdbjava.Txn;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Latency of one durable commit holding a single 1 KiB document: a raw LMDBJava write transaction with one
 * {@code Dbi.put}, beside {@code LmdbStore.beginWrite} + {@code KeyStore.put} (with sequence) + commit. Sample
 * mode: JMH prints p50/p90/p99 per benchmark.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar StorageCommitLatencyBench -f 1 -wi 1 -i 3}.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 1, time = 5)
@Measurement(iterations = 3, time = 5)
// The raw-LMDB baseline uses LMDBJava's own ByteBufferProxy, which needs these (LmdbStore does not).
@Fork(value = 1, jvmArgsAppend = {"--add-opens", "java.base/java.nio=ALL-UNNAMED",
        "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED"})
@State(Scope.Thread)
public class StorageCommitLatencyBench {
    static final int DISTINCT_DOCS = 10_000;

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
    private int next;

    @Setup(Level.Trial)
    public void open() {
        ids = StorageBenchEnv.ids(DISTINCT_DOCS);
        keys = StorageBenchEnv.keyBytes(ids);
        bodies = StorageBenchEnv.bodies(DISTINCT_DOCS);
        dir = StorageBenchEnv.tempDir("c4j-latency-bench");
        env = StorageBenchEnv.rawEnv(dir.resolve("raw"));
        dbi = StorageBenchEnv.rawDbi(env);
        store = LmdbStore.open(dir.resolve("store"));
        docs = store.keyStore("coll:_default._default", true);
    }

    @TearDown(Level.Trial)
    public void close() {
        env.close();
        store.close();
        StorageBenchEnv.deleteTree(dir);
    }

    @Benchmark
    public void rawLmdbCommit() {
        int i = next++ % DISTINCT_DOCS;
        try (Txn<ByteBuffer> txn = env.txnWrite()) {
            StorageBenchEnv.rawPut(dbi, txn, key, keys[i], value, bodies[i]);
            txn.commit();
        }
    }

    @Benchmark
    public long lmdbStoreCommit() {
        int i = next++ % DISTINCT_DOCS;
        try (WriteTxn txn = store.beginWrite()) {
            long seq = docs.put(txn, ids[i], null, bodies[i], null, 0);
            txn.commit();
            return seq;
        }
    }
}
