package org.c4j.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.c4j.Body;
import org.c4j.Change;
import org.c4j.ChangesOptions;
import org.c4j.Collection;
import org.c4j.Database;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Enumeration of the whole changes feed of a collection of 100,000 {@link BenchDocs} documents (1 KiB JSON each,
 * inserted once per trial): {@code Collection.changes(since, options)} in batches of
 * {@link ChangesOptions#DEFAULT}'s limit (1,000), each call continuing after the previous batch's last sequence,
 * without bodies (what a replicator's changes message needs) and with bodies (the stored MessagePack, not converted
 * to JSON). Reported as microseconds per document (docs/s = 1e6 / score).
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar ChangesFeedBench -f 1 -wi 1 -i 3}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@OperationsPerInvocation(ChangesFeedBench.DOCS)
@Warmup(iterations = 1, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(1)
@State(Scope.Thread)
public class ChangesFeedBench {
    static final int DOCS = 100_000;
    static final int BATCH = 1_000;

    private Path dir;
    private Database db;
    private Collection docs;

    @Setup(Level.Trial)
    public void open() {
        dir = StorageBenchEnv.tempDir("c4j-changes-bench");
        db = Database.open(dir.resolve("db"));
        docs = db.defaultCollection();
        for (int from = 0; from < DOCS; from += BATCH) {
            int first = from;
            db.inBatch(() -> {
                for (int i = first; i < first + BATCH; i++) {
                    docs.save(BenchDocs.id(i), null, Body.fromJson(BenchDocs.json(i)));
                }
            });
        }
    }

    @TearDown(Level.Trial)
    public void close() {
        db.close();
        StorageBenchEnv.deleteTree(dir);
    }

    @Benchmark
    public void withoutBodies(Blackhole bh) {
        enumerate(ChangesOptions.DEFAULT, bh);
    }

    @Benchmark
    public void withBodies(Blackhole bh) {
        enumerate(ChangesOptions.DEFAULT.withBodies(true), bh);
    }

    private void enumerate(ChangesOptions options, Blackhole bh) {
        long since = 0;
        int seen = 0;
        List<Change> batch;
        while (!(batch = docs.changes(since, options)).isEmpty()) {
            for (Change c : batch) {
                bh.consume(c);
            }
            seen += batch.size();
            since = batch.get(batch.size() - 1).sequence();
        }
        if (seen != DOCS) {
            throw new IllegalStateException("expected " + DOCS + " changes, saw " + seen);
        }
    }
}
