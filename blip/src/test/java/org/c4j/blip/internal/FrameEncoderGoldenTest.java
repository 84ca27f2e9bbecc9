package org.c4j.blip.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Re-encodes every captured frame with {@link FrameEncoder}, keeping the same per-direction CRC and deflate state as
 * the capture: uncompressed and ACK frames must come out byte-identical; compressed frames must decode (with our
 * decoder and with a plain raw-inflate replay of our stream) to the captured payload.
 */
class FrameEncoderGoldenTest {

    static Stream<String> captures() {
        return Vectors.names().stream();
    }

    /** Our re-encoding of one captured direction. */
    private static final class Direction {
        final FrameDecoder captured = new FrameDecoder();
        final FrameEncoder encoder = new FrameEncoder(Deflater.DEFAULT_COMPRESSION);
        final FrameDecoder ours = new FrameDecoder();
        final Inflater replay = new Inflater(true);
    }

    @ParameterizedTest
    @MethodSource("captures")
    void reEncodesEveryFrame(String capture) throws DataFormatException {
        Map<String, Direction> dirs = new HashMap<>();
        int identical = 0;
        int compressed = 0;
        int compressedIdentical = 0;
        for (Vectors.VectorFrame vf : Vectors.frames(capture)) {
            Direction d = dirs.computeIfAbsent(vf.stream(), k -> new Direction());
            Frame frame = d.captured.decode(ByteBuffer.wrap(vf.wire()));
            byte[] payload = bytes(frame.payload());
            ByteBuffer encoded;
            if (frame.type().isAck()) {
                encoded = d.encoder.encodeAck(frame.msgNo(), frame.type(), frame.ackedBytes());
            } else {
                encoded = d.encoder.encode(frame.msgNo(), frame.flags(), ByteBuffer.wrap(payload),
                        Math.max(1, payload.length));
            }
            byte[] ourWire = bytes(encoded);
            if (!frame.hasFlag(BlipWire.COMPRESSED)) {
                assertArrayEquals(vf.wire(), ourWire, vf + " re-encoded bytes");
                identical++;
            } else {
                compressed++;
                if (java.util.Arrays.equals(vf.wire(), ourWire)) {
                    compressedIdentical++;
                }
                // The checksum covers uncompressed bytes, so it must match even when the deflate bytes differ.
                assertArrayEquals(tail(vf.wire(), 4), tail(ourWire, 4), vf + " checksum");
                assertArrayEquals(payload, inflateReplay(d.replay, ourWire), vf + " raw inflate replay");
            }
            Frame again = d.ours.decode(ByteBuffer.wrap(ourWire));
            assertEquals(frame.msgNo(), again.msgNo());
            assertEquals(frame.flags(), again.flags());
            assertArrayEquals(payload, bytes(again.payload()), vf + " our frame decodes to the payload");
        }
        System.out.printf("%s: %d uncompressed/ACK frames byte-identical; %d of %d compressed frames byte-identical"
                + " at zlib default level%n", capture, identical, compressedIdentical, compressed);
        assertTrue(identical > 0);
    }

    /** Inflates the deflate bytes of one of our compressed frames with a plain nowrap Inflater (header is 2 bytes). */
    private static byte[] inflateReplay(Inflater inflater, byte[] wire) throws DataFormatException {
        ByteBuffer in = ByteBuffer.wrap(wire);
        Varint.read(in);
        Varint.read(in);
        ByteArrayOutputStream deflated = new ByteArrayOutputStream();
        deflated.write(wire, in.position(), in.remaining() - 4);
        deflated.writeBytes(new byte[] {0, 0, (byte) 0xFF, (byte) 0xFF});
        inflater.setInput(deflated.toByteArray());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        while (true) {
            int n = inflater.inflate(buf);
            out.write(buf, 0, n);
            if (n == 0 && inflater.needsInput()) {
                return out.toByteArray();
            }
        }
    }

    private static byte[] tail(byte[] b, int n) {
        return java.util.Arrays.copyOfRange(b, b.length - n, b.length);
    }

    static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }

    @Test
    void transitionTable() {
        TransitionTables.assertWellFormed(FrameEncoder.State.class, FrameEncoder.State.OPEN,
                EnumSet.of(FrameEncoder.State.CLOSED), FrameEncoder.State::canMoveTo);
    }
}
