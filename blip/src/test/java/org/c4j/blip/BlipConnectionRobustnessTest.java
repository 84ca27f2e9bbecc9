package org.c4j.blip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.c4j.blip.internal.FrameEncoder;
import org.c4j.blip.internal.MessageCodec;
import org.c4j.socket.C4Exception;
import org.c4j.socket.ErrorCodes;
import org.c4j.socket.ErrorDomain;

/**
 * Hostile input: whatever arrives, nothing escapes the connection, every received byte is released, a protocol error
 * closes it with 1002, and onClose comes exactly once. jqwik prints the seed of any failure.
 */
class BlipConnectionRobustnessTest {

    /** One connection on a fake socket, opened, driven by hand. */
    private static final class Harness {
        final FakeSocket socket = new FakeSocket();
        final ManualExecutor exec = new ManualExecutor();
        final BlipConnection conn = BlipConnection.create(socket, BlipConfig.builder().executor(exec).build());
        final List<C4Exception> closes = new ArrayList<>();
        long delivered;

        Harness() {
            conn.setRequestHandler("x", req -> req.respond(OutgoingMessage.builder().build()));
            conn.addListener(new ConnectionListener() {
                @Override
                public void onClose(C4Exception errorOrNull) {
                    closes.add(errorOrNull);
                }
            });
            conn.start();
            exec.runAll();
            socket.delegate.opened();
            exec.runAll();
        }

        void deliver(byte[] frame) {
            delivered += frame.length;
            socket.delegate.received(ByteBuffer.wrap(frame.clone()));
            exec.runAll();
        }

        /** Plays the transport's end of the close; returns the one error onClose reported. */
        C4Exception finish() {
            assertEquals(delivered, socket.completedReceive, "every received byte is released");
            C4Exception transportError = socket.closeCode < 0 ? null
                    : new C4Exception(ErrorDomain.WEBSOCKET, socket.closeCode, "closed");
            socket.delegate.closed(transportError);
            exec.runAll();
            assertEquals(ConnectionState.CLOSED, conn.state());
            assertEquals(1, closes.size(), "onClose exactly once");
            return closes.get(0);
        }
    }

    @Provide
    Arbitrary<List<byte[]>> garbage() {
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(40);
        // Plausible headers (small numbers, any flags) over random payloads get past the first checks more often.
        Arbitrary<byte[]> plausible = Combinators.combine(Arbitraries.integers().between(0, 3),
                Arbitraries.integers().between(0, 0x7F), random).as((no, flags, tail) -> {
                    byte[] f = new byte[2 + tail.length];
                    f[0] = (byte) (int) no;
                    f[1] = (byte) (int) flags;
                    System.arraycopy(tail, 0, f, 2, tail.length);
                    return f;
                });
        return Arbitraries.oneOf(random, plausible).list().ofMinSize(1).ofMaxSize(20);
    }

    @Property(tries = 300)
    void garbageNeverEscapesAndClosesWithAProtocolError(@ForAll("garbage") List<byte[]> frames) {
        Harness h = new Harness();
        for (byte[] f : frames) {
            h.deliver(f);
        }
        boolean closedByUs = h.socket.closeCode >= 0;
        if (!closedByUs) {
            h.conn.close(); // all of it happened to be harmless (e.g. ACKs of nothing): close normally
            h.exec.runAll();
        }
        C4Exception reported = h.finish();
        if (closedByUs) {
            assertEquals(ErrorCodes.WebSocket.CLOSE_PROTOCOL_ERROR, h.socket.closeCode);
            assertEquals(ErrorDomain.BLIP, reported.domain(), reported.toString());
        }
    }

    /**
     * Corrupting any byte of a request frame's message number, payload or checksum is fatal. (The flags byte is left
     * out: BLIP's checksum covers only payloads, so a flipped urgent, no-reply or more-coming bit is undetectable.)
     * Uncompressed frames: in a compressed frame a flipped padding bit of the last deflate block is invisible too.
     */
    @Property(tries = 500)
    void corruptingAnyNumberPayloadOrChecksumByteIsFatal(@ForAll @IntRange(min = 0, max = 3000) int bodySize,
                                                         @ForAll @IntRange(min = 0, max = 100_000) int where,
                                                         @ForAll @IntRange(min = 1, max = 255) int xor) {
        byte[] message = MessageCodec.encodeMessage(Map.of("Profile", "x"), new byte[bodySize]);
        ByteBuffer wire;
        try (FrameEncoder enc = new FrameEncoder(6)) {
            wire = enc.encode(1, 0, ByteBuffer.wrap(message), message.length);
        }
        byte[] frame = new byte[wire.remaining()];
        wire.get(frame);
        int flagsIndex = 1;
        int position = where % (frame.length - 1);
        position = position >= flagsIndex ? position + 1 : position;
        frame[position] ^= (byte) xor;

        Harness h = new Harness();
        h.deliver(frame);
        assertEquals(ErrorCodes.WebSocket.CLOSE_PROTOCOL_ERROR, h.socket.closeCode, "corrupt byte " + position);
        C4Exception reported = h.finish();
        assertEquals(ErrorDomain.BLIP, reported.domain());
        assertTrue(h.socket.written.isEmpty(), "nothing answered");
    }
}
