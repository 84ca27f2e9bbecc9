package org.c4j.blip.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.c4j.socket.ErrorCodes;

/** Corrupt, truncated and random input never gets past the decoder as anything but a BlipProtocolException. */
class FrameDecoderTest {

    @Provide
    Arbitrary<List<TestData.TestMessage>> messages() {
        return TestData.messages(3000).list().ofMinSize(1).ofMaxSize(4);
    }

    @Provide
    Arbitrary<Integer> maxPayload() {
        return Arbitraries.oneOf(Arbitraries.integers().between(1, 16), Arbitraries.integers().between(1, 5000));
    }

    /**
     * Flips bits of one byte of one frame. The header (message number, flags) is not covered by the protocol's
     * checksum, so a corrupt header may go unnoticed; everything else must be caught, except flips of deflate's
     * ignored padding bits, which leave the payload unchanged.
     */
    @Property(tries = 400)
    void anySingleByteCorruptionIsDetected(@ForAll("messages") List<TestData.TestMessage> messages,
                                           @ForAll("maxPayload") int maxPayload, @ForAll Random random,
                                           @ForAll @IntRange(min = 1, max = 255) int xor) {
        List<CodecHarness.EncodedFrame> frames = encode(messages, maxPayload, random);
        int k = random.nextInt(frames.size());
        CodecHarness.EncodedFrame target = frames.get(k);
        int pos = random.nextInt(target.wire().length);
        byte[] corrupt = target.wire().clone();
        corrupt[pos] ^= (byte) xor;

        Frame f;
        try (FrameDecoder decoder = decoderAfter(frames, k)) {
            f = decoder.decode(ByteBuffer.wrap(corrupt));
        } catch (BlipProtocolException expected) {
            return;
        }
        boolean inHeader = pos < target.headerLength();
        if (f.type().isAck()) {
            assertTrue(inHeader, "only a corrupt type field can turn a frame into an (unchecked) ACK");
            return;
        }
        assertArrayEquals(target.payload(), TestData.bytes(f.payload()),
                "corruption at " + pos + " of " + HexFormat.of().formatHex(target.wire()) + " accepted with another payload");
        if (!inHeader) {
            assertEquals(target.flags(), f.flags());
        }
    }

    @Property(tries = 300)
    void anyTruncationIsDetected(@ForAll("messages") List<TestData.TestMessage> messages,
                                 @ForAll("maxPayload") int maxPayload, @ForAll Random random) {
        List<CodecHarness.EncodedFrame> frames = encode(messages, maxPayload, random);
        int k = random.nextInt(frames.size());
        byte[] wire = frames.get(k).wire();
        byte[] truncated = Arrays.copyOf(wire, random.nextInt(wire.length));
        try (FrameDecoder decoder = decoderAfter(frames, k)) {
            assertThrows(BlipProtocolException.class, () -> decoder.decode(ByteBuffer.wrap(truncated)));
        }
    }

    @Property(tries = 300)
    void truncatedAcksAreDetected(@ForAll long msgNo, @ForAll @IntRange(min = 0) int count, @ForAll Random random) {
        try (FrameEncoder encoder = new FrameEncoder(6); FrameDecoder decoder = new FrameDecoder()) {
            byte[] wire = TestData.bytes(encoder.encodeAck(msgNo, MessageType.ACKMSG, count));
            byte[] truncated = Arrays.copyOf(wire, random.nextInt(wire.length));
            assertThrows(BlipProtocolException.class, () -> decoder.decode(ByteBuffer.wrap(truncated)));
        }
    }

    @Property(tries = 1000)
    void garbageOnlyEverThrowsBlipProtocolException(@ForAll @Size(max = 6) List<@Size(max = 300) byte[]> frames) {
        feedGarbage(frames);
    }

    /** Garbage behind a plausible header with the Compressed flag, to reach the inflater. */
    @Property(tries = 1000)
    void compressedGarbageOnlyEverThrowsBlipProtocolException(@ForAll @IntRange(min = 0, max = 0x7F) int flags,
                                                              @ForAll @Size(max = 4) List<@Size(max = 400) byte[]> bodies) {
        int compressedFlags = (flags | BlipWire.COMPRESSED) & ~0x04; // a MSG/RPY/ERR-or-3 type, compressed
        List<byte[]> frames = bodies.stream().map(b -> {
            byte[] f = new byte[b.length + 2];
            f[0] = 1;
            f[1] = (byte) compressedFlags;
            System.arraycopy(b, 0, f, 2, b.length);
            return f;
        }).toList();
        feedGarbage(frames);
    }

    private static void feedGarbage(List<byte[]> frames) {
        try (FrameDecoder decoder = new FrameDecoder()) {
            for (byte[] frame : frames) {
                try {
                    decoder.decode(ByteBuffer.wrap(frame));
                } catch (BlipProtocolException expected) {
                    // fatal for a connection; the decoder keeps refusing with the same exception type
                }
            }
        }
    }

    @Example
    void namedErrors() {
        assertCode(ErrorCodes.Blip.BAD_FRAME, new byte[0]); // empty frame
        assertCode(ErrorCodes.Blip.BAD_FRAME, new byte[] {1, 3, 0, 0, 0, 0, 0}); // type 3
        assertCode(ErrorCodes.Blip.BAD_FRAME, new byte[] {1, (byte) 0x80, 1, 0, 0, 0, 0, 0}); // flag 0x80
        assertCode(ErrorCodes.Blip.BAD_FRAME, new byte[] {1, 0, 0, 0, 0}); // shorter than its checksum
        assertCode(ErrorCodes.Blip.BAD_FRAME, new byte[] {(byte) 0x81}); // truncated varint
        assertCode(ErrorCodes.Blip.BAD_FRAME, new byte[] {1, 0x34, 5, 0}); // ACK with trailing bytes
        assertCode(ErrorCodes.Blip.BAD_FRAME, new byte[] {1, 0x3C, 5}); // compressed ACK
        assertCode(ErrorCodes.Blip.BAD_CHECKSUM, new byte[] {1, 0, 0, 0, 0, 0, 0});
        assertCode(ErrorCodes.Blip.BAD_COMPRESSION, new byte[] {1, 8, (byte) 0xFF, (byte) 0xFF, 0, 0, 0, 0});
        // A final deflate block ends the stream, which BLIP never does.
        assertCode(ErrorCodes.Blip.BAD_COMPRESSION, new byte[] {1, 8, 0x03, 0x00, 0, 0, 0, 0});
    }

