package org.c4j.ws.internal.listen;

import org.c4j.ws.internal.WsMask;

/**
 * Follows the WebSocket frames (RFC 6455 §5.2) in the byte stream a listener receives from a client and rewrites
 * them unmasked before the engine decodes them: each frame's header is copied with the mask bit cleared and the
 * 4-byte masking key left out, and its payload is XORed with that key eight bytes at a time ({@link WsMask}).
 * Java-WebSocket's decoder takes an unmasked frame's payload with one bulk copy, instead of unmasking it one byte
 * at a time; the frames it decodes are otherwise the same (header checks, limits and control-frame rules are still
 * the engine's).
 *
 * <p>It also finds the first frame whose header has no mask bit: RFC 6455 §5.1 says a server must close the
 * connection when a client sends an unmasked frame (Java-WebSocket's decoder does not check). Nothing from that
 * frame on is passed through.
 *
 * <p>Pure; not thread-safe (one per connection, fed by its reader). The caller owns both arrays.
 */
public final class FrameUnmasker {
    /** Longest frame header: 2 bytes, an 8-byte extended length, a 4-byte mask key. */
    public static final int MAX_HEADER = 14;
    private static final int MASK_KEY = 4;

    private final byte[] header = new byte[MAX_HEADER];
    /** Header bytes collected so far for the frame being read (0 while in a payload). */
    private int headerLength;
    /** Payload bytes of the current frame still to unmask. */
    private long payloadLeft;
    private int key;
    private int phase;
    private boolean failed;

    /**
     * Rewrites {@code in[from..to)}, the next bytes of the stream, unmasked into {@code out} from {@code outOff};
     * {@code out} must have room for {@code to - from + MAX_HEADER} bytes (a header cut by the previous call is
     * written now). Returns the number of bytes written. Once an unmasked frame is found ({@link #foundUnmasked}),
     * only the bytes before it are written, and every later call writes nothing.
     */
    public int unmask(byte[] in, int from, int to, byte[] out, int outOff) {
        int o = outOff;
        int i = from;
        while (i < to && !failed) {
            if (payloadLeft > 0) {
                int n = (int) Math.min(payloadLeft, to - i);
                phase = WsMask.xor(in, i, out, o, n, key, phase);
                payloadLeft -= n;
                i += n;
                o += n;
                continue;
            }
            header[headerLength++] = in[i++];
            if (headerLength == 2 && (header[1] & WsMask.MASK_BIT) == 0) {
                failed = true;
                break;
            }
            if (headerLength >= 2 && headerLength == headerSize() + MASK_KEY) {
                o = emitHeader(out, o);
            }
        }
        return o - outOff;
    }

    /** True once a frame without the mask bit was found. */
    public boolean foundUnmasked() {
        return failed;
    }

    /** The header is complete: writes it without the key, and starts the payload. */
    private int emitHeader(byte[] out, int o) {
        int size = headerSize();
        out[o] = header[0];
        out[o + 1] = (byte) (header[1] & ~WsMask.MASK_BIT);
        System.arraycopy(header, 2, out, o + 2, size - 2);
        key = ((header[size] & 0xFF) << 24) | ((header[size + 1] & 0xFF) << 16) | ((header[size + 2] & 0xFF) << 8)
                | (header[size + 3] & 0xFF);
        phase = 0;
        payloadLeft = payloadLength();
        headerLength = 0;
        return o + size;
    }

    /** Length of the current header without its mask key: 2, 4 or 10 bytes by the 7-bit length field. */
    private int headerSize() {
        int len7 = header[1] & 0x7F;
        return len7 == WsMask.LENGTH_16 ? 4 : len7 == WsMask.LENGTH_64 ? 10 : 2;
    }

    /** The payload length (saturates at Long.MAX_VALUE; the engine refuses such a frame before it matters). */
    private long payloadLength() {
        int len7 = header[1] & 0x7F;
        if (len7 <= WsMask.MAX_LENGTH_7) {
            return len7;
        }
        if (len7 == WsMask.LENGTH_16) {
            return ((header[2] & 0xFFL) << 8) | (header[3] & 0xFFL);
        }
        long length = 0;
        for (int k = 2; k < 10; k++) {
            length = (length << 8) | (header[k] & 0xFFL);
        }
        return length < 0 ? Long.MAX_VALUE : length;
    }
}
