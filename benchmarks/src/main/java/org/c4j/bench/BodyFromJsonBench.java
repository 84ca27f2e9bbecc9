package org.c4j.bench;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.c4j.Body;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * JSON parsing alone, the first step of every save: {@code Body.fromJson} of the 1,000 first {@link BenchDocs}
 * documents (1 KiB each), given as Strings (what {@link DocumentInsertBench} saves) and as UTF-8 bytes (what the
 * replicator receives). No storage. Reported as microseconds per document.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar BodyFromJson -prof gc}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@OperationsPerInvocation(BodyFromJsonBench.DOCS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
@State(Scope.Thread)
public class BodyFromJsonBench {
    static final int DOCS = 1_000;

    private String[] strings;
    private byte[][] bytes;

    @Setup
    public void data() {
        strings = new String[DOCS];
        bytes = new byte[DOCS][];
        for (int i = 0; i < DOCS; i++) {
            strings[i] = BenchDocs.json(i);
            bytes[i] = strings[i].getBytes(StandardCharsets.UTF_8);
        }
    }

    @Benchmark
    public void fromString(Blackhole bh) {
        for (String s : strings) {
            bh.consume(Body.fromJson(s));
        }
    }

    @Benchmark
    public void fromUtf8(Blackhole bh) {
        for (byte[] b : bytes) {
            bh.consume(Body.fromJson(b));
        }
    }
}
