package org.c4j.blip.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.c4j.blip.BlipConfig;
import org.c4j.blip.ConnectionListener;
import org.c4j.blip.ConnectionState;
import org.c4j.blip.FakeSocket;
import org.c4j.blip.HeapProbe;
import org.c4j.blip.ManualExecutor;
import org.c4j.blip.OutgoingMessage;
import org.c4j.socket.C4Exception;
import org.c4j.socket.ErrorCodes;
import org.c4j.socket.ErrorDomain;

/**
 * Fuzzes a whole connection with random frames, mutated well-formed frame sequences and mutated captured Couchbase
 * Lite streams (10,000 tries in all). For every try: nothing but a typed close comes out (1002 with a BLIP error,
 * 1008/1009 with a WebSocket one, never an internal failure), every received byte is released, onClose comes once,
 * the try ends within {@link #TRY_TIMEOUT_S} seconds, and the heap stays within {@link HeapProbe#BOUND} of where it
 * started. Half the tries use small limits so that every limit is hit often. jqwik prints the seed of a failure.
 */
class ConnectionCoreFuzzTest {
    private static final long TRY_TIMEOUT_S = 10;
    private static final Set<Integer> TYPED_CLOSES = Set.of(ErrorCodes.WebSocket.CLOSE_PROTOCOL_ERROR,
            ErrorCodes.WebSocket.CLOSE_POLICY_ERROR, ErrorCodes.WebSocket.CLOSE_MESSAGE_TOO_BIG);
    private static final ExecutorService RUNNER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "fuzz-try");
        t.setDaemon(true);
        return t;
    });
    private static final AtomicLong TRIES = new AtomicLong();
    private static final long BASELINE = HeapProbe.usedAfterGc();

    /** Every direction of every capture, its frames in order (checksums and deflate state run per direction). */
    private static final List<List<byte[]>> STREAMS = Vectors.names().stream()
            .flatMap(n -> Vectors.frames(n).stream())
            .collect(Collectors.groupingBy(Vectors.VectorFrame::stream, LinkedHashMap::new,
                    Collectors.mapping(Vectors.VectorFrame::wire, Collectors.toList())))
            .values().stream().map(List::copyOf).toList();

    private static BlipConfig.Builder config(boolean smallLimits) {
        BlipConfig.Builder b = BlipConfig.builder();
        if (smallLimits) {
            b.maxIncomingMessageSize(32 * 1024).maxBufferedIncomingBytes(64 * 1024).maxIncompleteIncomingRequests(4)
                    .maxInflatedFrameSize(32 * 1024).maxQueuedOutgoingBytes(64 * 1024);
        }
        return b;
    }

    /** A connection on a fake socket that completes every write at once, with two requests awaiting replies. */
    private static final class Harness {
        final FakeSocket socket = new FakeSocket();
        final ManualExecutor exec = new ManualExecutor();
        final ConnectionCore conn;
        final List<C4Exception> closes = new ArrayList<>();
        long delivered;

        Harness(BlipConfig.Builder config) {
            conn = new ConnectionCore(socket, config.executor(exec).name("fuzz").build());
            conn.setRequestHandler("x", req -> req.respond(OutgoingMessage.builder().body(new byte[100]).build()));
            conn.addListener(new ConnectionListener() {
                @Override
                public void onClose(C4Exception errorOrNull) {
                    closes.add(errorOrNull);
                }
            });
            conn.start();
            exec.runAll();
            socket.delegate.opened();
            conn.send(OutgoingMessage.request("a").build());
            conn.send(OutgoingMessage.request("b").replySink(chunk -> { }).build());
            settle();
        }

        void deliver(byte[] frame) {
            delivered += frame.length;
            socket.delegate.received(ByteBuffer.wrap(frame.clone()));
            settle();
        }

        private void settle() {
            do {
                for (ByteBuffer b : socket.takeWritten()) {
                    socket.delegate.completedWrite(b.remaining());
                }
            } while (exec.runAll() > 0);
        }

        void feedAndCheck(List<byte[]> frames) {
            for (byte[] f : frames) {
                deliver(f);
            }
            assertEquals(delivered, socket.completedReceive, "every received byte is released");
            boolean closedByUs = socket.closeCode >= 0;
            if (!closedByUs) {
                conn.close(ErrorCodes.WebSocket.CLOSE_NORMAL, "");
                settle();
            }
            socket.delegate.closed(socket.closeCode == ErrorCodes.WebSocket.CLOSE_NORMAL ? null
                    : new C4Exception(ErrorDomain.WEBSOCKET, socket.closeCode, "closed"));
            settle();
            assertEquals(ConnectionState.CLOSED, conn.state());
            assertEquals(1, closes.size(), "onClose exactly once");
            if (closedByUs) {
                int code = socket.closeCode;
                assertTrue(TYPED_CLOSES.contains(code), "close status " + code + " " + socket.closeReason);
                C4Exception e = closes.get(0);
                ErrorDomain expected = code == ErrorCodes.WebSocket.CLOSE_PROTOCOL_ERROR ? ErrorDomain.BLIP
                        : ErrorDomain.WEBSOCKET;
                assertEquals(expected, e.domain(), e.toString());
                // An untyped RuntimeException or an Error behind the close means our own code failed on the input.
                Throwable cause = e.getCause();
                assertTrue(cause == null || cause instanceof C4Exception
                                || !(cause instanceof RuntimeException || cause instanceof Error),
                        "an internal failure leaked out as " + e + " caused by " + cause);
            }
        }
    }

    /** Runs one try on another thread and fails it if it takes too long (a hang); checks the heap now and then. */
    private static void bounded(boolean smallLimits, List<byte[]> frames) {
        Future<?> f = RUNNER.submit(() -> new Harness(config(smallLimits)).feedAndCheck(frames));
        try {
            f.get(TRY_TIMEOUT_S, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            fail("try did not finish in " + TRY_TIMEOUT_S + " s");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new AssertionError(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        if (TRIES.incrementAndGet() % 2500 == 0) {
            long above = HeapProbe.usedAfterGc() - BASELINE;
            assertTrue(above < HeapProbe.BOUND, "heap " + (above >> 20) + " MiB above baseline after " + TRIES);
        }
    }

    // ---- random frames ----

    @Provide
    Arbitrary<List<byte[]>> garbage() {
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(64);
        Arbitrary<byte[]> plausible = Combinators.combine(Arbitraries.integers().between(0, 4),
                Arbitraries.integers().between(0, 0x7F), random).as((no, flags, tail) -> {
                    byte[] f = new byte[2 + tail.length];
                    f[0] = (byte) (int) no;
                    f[1] = (byte) (int) flags;
                    System.arraycopy(tail, 0, f, 2, tail.length);
                    return f;
                });
        return Arbitraries.oneOf(random, plausible).list().ofMinSize(1).ofMaxSize(12);
    }

    @Property(tries = 3000)
    void randomFrames(@ForAll("garbage") List<byte[]> frames, @ForAll boolean smallLimits) {
        bounded(smallLimits, frames);
    }

    // ---- mutated well-formed sequences ----

    private static final long NEXT = Long.MIN_VALUE;
    private static final long SAME = Long.MIN_VALUE + 1;

    /** One frame to build: number ({@link #NEXT}, {@link #SAME} or literal), type and flag bits, payload kind. */
    record Spec(long msgNo, int type, int flagBits, int payloadKind, int size, long seed) {
    }

    @Provide
    Arbitrary<List<Spec>> specs() {
        // Mostly "the next request number" or "the same message again", so sequences get past the order check and
        // build up incomplete messages; sometimes any small number or an extreme one.
        Arbitrary<Long> numbers = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, Arbitraries.just(NEXT)), net.jqwik.api.Tuple.of(5, Arbitraries.just(SAME)),
                net.jqwik.api.Tuple.of(2, Arbitraries.longs().between(0, 6)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(Long.MAX_VALUE, -1L, 1L << 32)));
        Arbitrary<Integer> types = Arbitraries.frequency(java.util.List.of(
                net.jqwik.api.Tuple.of(8, 0), net.jqwik.api.Tuple.of(4, 1), net.jqwik.api.Tuple.of(2, 2),
                net.jqwik.api.Tuple.of(2, 4), net.jqwik.api.Tuple.of(2, 5), net.jqwik.api.Tuple.of(1, 3),
                net.jqwik.api.Tuple.of(1, 7)));
        Arbitrary<Integer> flags = Arbitraries.integers().between(0, 15).map(bits ->
                ((bits & 1) != 0 ? BlipWire.MORE_COMING : 0) | ((bits & 2) != 0 ? BlipWire.COMPRESSED : 0)
                        | ((bits & 4) != 0 ? BlipWire.URGENT : 0) | ((bits & 8) != 0 ? BlipWire.NO_REPLY : 0));
        Arbitrary<Integer> sizes = Arbitraries.oneOf(Arbitraries.integers().between(0, 200),
                Arbitraries.integers().between(0, 70_000));
        Arbitrary<List<Spec>> random = Combinators.combine(numbers, types, flags, Arbitraries.integers().between(0, 3),
                sizes, Arbitraries.longs()).as(Spec::new).list().ofMinSize(1).ofMaxSize(16);
        // A burst of new requests left incomplete (the count and buffer limits), then anything.
        Arbitrary<List<Spec>> burst = Combinators.combine(sizes, Arbitraries.longs())
                .as((size, seed) -> new Spec(NEXT, 0, BlipWire.MORE_COMING, 2, size, seed)).list().ofMinSize(3)
                .ofMaxSize(8);
        return Arbitraries.oneOf(random, Combinators.combine(burst, random).as((a, b) -> {
            List<Spec> all = new ArrayList<>(a);
            all.addAll(b);
            return all;
        }));
    }

    /** One change to a frame list: flip, truncate, drop, duplicate, swap or insert. */
    record Mutation(int kind, int index, int position, int value) {
    }

    /** Half the time none (the sequence must then be handled as built), else one to four. */
    @Provide
    Arbitrary<List<Mutation>> mutations() {
        Arbitrary<List<Mutation>> some = Combinators.combine(Arbitraries.integers().between(0, 5),
                        Arbitraries.integers().between(0, 1000), Arbitraries.integers().between(0, 1 << 20),
                        Arbitraries.integers().between(1, 255))
                .as(Mutation::new).list().ofMinSize(1).ofMaxSize(4);
        return Arbitraries.oneOf(Arbitraries.just(List.of()), some);
    }

    @Property(tries = 4000)
    void mutatedWellFormedFrames(@ForAll("specs") List<Spec> specs, @ForAll("mutations") List<Mutation> mutations,
                                 @ForAll boolean smallLimits) {
        List<byte[]> frames = new ArrayList<>();
        long last = 0;
        try (FrameEncoder enc = new FrameEncoder(6)) {
            for (Spec s : specs) {
                long no = s.msgNo() == NEXT ? last + 1 : s.msgNo() == SAME ? Math.max(1, last) : s.msgNo();
                last = s.msgNo() == NEXT ? no : last;
                frames.add(build(enc, s, no));
            }
        }
        bounded(smallLimits, mutate(frames, mutations));
    }

    private static byte[] build(FrameEncoder enc, Spec s, long msgNo) {
        java.util.Random random = new java.util.Random(s.seed());
        byte[] payload = switch (s.payloadKind()) {
            case 0 -> new byte[s.size()];                                  // zeros: compresses like a bomb
            case 1 -> {
                byte[] b = new byte[Math.min(s.size(), 3000)];
                random.nextBytes(b);
                yield b;
            }
            case 2 -> MessageCodec.encodeMessage(Map.of("Profile", random.nextBoolean() ? "x" : "y"),
                    new byte[Math.min(s.size(), 5000)]);
            default -> {                                                   // a properties length, maybe huge
                ByteBuffer b = ByteBuffer.allocate(12);
                Varint.write(random.nextInt(4) == 0 ? random.nextLong() : random.nextInt(200_000), b);
                b.put((byte) 'P');
                yield java.util.Arrays.copyOf(b.array(), b.position());
            }
        };
        int flags = s.type() | s.flagBits();
        ByteBuffer wire;
        if (s.type() <= 2) {
            wire = enc.encode(msgNo, flags, ByteBuffer.wrap(payload), Math.max(1, payload.length));
        } else if (s.type() == 4 || s.type() == 5) {
            wire = enc.encodeAck(msgNo, MessageType.fromFlags(s.type()), random.nextInt(1 << 20));
        } else {
            wire = ByteBuffer.allocate(24 + payload.length);
            Varint.write(msgNo, wire);
            Varint.write(flags, wire);
            wire.put(payload).putInt(random.nextInt()).flip();
        }
        byte[] out = new byte[wire.remaining()];
        wire.get(out);
        return out;
    }

    private static List<byte[]> mutate(List<byte[]> frames, List<Mutation> mutations) {
        List<byte[]> out = new ArrayList<>();
        for (byte[] f : frames) {
            out.add(f.clone());
        }
        for (Mutation m : mutations) {
            if (out.isEmpty()) {
                break;
            }
            int i = m.index() % out.size();
            byte[] f = out.get(i);
            switch (m.kind()) {
                case 0 -> {
                    if (f.length > 0) {
                        f[m.position() % f.length] ^= (byte) m.value();
                    }
                }
                case 1 -> out.set(i, java.util.Arrays.copyOf(f, f.length == 0 ? 0 : m.position() % f.length));
                case 2 -> out.remove(i);
                case 3 -> out.add(i, f.clone());
                case 4 -> {
                    if (i + 1 < out.size()) {
                        out.set(i, out.get(i + 1));
                        out.set(i + 1, f);
                    }
                }
                default -> {
                    byte[] junk = new byte[m.value() % 24];
                    new java.util.Random(m.position()).nextBytes(junk);
                    out.add(i, junk);
                }
            }
        }
        return out;
    }

    // ---- mutated captured streams ----

    @Provide
    Arbitrary<Integer> streams() {
        return Arbitraries.integers().between(0, STREAMS.size() - 1);
    }

    /** A prefix of one captured direction (up to 60 frames), mutated; the unmutated prefix must just work. */
    @Property(tries = 3000)
    void mutatedCapturedFrames(@ForAll("streams") int stream, @ForAll("mutations") List<Mutation> mutations,
                               @ForAll boolean smallLimits) {
        List<byte[]> frames = STREAMS.get(stream);
        List<byte[]> prefix = frames.subList(0, Math.min(frames.size(), 60));
        bounded(smallLimits, mutate(prefix, mutations));
    }
}
