package org.c4j.ws.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.enums.Opcode;
import org.java_websocket.enums.Role;
import org.java_websocket.framing.Framedata;
import org.junit.jupiter.api.Test;

public class WsMaskTest {

    /** RFC 6455 §5.3 as written: octet i XOR key octet (i mod 4). */
    static byte[] naive(byte[] data, int key, int phase) {
        byte[] out = data.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] ^= (byte) (key >>> (24 - 8 * ((phase + i) & 3)));
        }
        return out;
    }

    @Property(tries = 500)
    void xorMatchesTheByteByByteDefinitionAtAnyOffsetAndPhase(@ForAll long seed,
            @ForAll @IntRange(max = 300) int length, @ForAll @IntRange(max = 9) int srcOff,
            @ForAll @IntRange(max = 9) int dstOff, @ForAll int key, @ForAll @IntRange(max = 3) int phase) {
        byte[] data = new byte[length];
        new Random(seed).nextBytes(data);
        byte[] src = new byte[srcOff + length];
        System.arraycopy(data, 0, src, srcOff, length);
        byte[] dst = new byte[dstOff + length + 3];
        int after = WsMask.xor(src, srcOff, dst, dstOff, length, key, phase);
        byte[] got = new byte[length];
        System.arraycopy(dst, dstOff, got, 0, length);
        assertArrayEquals(naive(data, key, phase), got);
        assertEquals((phase + length) & 3, after);
        assertEquals(0, dst[dstOff + length], "nothing written past the end");
    }

    @Property(tries = 200)
    void xorInPlaceTwiceGivesTheDataBack(@ForAll long seed, @ForAll @IntRange(max = 100) int length,
                                         @ForAll int key, @ForAll @IntRange(max = 3) int phase) {
        byte[] data = new byte[length];
        new Random(seed).nextBytes(data);
        byte[] copy = data.clone();
        WsMask.xor(copy, 0, copy, 0, length, key, phase);
        WsMask.xor(copy, 0, copy, 0, length, key, phase);
        assertArrayEquals(data, copy);
    }

    /** Our client frame, decoded by Java-WebSocket's own server-side decoder, gives back the payload. */
    @Property(tries = 200)
    void clientFramesDecodeWithJavaWebSocket(@ForAll long seed, @ForAll int key,
                                             @ForAll("lengths") int length, @ForAll @IntRange(max = 5) int offset)
            throws Exception {
        byte[] data = new byte[offset + length];
        new Random(seed).nextBytes(data);
        ByteBuffer payload = ByteBuffer.wrap(data, offset, length).slice();
        ByteBuffer frame = WsMask.clientBinaryFrame(payload, key);
        assertEquals(0, payload.position(), "payload untouched");
        Draft_6455 server = new Draft_6455(List.of(), 1 << 20);
        server.setParseMode(Role.SERVER);
        List<Framedata> frames = server.translateFrame(frame);
        assertEquals(1, frames.size());
        Framedata f = frames.get(0);
        assertEquals(Opcode.BINARY, f.getOpcode());
        assertEquals(true, f.isFin());
        byte[] got = new byte[f.getPayloadData().remaining()];
        f.getPayloadData().get(got);
        byte[] want = new byte[length];
        System.arraycopy(data, offset, want, 0, length);
        assertArrayEquals(want, got);
        int header = frame.limit() - length;
        assertEquals(length <= 125 ? 6 : length <= 0xFFFF ? 8 : 14, header);
        assertEquals(key, ByteBuffer.wrap(frame.array(), header - 4, 4).getInt(), "the key precedes the payload");
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<Integer> lengths() {
        return net.jqwik.api.Arbitraries.oneOf(net.jqwik.api.Arbitraries.integers().between(0, 130),
                net.jqwik.api.Arbitraries.integers().between(65_530, 65_540),
                net.jqwik.api.Arbitraries.integers().between(0, 70_000));
    }

    @Test
    void aDirectPayloadBufferIsMaskedToo() throws Exception {
        ByteBuffer direct = ByteBuffer.allocateDirect(10);
        for (int i = 0; i < 10; i++) {
            direct.put((byte) i);
        }
        direct.flip();
        ByteBuffer frame = WsMask.clientBinaryFrame(direct, 0x01020304);
        byte[] masked = new byte[10];
        System.arraycopy(frame.array(), 6, masked, 0, 10);
        assertArrayEquals(naive(new byte[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, 0x01020304, 0), masked);
        assertEquals(0, direct.position());
    }
}
