package org.c4j.blip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32;
import org.c4j.socket.C4Exception;
import org.c4j.socket.testkit.LoopbackConfig;
import org.c4j.socket.testkit.LoopbackPair;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two connections over the in-memory loopback pair with real threads: thousands of mixed requests both ways (random
 * sizes, urgent, no-reply, compressed), every reply checked, and a 100 MB streamed body.
 */
class LoopbackStressTest {
    private static final Logger LOG = LoggerFactory.getLogger(LoopbackStressTest.class);
    private static final long TIMEOUT_S = 60;
    /** Bodies up to this size are echoed; bigger ones are answered with their length and CRC32. */
    private static final int ECHO_LIMIT = 64 * 1024;

    /** Both ends of a started pair, with close events recorded. */
    private static final class Ends {
        final BlipConnection client;
        final BlipConnection server;
        final List<C4Exception> clientCloses = new java.util.concurrent.CopyOnWriteArrayList<>();
        final List<C4Exception> serverCloses = new java.util.concurrent.CopyOnWriteArrayList<>();
        final CountDownLatch closed = new CountDownLatch(2);
        final AtomicLong noReplyCount = new AtomicLong();

        Ends(LoopbackConfig loopback, BlipConfig.Builder config) {
            LoopbackPair pair = LoopbackPair.create(loopback);
            client = BlipConnection.create(pair.client(), config.name("client").build());
            server = BlipConnection.create(pair.server(), config.name("server").build());
            for (BlipConnection c : List.of(client, server)) {
                c.setRequestHandler("echo", LoopbackStressTest::echo);
                c.setRequestHandler("note", req -> {
                    noReplyCount.incrementAndGet();
                });
            }
            client.addListener(closeRecorder(clientCloses));
            server.addListener(closeRecorder(serverCloses));
            server.start();
            client.start();
        }

        private ConnectionListener closeRecorder(List<C4Exception> into) {
            return new ConnectionListener() {
                @Override
                public void onClose(C4Exception errorOrNull) {
                    into.add(errorOrNull);
                    closed.countDown();
                }
            };
        }

        void closeAndCheck() throws InterruptedException {
            client.close();
            assertTrue(closed.await(TIMEOUT_S, TimeUnit.SECONDS), "both sides closed");
            Thread.sleep(50); // a second onClose would show up now
            assertEquals(java.util.Collections.singletonList(null), clientCloses);
            assertEquals(java.util.Collections.singletonList(null), serverCloses);
        }
    }

    private static void echo(IncomingMessage req) {
        byte[] body = req.body();
        OutgoingMessage.Builder reply = OutgoingMessage.builder().compressed(req.isCompressed());
        if (body.length <= ECHO_LIMIT) {
            reply.body(body);
        } else {
            reply.property("Length", Integer.toString(body.length)).property("CRC", Long.toString(crc(body)));
        }
        req.respond(reply.build());
    }

    private static long crc(byte[] b) {
        CRC32 c = new CRC32();
        c.update(b);
        return c.getValue();
    }

    /** Mostly small, some medium, a few up to 8 MiB: about 40 MB per direction for 5,000 requests. */
    private static int size(Random r) {
        int p = r.nextInt(1000);
        if (p < 900) {
            return r.nextInt(1024);
        } else if (p < 995) {
            return r.nextInt(64 * 1024);
        } else if (p < 998) {
            return r.nextInt(1024 * 1024);
        }
        return r.nextInt(8 * 1024 * 1024);
    }

    /**
     * One side's share of the traffic: sends {@code count} requests, at most 256 awaiting a reply, checks them.
     * Returns the number of no-reply requests.
     */
    private static int traffic(BlipConnection from, long seed, int count, boolean compress) throws Exception {
        Random r = new Random(seed);
        Semaphore window = new Semaphore(256);
        List<CompletableFuture<Void>> checks = new ArrayList<>();
        int notes = 0;
        for (int i = 0; i < count; i++) {
            byte[] body = new byte[size(r)];
            r.nextBytes(body);
            if (r.nextBoolean()) {
                java.util.Arrays.fill(body, 0, body.length / 2, (byte) 'x'); // something to compress
            }
            boolean noReply = r.nextInt(10) == 0;
            notes += noReply ? 1 : 0;
            OutgoingMessage msg = OutgoingMessage.request(noReply ? "note" : "echo").body(body)
                    .urgent(r.nextInt(10) == 0).noReply(noReply).compressed(compress && r.nextInt(3) == 0).build();
            window.acquire();
            int n = i;
            checks.add(from.send(msg).whenComplete((v, e) -> window.release()).thenAccept(reply -> {
                if (noReply) {
                    assertNull(reply);
                } else if (body.length <= ECHO_LIMIT) {
                    assertArrayEquals(body, reply.body(), "reply " + n);
                } else {
                    assertEquals(Integer.toString(body.length), reply.property("Length"), "reply " + n);
                    assertEquals(Long.toString(crc(body)), reply.property("CRC"), "reply " + n);
                }
            }));
        }
        CompletableFuture.allOf(checks.toArray(CompletableFuture[]::new)).get(TIMEOUT_S, TimeUnit.SECONDS);
        return notes;
    }

