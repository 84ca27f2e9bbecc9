package org.c4j.blip.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.Deflater;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** FrameEncoder and FrameDecoder together: whatever one writes, the other reads back exactly. */
class FrameRoundTripTest {

    @Provide
    Arbitrary<List<TestData.TestMessage>> messages() {
        return TestData.messages(4000).list().ofMinSize(1).ofMaxSize(6);
    }

    @Provide
    Arbitrary<Integer> maxPayload() {
        return Arbitraries.oneOf(Arbitraries.integers().between(1, 64), Arbitraries.integers().between(1, 70000));
    }

    @Provide
    Arbitrary<Integer> level() {
        return Arbitraries.of(Deflater.DEFAULT_COMPRESSION, 0, 1, 9);
    }

    @Property(tries = 200)
    void interleavedMessagesRoundTrip(@ForAll("messages") List<TestData.TestMessage> messages,
                                      @ForAll("maxPayload") int maxPayload, @ForAll("level") int level,
                                      @ForAll Random random) {
        try (FrameEncoder encoder = new FrameEncoder(level); FrameDecoder decoder = new FrameDecoder()) {
            // Two rounds through the same pair: the shared deflate context and CRC carry over between batches.
            for (int round = 0; round < 2; round++) {
                CodecHarness.decodeAndVerify(messages, CodecHarness.encode(messages, maxPayload, random, encoder), decoder);
            }
        }
    }

    @Provide
    Arbitrary<List<byte[]>> bigBodies() {
        return TestData.bodies(300 * 1024).list().ofMinSize(1).ofMaxSize(4);
    }

    @Property(tries = 25)
    void compressionRoundTripsAcrossManyFramesWithOneContext(@ForAll("bigBodies") List<byte[]> bodies,
                                                             @ForAll @IntRange(min = 1024, max = 70000) int maxPayload,
                                                             @ForAll Random random) {
        List<TestData.TestMessage> messages = bodies.stream()
                .map(b -> new TestData.TestMessage(MessageType.MSG, false, false, TestData.Compression.ALWAYS,
                        Map.of(BlipWire.PROFILE, "rev"), b))
                .toList();
        try (FrameEncoder encoder = new FrameEncoder(Deflater.DEFAULT_COMPRESSION); FrameDecoder decoder = new FrameDecoder()) {
            CodecHarness.decodeAndVerify(messages, CodecHarness.encode(messages, maxPayload, random, encoder), decoder);
        }
    }

    @Example
    void compressibleDataShrinksOnTheWire() {
        byte[] body = TestData.data(7, 200_000, TestData.Kind.JSON_TEXT);
        try (FrameEncoder encoder = new FrameEncoder(Deflater.DEFAULT_COMPRESSION)) {
            ByteBuffer src = ByteBuffer.wrap(body);
            long wire = 0;
            while (src.hasRemaining()) {
                wire += encoder.encode(1, BlipWire.COMPRESSED, src, 16384).remaining();
            }
            assertTrue(wire < body.length / 2, "compressed to " + wire);
        }
    }

    @Example
    void emptyCompressedChunkLeavesTheContextAlone() {
        try (FrameEncoder encoder = new FrameEncoder(6); FrameDecoder decoder = new FrameDecoder()) {
            ByteBuffer empty = encoder.encode(1, BlipWire.COMPRESSED | BlipWire.MORE_COMING, ByteBuffer.allocate(0), 100);
            assertEquals(2 + BlipWire.CHECKSUM_SIZE, empty.remaining());
            assertEquals(0, decoder.decode(empty).payload().remaining());
            byte[] msg = MessageCodec.encodeMessage(Map.of("k", "v"), new byte[] {1, 2, 3});
            Frame f = decoder.decode(encoder.encode(1, BlipWire.COMPRESSED, ByteBuffer.wrap(msg), 100));
            assertArrayEquals(msg, TestData.bytes(f.payload()));
        }
    }

    @Example
    void acksRoundTrip() {
        try (FrameEncoder encoder = new FrameEncoder(6); FrameDecoder decoder = new FrameDecoder()) {
            Frame ack = decoder.decode(encoder.encodeAck(3, MessageType.ACKRPY, 65508));
            assertEquals(MessageType.ACKRPY, ack.type());
            assertEquals(65508, ack.ackedBytes());
            assertEquals(3, ack.msgNo());
            // ACKs don't disturb the running checksum
            Frame f = decoder.decode(encoder.encode(4, 0, ByteBuffer.wrap(new byte[] {0}), 10));
            assertEquals(1, f.payload().remaining());
        }
    }

    @Example
    void encoderRejectsMisuse() {
        FrameEncoder encoder = new FrameEncoder(6);
        ByteBuffer src = ByteBuffer.wrap(new byte[] {0});
        assertThrows(IllegalArgumentException.class, () -> encoder.encode(1, MessageType.ACKMSG.wireValue(), src, 10));
        assertThrows(IllegalArgumentException.class, () -> encoder.encode(1, 3, src, 10));
        assertThrows(IllegalArgumentException.class, () -> encoder.encode(1, 0x80, src, 10));
        assertThrows(IllegalArgumentException.class, () -> encoder.encode(1, 0, src, 0));
        assertThrows(IllegalArgumentException.class, () -> encoder.encodeAck(1, MessageType.MSG, 10));
        encoder.close();
        assertThrows(IllegalStateException.class, () -> encoder.encode(1, 0, src, 10));
        encoder.close(); // idempotent
    }
}