    /** A frame may inflate to exactly the limit; one byte more is refused as too big (1009), then nothing passes. */
    @Example
    void inflatesUpToTheLimitAndNoFurther() {
        int limit = 100_000;
        byte[] message = new byte[limit]; // a zero properties length, then zeros: compresses ~1000:1
        try (FrameEncoder encoder = new FrameEncoder(6); FrameDecoder decoder = new FrameDecoder(limit)) {
            Frame f = decoder.decode(encoder.encode(1, BlipWire.COMPRESSED, ByteBuffer.wrap(message), limit));
            assertEquals(limit, f.payload().remaining());
        }
        try (FrameEncoder encoder = new FrameEncoder(6); FrameDecoder decoder = new FrameDecoder(limit)) {
            ByteBuffer tooBig = encoder.encode(1, BlipWire.COMPRESSED, ByteBuffer.wrap(new byte[limit + 1]), limit + 1);
            BlipLimitException e = assertThrows(BlipLimitException.class, () -> decoder.decode(tooBig));
            assertEquals(ErrorCodes.WebSocket.CLOSE_MESSAGE_TOO_BIG, e.closeCode());
            assertThrows(BlipProtocolException.class, () -> decoder.decode(ByteBuffer.wrap(new byte[] {1, 0})));
        }
    }

    /** A 256 MiB deflate bomb (about 250 KB on the wire) stops at the default limit without allocating past it. */
    @Example
    void aDeflateBombStopsAtTheDefaultLimit() {
        byte[] bomb = DeflateBomb.frame(1, 0, 256L << 20);
        assertTrue(bomb.length < 400_000, "bomb is " + bomb.length + " bytes");
        try (FrameDecoder decoder = new FrameDecoder()) {
            BlipLimitException e = assertThrows(BlipLimitException.class, () -> decoder.decode(ByteBuffer.wrap(bomb)));
            assertEquals(ErrorCodes.WebSocket.CLOSE_MESSAGE_TOO_BIG, e.closeCode());
        }
    }

    /** A bomb just under the limit is legal deflate (a LiteCore frame can be that dense): it decodes, correctly. */
    @Example
    void theDensestLegalFrameDecodes() {
        byte[] dense = DeflateBomb.frame(1, 0, BlipTuning.MAX_INFLATED_FRAME_SIZE);
        try (FrameDecoder decoder = new FrameDecoder()) {
            assertEquals(BlipTuning.MAX_INFLATED_FRAME_SIZE,
                    decoder.decode(ByteBuffer.wrap(dense)).payload().remaining());
        }
    }

    @Example
    void refusesEverythingAfterAFatalError() {
        FrameDecoder decoder = new FrameDecoder();
        try (FrameEncoder encoder = new FrameEncoder(6)) {
            assertThrows(BlipProtocolException.class, () -> decoder.decode(ByteBuffer.wrap(new byte[0])));
            ByteBuffer good = encoder.encode(1, 0, ByteBuffer.wrap(new byte[] {0}), 10);
            assertThrows(BlipProtocolException.class, () -> decoder.decode(good));
            decoder.close();
            assertThrows(IllegalStateException.class, () -> decoder.decode(good));
        }
    }

    private static void assertCode(int code, byte[] frame) {
        try (FrameDecoder decoder = new FrameDecoder()) {
            decoder.decode(ByteBuffer.wrap(frame));
            fail("accepted " + HexFormat.of().formatHex(frame));
        } catch (BlipProtocolException e) {
            assertEquals(code, e.code(), HexFormat.of().formatHex(frame) + ": " + e.getMessage());
        }
    }

    private static List<CodecHarness.EncodedFrame> encode(List<TestData.TestMessage> messages, int maxPayload, Random random) {
        try (FrameEncoder encoder = new FrameEncoder(6)) {
            return CodecHarness.encode(messages, maxPayload, random, encoder);
        }
    }

    /** A fresh decoder that has accepted the first {@code k} frames. */
    private static FrameDecoder decoderAfter(List<CodecHarness.EncodedFrame> frames, int k) {
        FrameDecoder decoder = new FrameDecoder();
        for (int i = 0; i < k; i++) {
            decoder.decode(ByteBuffer.wrap(frames.get(i).wire()));
        }
        return decoder;
    }

    @Example
    void transitionTable() {
        TransitionTables.assertWellFormed(FrameDecoder.State.class, FrameDecoder.State.OPEN,
                EnumSet.of(FrameDecoder.State.CLOSED), FrameDecoder.State::canMoveTo);
        assertTrue(FrameDecoder.State.FAILED.canMoveTo(FrameDecoder.State.CLOSED));
    }

    @Example
    void closeIsIdempotentAfterAFailure() {
        FrameDecoder decoder = new FrameDecoder();
        assertThrows(BlipProtocolException.class, () -> decoder.decode(ByteBuffer.wrap(new byte[0])));
        decoder.close();
        decoder.close();
        assertThrows(IllegalStateException.class, () -> decoder.decode(ByteBuffer.wrap(new byte[] {1, 0})));
    }
}
