package org.c4j.ws.internal.listen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

public class FrameUnmaskerTest {

    /** One encoded frame with first byte {@code b0}, the payload masked with {@code key} if {@code masked}. */
    static byte[] frame(int b0, byte[] payload, boolean masked, int key) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(b0);
        int mask = masked ? 0x80 : 0;
        int length = payload.length;
        if (length < 126) {
            out.write(mask | length);
        } else if (length < 65536) {
            out.write(mask | 126);
            out.write(length >>> 8);
            out.write(length & 0xFF);
        } else {
            out.write(mask | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                out.write((int) (((long) length >>> shift) & 0xFF));
            }
        }
        if (masked) {
            for (int shift = 24; shift >= 0; shift -= 8) {
                out.write(key >>> shift);
            }
            for (int i = 0; i < length; i++) {
                out.write(payload[i] ^ (key >>> (24 - 8 * (i & 3))));
            }
        } else {
            out.writeBytes(payload);
        }
        return out.toByteArray();
    }

    /** Feeds {@code stream} cut at {@code cuts}; returns everything written (each call's output appended). */
    static byte[] feed(FrameUnmasker u, byte[] stream, List<Integer> cuts) {
        List<Integer> points = new ArrayList<>();
        for (int c : cuts) {
            points.add(Math.floorMod(c, stream.length + 1));
        }
        points.add(stream.length);
        points.sort(null);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        int from = 0;
        for (int to : points) {
            byte[] out = new byte[to - from + FrameUnmasker.MAX_HEADER + 3];
            int n = u.unmask(stream, from, to, out, 3);
            all.write(out, 3, n);
            from = to;
        }
        return all.toByteArray();
    }

    /** Random frames: opcode, FIN and payload drawn from {@code seed}; masked and plain encodings of each. */
    static byte[][] frames(long seed, List<Integer> lengths) {
        Random r = new Random(seed);
        ByteArrayOutputStream masked = new ByteArrayOutputStream();
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        int[] opcodes = {0x0, 0x1, 0x2, 0x8, 0x9, 0xA, 0x3};
        for (int length : lengths) {
            byte[] payload = new byte[length];
            r.nextBytes(payload);
            int b0 = (r.nextBoolean() ? 0x80 : 0) | opcodes[r.nextInt(opcodes.length)] | (r.nextInt(8) == 0 ? 0x40 : 0);
            masked.writeBytes(frame(b0, payload, true, r.nextInt()));
            plain.writeBytes(frame(b0, payload, false, 0));
        }
        return new byte[][] {masked.toByteArray(), plain.toByteArray()};
    }

    @Property(tries = 300)
    void maskedFramesCutAnywhereComeOutUnmasked(@ForAll long seed,
            @ForAll @Size(max = 12) List<@IntRange(min = 0, max = 70_000) Integer> lengths,
            @ForAll @Size(max = 8) List<Integer> cuts) {
        byte[][] s = frames(seed, lengths);
        FrameUnmasker u = new FrameUnmasker();
        assertArrayEquals(s[1], feed(u, s[0], cuts));
        assertEquals(false, u.foundUnmasked());
    }

    @Property(tries = 300)
    void theFirstUnmaskedFrameEndsTheOutputHoweverTheStreamIsCut(@ForAll long seed,
            @ForAll @Size(max = 8) List<@IntRange(min = 0, max = 70_000) Integer> before,
            @ForAll @IntRange(min = 0, max = 300) int badLength,
            @ForAll @Size(max = 8) List<Integer> cuts) {
        byte[][] s = frames(seed, before);
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        stream.writeBytes(s[0]);
        stream.writeBytes(frame(0x82, new byte[badLength], false, 0));
        stream.writeBytes(frame(0x82, new byte[5], true, 7));
        FrameUnmasker u = new FrameUnmasker();
        byte[] out = feed(u, stream.toByteArray(), cuts);
        assertTrue(u.foundUnmasked());
        assertArrayEquals(s[1], out, "exactly the frames before the unmasked one");
    }

    @Test
    void afterAFindNothingMoreIsWritten() {
        FrameUnmasker u = new FrameUnmasker();
        byte[] bad = frame(0x82, new byte[3], false, 0);
        byte[] out = new byte[64];
        assertEquals(0, u.unmask(bad, 0, bad.length, out, 0));
        assertTrue(u.foundUnmasked());
        byte[] good = frame(0x82, new byte[3], true, 1);
        assertEquals(0, u.unmask(good, 0, good.length, out, 0));
    }

    @Test
    void aHugeDeclaredLengthPassesTheHeaderThrough() {
        byte[] head = {(byte) 0x82, (byte) 0xFF, (byte) 0x80, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4, 9, 9};
        byte[] out = new byte[64];
        FrameUnmasker u = new FrameUnmasker();
        int n = u.unmask(head, 0, head.length, out, 0);
        assertEquals(10 + 2, n, "the header without its key, then the two payload bytes so far");
        assertEquals((byte) 0x7F, out[1]);
        assertEquals((byte) (9 ^ 1), out[10]);
    }
}
