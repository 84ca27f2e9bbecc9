package org.c4j.blip.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Pushes test messages through a FrameEncoder, interleaved frame by frame, and checks what a FrameDecoder makes of them. */
final class CodecHarness {
    private CodecHarness() {
    }

    /** One encoded frame: its wire bytes, which message it belongs to and the uncompressed payload it carries. */
    record EncodedFrame(byte[] wire, int message, int flags, byte[] payload) {
        int headerLength() {
            ByteBuffer b = ByteBuffer.wrap(wire);
            Varint.read(b);
            Varint.read(b);
            return b.position();
        }
    }

    /** Message {@code i} gets number {@code i + 1}; the next frame always comes from a randomly chosen unfinished message. */
    static List<EncodedFrame> encode(List<TestData.TestMessage> messages, int maxPayload, Random random, FrameEncoder encoder) {
        List<ByteBuffer> sources = new ArrayList<>();
        List<Integer> active = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            sources.add(ByteBuffer.wrap(messages.get(i).encoded()));
            active.add(i);
        }
        List<EncodedFrame> frames = new ArrayList<>();
        while (!active.isEmpty()) {
            int slot = random.nextInt(active.size());
            int i = active.get(slot);
            TestData.TestMessage m = messages.get(i);
            ByteBuffer src = sources.get(i);
            boolean compress = switch (m.compression()) {
                case NEVER -> false;
                case ALWAYS -> true;
                case RANDOM_PER_FRAME -> random.nextBoolean();
            };
            int flags = m.flags() | (compress ? BlipWire.COMPRESSED : 0)
                    | (src.remaining() > maxPayload ? BlipWire.MORE_COMING : 0);
            int start = src.position();
            ByteBuffer wire = encoder.encode(i + 1, flags, src, maxPayload);
            byte[] payload = java.util.Arrays.copyOfRange(src.array(), start, src.position());
            frames.add(new EncodedFrame(TestData.bytes(wire), i, flags, payload));
            if (!src.hasRemaining()) {
                active.remove(slot);
            }
        }
        return frames;
    }

    /** Decodes all frames, reassembles the messages and checks every frame and message against the originals. */
    static void decodeAndVerify(List<TestData.TestMessage> messages, List<EncodedFrame> frames, FrameDecoder decoder) {
        List<MessageAssembler> assemblers = new ArrayList<>();
        List<ByteArrayOutputStream> bodies = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            assemblers.add(new MessageAssembler());
            bodies.add(new ByteArrayOutputStream());
        }
        int finished = 0;
        for (EncodedFrame ef : frames) {
            Frame f = decoder.decode(ByteBuffer.wrap(ef.wire()));
            assertEquals(ef.message() + 1, f.msgNo());
            assertEquals(ef.flags(), f.flags());
            assertArrayEquals(ef.payload(), TestData.bytes(f.payload()));
            MessageAssembler a = assemblers.get(ef.message());
            bodies.get(ef.message()).writeBytes(TestData.bytes(a.feed(f.payload())));
            if (!f.moreComing()) {
                a.finish();
                TestData.TestMessage m = messages.get(ef.message());
                assertEquals(List.copyOf(m.properties().entrySet()), List.copyOf(a.properties().entrySet()));
                assertArrayEquals(m.body(), bodies.get(ef.message()).toByteArray());
                finished++;
            }
        }
        assertEquals(messages.size(), finished);
    }
}