    private static void exchange(LoopbackConfig loopback, BlipConfig.Builder config, boolean compress)
            throws Exception {
        long seed = System.nanoTime();
        LOG.info("stress seed {} ({}, compress={})", seed, loopback, compress);
        Ends ends = new Ends(loopback, config);
        long start = System.nanoTime();
        CompletableFuture<Integer> a = CompletableFuture.supplyAsync(() -> run(ends.client, seed, compress));
        CompletableFuture<Integer> b = CompletableFuture.supplyAsync(() -> run(ends.server, seed + 1, compress));
        int notes;
        try {
            notes = a.get(2 * TIMEOUT_S, TimeUnit.SECONDS) + b.get(2 * TIMEOUT_S, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("stress failed; seed " + seed, e);
        }
        LOG.info("stress took {} ms; client {}, server {}", (System.nanoTime() - start) / 1_000_000,
                ends.client.stats(), ends.server.stats());
        ends.closeAndCheck();
        // Everything sent before the close handshake was delivered and handled before it completed.
        assertEquals(notes, ends.noReplyCount.get(), "requests without reply all arrived");
    }

    private static int run(BlipConnection from, long seed, boolean compress) {
        try {
            return traffic(from, seed, 5_000, compress);
        } catch (Exception e) {
            throw new java.util.concurrent.CompletionException(e);
        }
    }

    @Test
    void tenThousandRequestsUncompressedNoLatency() throws Exception {
        exchange(LoopbackConfig.defaults(), BlipConfig.builder().compressionLevel(0), false);
    }

    @Test
    void tenThousandRequestsCompressedWithLatencyAndSmallBuffers() throws Exception {
        exchange(LoopbackConfig.builder().latency(Duration.ofMillis(1)).jitter(Duration.ofMillis(1), 42)
                        .bufferBytes(64 * 1024).build(),
                BlipConfig.builder().compressionLevel(6).maxUnwrittenBytes(32 * 1024), true);
    }

    /** A source of {@code size} pseudo-random bytes that never holds more than one chunk. */
    private static final class PatternSource implements BodySource {
        private final Random random;
        private long left;
        private final CRC32 crc = new CRC32();
        private final byte[] chunk = new byte[8192];

        PatternSource(long seed, long size) {
            this.random = new Random(seed);
            this.left = size;
        }

        @Override
        public int read(ByteBuffer dst) {
            if (left == 0) {
                return -1;
            }
            int n = (int) Math.min(Math.min(left, chunk.length), dst.remaining());
            random.nextBytes(chunk);
            for (int i = 0; i < chunk.length; i += 4) {
                chunk[i] = 'p'; // a quarter of the bytes are easy to compress
            }
            dst.put(chunk, 0, n);
            crc.update(chunk, 0, n);
            left -= n;
            return n;
        }
    }

    private static void stream(long size, boolean compressed) throws Exception {
        Ends ends = new Ends(LoopbackConfig.defaults(), BlipConfig.builder());
        List<PatternSource> sources = new java.util.concurrent.CopyOnWriteArrayList<>();
        ends.server.setRequestHandler("download", req -> {
            PatternSource src = new PatternSource(7, size);
            sources.add(src);
            req.respond(OutgoingMessage.builder().bodySource(src).compressed(compressed).build());
        });
        CRC32 crc = new CRC32();
        AtomicLong received = new AtomicLong();
        IncomingMessage reply = ends.client.send(OutgoingMessage.request("download").replySink(chunk -> {
            received.addAndGet(chunk.remaining());
            crc.update(chunk);
        }).build()).get(TIMEOUT_S, TimeUnit.SECONDS);
        assertEquals(0, reply.body().length);
        assertEquals(size, received.get());
        assertEquals(sources.get(0).crc.getValue(), crc.getValue());
        ends.closeAndCheck();
    }

    @Test
    void streams100MegabytesThroughSourceAndSink() throws Exception {
        stream(100L * 1024 * 1024, false);
    }

    @Test
    void streams20MegabytesCompressed() throws Exception {
        stream(20L * 1024 * 1024, true);
    }
}
