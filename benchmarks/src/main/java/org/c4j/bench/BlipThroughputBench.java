package org.c4j.bench;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.c4j.blip.BlipConfig;
import org.c4j.blip.BlipConnection;
import org.c4j.blip.OutgoingMessage;
import org.c4j.socket.testkit.LoopbackPair;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * BLIP request throughput between two {@link BlipConnection}s over the in-memory loopback socket pair: one operation
 * is one request of {@code size} body bytes handed to {@code send}, answered by a tiny reply. Requests are pipelined
 * (a window of about 32 MiB or 1024 requests in flight), so the score in ops/s is messages per second and
 * {@code score x size} is bytes per second. The body is text-like (compressible about 3x), the same array for every
 * request. Each iteration ends by waiting for every reply.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar BlipThroughput -f 1 -wi 2 -i 3 -w 2s -r 3s}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class BlipThroughputBench {
    /** Bytes in flight the pipelining window aims at: enough to keep both connections busy. */
    private static final long WINDOW_BYTES = 32L << 20;
    private static final int MAX_WINDOW = 1024;

    @Param({"200", "16384", "1048576"})
    public int size;

    @Param({"false", "true"})
    public boolean compressed;

    private BlipConnection client;
    private BlipConnection server;
    private OutgoingMessage request;
    private Semaphore window;
    private int windowSize;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        LoopbackPair pair = LoopbackPair.create();
        client = BlipConnection.create(pair.client(), BlipConfig.builder().name("bench-client").build());
        server = BlipConnection.create(pair.server(), BlipConfig.builder().name("bench-server").build());
        byte[] ok = "ok".getBytes(StandardCharsets.UTF_8);
        server.setRequestHandler("put", req -> req.respond(OutgoingMessage.builder().body(ok).build()));
        server.start();
        client.start();
        request = OutgoingMessage.request("put").body(textLike(size)).compressed(compressed).build();
        windowSize = (int) Math.max(1, Math.min(MAX_WINDOW, WINDOW_BYTES / size));
        window = new Semaphore(windowSize);
        client.send(OutgoingMessage.request("put").build()).get(10, TimeUnit.SECONDS); // connected
    }

    /** Words from a small vocabulary: compresses about like JSON documents do. */
    private static byte[] textLike(int n) {
        String[] words = {"\"type\":", "\"name\":", "\"value\"", "12345", "true", "null", "{", "}", ",", "alpha",
            "beta", "gamma", "delta", "2024-01-01T00:00:00Z"};
        Random r = new Random(1);
        StringBuilder sb = new StringBuilder(n + 32);
        while (sb.length() < n) {
            sb.append(words[r.nextInt(words.length)]);
            if (r.nextInt(4) == 0) {
                sb.append(Integer.toHexString(r.nextInt()));
            }
        }
        return sb.substring(0, n).getBytes(StandardCharsets.US_ASCII);
    }

    @Benchmark
    public void send() throws InterruptedException {
        window.acquire();
        client.send(request).whenComplete((reply, error) -> window.release());
    }

    /** Waits for every reply of the iteration, so each iteration is measured end to end. */
    @TearDown(Level.Iteration)
    public void drain() throws InterruptedException {
        if (!window.tryAcquire(windowSize, 60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("replies missing after 60 s");
        }
        window.release(windowSize);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        CompletableFuture<Void> closed = new CompletableFuture<>();
        client.addListener(new org.c4j.blip.ConnectionListener() {
            @Override
            public void onClose(org.c4j.socket.C4Exception errorOrNull) {
                closed.complete(null);
            }
        });
        client.close();
        closed.get(10, TimeUnit.SECONDS);
    }
}
