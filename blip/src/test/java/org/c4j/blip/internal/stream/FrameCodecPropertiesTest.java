package org.c4j.blip.internal.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** FrameWriter and FrameReader: round trips over streams cut anywhere, control frames, and framing errors. */
class FrameCodecPropertiesTest {

    /** What a reader reported, as strings for control frames and arrays for messages. */
    private static final class Got implements FrameReader.Events {
        final List<Object> events = new ArrayList<>();

        @Override
        public void message(ByteBuffer data) {
            byte[] b = new byte[data.remaining()];
            data.get(b);
            events.add(b);
        }

        @Override
        public void ping(ByteBuffer payload) {
            events.add("ping" + payload.remaining());
        }

        @Override
        public void pong() {
            events.add("pong");
        }

        @Override
        public void close(int code, String reason) {
            events.add("close " + code + " " + reason);
        }
    }

    @Property(tries = 200)
    void messagesSurviveAnyCutOfTheStream(@ForAll @Size(max = 12) List<@IntRange(max = 70_000) Integer> sizes,
                                          @ForAll boolean clientToServer, @ForAll long seed) throws Exception {
        Random r = new Random(seed);
        FrameWriter writer = new FrameWriter(clientToServer, seed);
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        List<byte[]> sent = new ArrayList<>();
        for (int size : sizes) {
            byte[] m = new byte[size];
            r.nextBytes(m);
            sent.add(m);
            append(stream, writer.frame(StreamWire.OP_BINARY, ByteBuffer.wrap(m)));
            if (r.nextInt(4) == 0) {
                append(stream, writer.frame(StreamWire.OP_PING, ByteBuffer.wrap(new byte[3])));
            }
        }
        append(stream, writer.frame(StreamWire.OP_CLOSE, ByteBuffer.wrap(new byte[] {0x03, (byte) 0xE8, 'o', 'k'})));
        byte[] all = stream.toByteArray();
        FrameReader reader = new FrameReader(clientToServer);
        Got got = new Got();
        for (int at = 0; at < all.length; ) {
            int n = Math.min(all.length - at, 1 + r.nextInt(r.nextBoolean() ? 7 : 40_000));
            reader.feed(ByteBuffer.wrap(all, at, n), got);
            at += n;
        }
        List<byte[]> messages = new ArrayList<>();
        for (Object e : got.events) {
            if (e instanceof byte[] b) {
                messages.add(b);
            }
        }
        assertEquals(sent.size(), messages.size());
        for (int i = 0; i < sent.size(); i++) {
            assertArrayEquals(sent.get(i), messages.get(i), "message " + i);
        }
        assertEquals("close 1000 ok", got.events.get(got.events.size() - 1));
    }

    @Test
    void fragmentsAreJoined() throws Exception {
        // "ab" (binary, not final), "cd" (continuation, final), unmasked as from a server.
        byte[] stream = {0x02, 2, 'a', 'b', (byte) 0x80, 2, 'c', 'd'};
        Got got = new Got();
        new FrameReader(false).feed(ByteBuffer.wrap(stream), got);
        assertArrayEquals("abcd".getBytes(), (byte[]) got.events.get(0));
    }

    @Test
    void refusesWhatBlipNeverSends() {
        assertEquals(StreamWire.CLOSE_UNSUPPORTED_DATA, code(false, new byte[] {(byte) 0x81, 1, 'x'}));
        assertEquals(StreamWire.CLOSE_PROTOCOL_ERROR, code(true, new byte[] {(byte) 0x82, 1, 'x'}), "unmasked");
        assertEquals(StreamWire.CLOSE_PROTOCOL_ERROR, code(false, new byte[] {(byte) 0x82, (byte) 0x81, 0, 0, 0, 0, 1}));
        assertEquals(StreamWire.CLOSE_PROTOCOL_ERROR, code(false, new byte[] {(byte) 0xC2, 0}), "RSV1");
        assertEquals(StreamWire.CLOSE_PROTOCOL_ERROR, code(false, new byte[] {(byte) 0x80, 0}), "bare continuation");
        assertEquals(StreamWire.CLOSE_PROTOCOL_ERROR, code(false, new byte[] {0x09, 0}), "fragmented ping");
        assertEquals(StreamWire.CLOSE_TOO_BIG, code(false, new byte[] {(byte) 0x82, 127, 0, 0, 0, 0, 0, 0x20, 0, 1}));
    }

    private static int code(boolean expectMasked, byte[] stream) {
        return assertThrows(StreamProtocolException.class,
                () -> new FrameReader(expectMasked).feed(ByteBuffer.wrap(stream), new Got())).closeCode();
    }

    private static void append(ByteArrayOutputStream out, ByteBuffer frame) {
        byte[] b = new byte[frame.remaining()];
        frame.get(b);
        out.writeBytes(b);
    }
}
