package org.c4j.ws.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * WebSocket masking (RFC 6455 §5.3) eight bytes at a time, and the client's binary data frame built with it.
 * Java-WebSocket 1.5.7 masks and unmasks one byte per {@code ByteBuffer.get}/{@code put} pair, which cost about a
 * tenth of the CPU of a c4j-to-c4j replication of 1 KiB documents (JFR, BENCHMARKS.md "Session 3"); the frame
 * bytes are the same.
 *
 * <p>Pure and thread-safe: no state; the caller owns the arrays.
 */
public final class WsMask {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    /** RFC 6455 §5.2: FIN bit and the binary opcode, the first byte of an unfragmented binary frame. */
    static final int FIN_BINARY = 0x82;
    /** The mask bit of the second header byte. */
    public static final int MASK_BIT = 0x80;
    /** 7-bit length values that announce a 16-bit and a 64-bit extended length. */
    public static final int LENGTH_16 = 126;
    public static final int LENGTH_64 = 127;
    /** Largest length the 7-bit field holds itself. */
    public static final int MAX_LENGTH_7 = 125;

    private WsMask() {
    }

    /**
     * Writes {@code src[srcOff, srcOff+len)} XOR the mask to {@code dst[dstOff, ...)} (the same array and offset
     * are allowed: in place). {@code key} is the 4-byte masking key read big-endian; {@code phase} (0–3) is the
     * index in the key of the first byte's mask byte. Returns the phase after the last byte.
     */
    public static int xor(byte[] src, int srcOff, byte[] dst, int dstOff, int len, int key, int phase) {
        int k = Integer.rotateLeft(key, 8 * phase);
        long wide = ((long) k << 32) | (k & 0xFFFF_FFFFL);
        int i = 0;
        for (; i + 8 <= len; i += 8) {
            LONGS.set(dst, dstOff + i, (long) LONGS.get(src, srcOff + i) ^ wide);
        }
        for (; i < len; i++) {
            dst[dstOff + i] = (byte) (src[srcOff + i] ^ (k >>> (24 - 8 * (i & 3))));
        }
        return (phase + len) & 3;
    }

    /**
     * The complete client frame (FIN, binary, masked with {@code key}) carrying {@code payload}'s remaining bytes,
     * as RFC 6455 §5.2 lays it out: the same bytes Java-WebSocket's {@code Draft_6455.createBinaryFrame} makes. The
     * payload buffer's position is not moved. Returns a heap buffer of its own (position 0, limit the frame size).
     */
    public static ByteBuffer clientBinaryFrame(ByteBuffer payload, int key) {
        int length = payload.remaining();
        int extended = length <= MAX_LENGTH_7 ? 0 : length <= 0xFFFF ? 2 : 8;
        int header = 2 + extended + 4;
        byte[] frame = new byte[header + length];
        frame[0] = (byte) FIN_BINARY;
        if (extended == 0) {
            frame[1] = (byte) (MASK_BIT | length);
        } else if (extended == 2) {
            frame[1] = (byte) (MASK_BIT | LENGTH_16);
            frame[2] = (byte) (length >>> 8);
            frame[3] = (byte) length;
        } else {
            frame[1] = (byte) (MASK_BIT | LENGTH_64);
            for (int b = 0; b < 8; b++) {
                frame[2 + b] = (byte) ((long) length >>> (56 - 8 * b));
            }
        }
        int at = 2 + extended;
        frame[at] = (byte) (key >>> 24);
        frame[at + 1] = (byte) (key >>> 16);
        frame[at + 2] = (byte) (key >>> 8);
        frame[at + 3] = (byte) key;
        if (payload.hasArray()) {
            xor(payload.array(), payload.arrayOffset() + payload.position(), frame, header, length, key, 0);
        } else {
            payload.duplicate().get(frame, header, length);
            xor(frame, header, frame, header, length, key, 0);
        }
        return ByteBuffer.wrap(frame);
    }
}
