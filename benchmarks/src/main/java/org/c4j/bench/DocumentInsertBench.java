package org.c4j.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.c4j.Body;
import org.c4j.Collection;
import org.c4j.Database;
import org.c4j.DatabaseConfig;
import org.c4j.SaveRequest;
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
 * Batched insert of 100,000 {@link BenchDocs} (1 KiB JSON each) through the c4-api database: {@code
 * Database.inBatch} transactions of 1,000 {@code defaultCollection().save(id, null, Body.fromJson(json))}, durable
 * commits (and, {@code durable=false}, commits that do not wait for the disk), into a fresh database per iteration. The JSON strings are made before timing; parsing them into the
 * stored form (MessagePack), revision-ID generation, the revision tree and the commit are timed, as a user pays
 * for them. Same documents and batch size as {@link StorageInsertBench} (raw LMDB / LmdbStore) and
 * {@link CblInsertBench} (Couchbase Lite 3.0.0). Reported as microseconds per document (docs/s = 1e6 / score).
 *
 * <p>{@code c4apiSave}: the single-save loop above (each {@code save} inside {@code inBatch}, the JSON parsed by
 * {@code Body.fromJson} on the benchmark thread). {@code c4apiSaveAll}: the same documents and transactions, each
 * batch one {@code Collection.saveAll} of 1,000 {@code SaveRequest.ofJson} (the requests made in the timed loop,
 * as CBL's {@code MutableDocument}s are), which parses and prepares on helper threads beside the storing thread.
 * {@code c4apiSaveAllPipelined}: one {@code saveAll(all 100,000, 1000)}: the same durable transactions of 1,000,
 * with the next transaction's documents prepared while one commits (the call returns after the last commit).
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar DocumentInsertBench -f 1 -wi 1 -i 3}.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@OperationsPerInvocation(DocumentInsertBench.DOCS)
@Fork(1)
@State(Scope.Thread)
public class DocumentInsertBench {
    static final int DOCS = 100_000;
    static final int BATCH = 1_000;

    /**
     * Durable commits (the default: each commit waits for the disk) or not (as Couchbase Lite's SQLite in WAL mode
     * with {@code synchronous=normal}: a commit survives the process, not a power loss) — the second is the figure
     * at the anchor's own durability.
     */
    @Param({"true", "false"})
    public boolean durable;

    private String[] ids;
    private String[] jsons;
    private Path dir;
    private Database db;
    private Collection docs;

    @Setup(Level.Trial)
    public void data() {
        ids = StorageBenchEnv.ids(DOCS);
        jsons = new String[DOCS];
        for (int i = 0; i < DOCS; i++) {
            jsons[i] = BenchDocs.json(i);
        }
    }

    @Setup(Level.Iteration)
    public void open() {
        dir = StorageBenchEnv.tempDir("c4j-doc-insert-bench");
        db = Database.open(dir.resolve("db"), DatabaseConfig.defaults().withDurable(durable));
        docs = db.defaultCollection();
    }

    @TearDown(Level.Iteration)
    public void close() {
        long count = docs.count();
        db.close();
        StorageBenchEnv.deleteTree(dir);
        if (count != DOCS) {
            throw new IllegalStateException("expected " + DOCS + " documents, found " + count);
        }
    }

    @Benchmark
    public long c4apiSave() {
        long last = 0;
        for (int from = 0; from < DOCS; from += BATCH) {
            int first = from;
            last = db.inBatch(() -> {
                long seq = 0;
                for (int i = first; i < first + BATCH; i++) {
                    seq = docs.save(ids[i], null, Body.fromJson(jsons[i])).sequence();
                }
                return seq;
            });
        }
        return last;
    }

    @Benchmark
    public long c4apiSaveAll() {
        long last = 0;
        for (int from = 0; from < DOCS; from += BATCH) {
            List<SaveRequest> batch = new ArrayList<>(BATCH);
            for (int i = from; i < from + BATCH; i++) {
                batch.add(SaveRequest.ofJson(ids[i], null, jsons[i]));
            }
            List<org.c4j.Document> saved = docs.saveAll(batch);
            last = saved.get(BATCH - 1).sequence();
        }
        return last;
    }

    @Benchmark
    public long c4apiSaveAllPipelined() {
        List<SaveRequest> all = new ArrayList<>(DOCS);
        for (int i = 0; i < DOCS; i++) {
            all.add(SaveRequest.ofJson(ids[i], null, jsons[i]));
        }
        docs.saveAll(all, BATCH);
        return all.size();
    }
}
