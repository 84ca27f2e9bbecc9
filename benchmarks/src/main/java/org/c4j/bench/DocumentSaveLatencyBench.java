package org.c4j.bench;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.c4j.Body;
import org.c4j.Collection;
import org.c4j.Database;
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
 * Latency of one durable c4-api save of a 1 KiB {@link BenchDocs} document in its own transaction (no
 * {@code inBatch}: {@code Collection.save} commits by itself), JSON parsing included. Two cases: a new document
 * ({@code c4apiSaveNew}, a fresh ID each time) and a new revision of one of 10,000 existing documents
 * ({@code c4apiSaveUpdate}, child of the current revision, the revision tree growing to its pruning depth).
 * Compare with {@link StorageCommitLatencyBench}'s raw LMDB single-put commit, which overwrites existing keys;
 * {@code rawLmdbCommitNew} here is the raw commit of a new key (the file grows, as with {@code c4apiSaveNew}).
 * Sample mode: JMH prints p50/p90/p99.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar DocumentSaveLatencyBench -f 1 -wi 1 -i 3}.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 1, time = 5)
@Measurement(iterations = 3, time = 5)
// The raw-LMDB baseline uses LMDBJava's own ByteBufferProxy, which needs these (LmdbStore does not).
@Fork(value = 1, jvmArgsAppend = {"--add-opens", "java.base/java.nio=ALL-UNNAMED",
        "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED"})
@State(Scope.Thread)
public class DocumentSaveLatencyBench {
    static final int DISTINCT_DOCS = 10_000;

    private String[] ids;
    private String[] jsons;
    private String[] revIds;
    private Path dir;
    private Database db;
    private Collection docs;
    private Env<ByteBuffer> env;
    private Dbi<ByteBuffer> dbi;
    private byte[][] bodies;
    private final ByteBuffer key = ByteBuffer.allocateDirect(511);
    private final ByteBuffer value = ByteBuffer.allocateDirect(64 * 1024);
    private int nextNew;
    private int nextUpdate;
    private int nextRaw;

    @Setup(Level.Trial)
    public void open() {
        ids = StorageBenchEnv.ids(DISTINCT_DOCS);
        jsons = new String[DISTINCT_DOCS];
        revIds = new String[DISTINCT_DOCS];
        dir = StorageBenchEnv.tempDir("c4j-doc-latency-bench");
        db = Database.open(dir.resolve("db"));
        docs = db.defaultCollection();
        env = StorageBenchEnv.rawEnv(dir.resolve("raw"));
        dbi = StorageBenchEnv.rawDbi(env);
        bodies = StorageBenchEnv.bodies(DISTINCT_DOCS);
        db.inBatch(() -> {
            for (int i = 0; i < DISTINCT_DOCS; i++) {
                jsons[i] = BenchDocs.json(i);
                revIds[i] = docs.save(ids[i], null, Body.fromJson(jsons[i])).revId();
            }
        });
    }

    @TearDown(Level.Trial)
    public void close() {
        db.close();
        env.close();
        StorageBenchEnv.deleteTree(dir);
    }

    @Benchmark
    public long c4apiSaveNew() {
        int n = nextNew++;
        return docs.save("new-" + n, null, Body.fromJson(jsons[n % DISTINCT_DOCS])).sequence();
    }

    @Benchmark
    public long c4apiSaveUpdate() {
        int i = nextUpdate++ % DISTINCT_DOCS;
        String rev = docs.save(ids[i], revIds[i], Body.fromJson(jsons[i])).revId();
        revIds[i] = rev;
        return rev.length();
    }

    @Benchmark
    public void rawLmdbCommitNew() {
        int n = nextRaw++;
        try (Txn<ByteBuffer> txn = env.txnWrite()) {
            StorageBenchEnv.rawPut(dbi, txn, key, ("new-" + n).getBytes(StandardCharsets.UTF_8), value,
                bodies[n % DISTINCT_DOCS]);
            txn.commit();
        }
    }
}
