package org.c4j.blip.internal.stream;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;

/**
 * Encodes WebSocket frames (RFC 6455 5.2): one final frame per message, masked with a fresh key when the
 * engine is the client. Pure apart from the mask keys (from a per-connection random source seeded once from the
 * OS). Not thread-safe: the adapter calls it under its lock.
 */
final class FrameWriter {
    private final boolean mask;
    private final SplittableRandom random;

    FrameWriter(boolean mask, long seed) {
        this.mask = mask;
        this.random = new SplittableRandom(seed);
    }

    /** A new buffer holding one final frame with {@code opcode} around the remaining bytes of {@code payload}. */
    ByteBuffer frame(int opcode, ByteBuffer payload) {
        int length = payload.remaining();
        int header = 2 + (length < StreamWire.LENGTH_16 ? 0 : length <= 0xFFFF ? 2 : 8) + (mask ? 4 : 0);
        ByteBuffer out = ByteBuffer.allocate(header + length);
        out.put((byte) (StreamWire.FIN | opcode));
        int maskBit = mask ? StreamWire.MASKED : 0;
        if (length < StreamWire.LENGTH_16) {
            out.put((byte) (maskBit | length));
        } else if (length <= 0xFFFF) {
            out.put((byte) (maskBit | StreamWire.LENGTH_16)).putShort((short) length);
        } else {
            out.put((byte) (maskBit | StreamWire.LENGTH_64)).putLong(length);
        }
        if (mask) {
            int key = random.nextInt();
            out.putInt(key);
            byte[] k = {(byte) (key >>> 24), (byte) (key >>> 16), (byte) (key >>> 8), (byte) key};
            int p = payload.position();
            for (int i = 0; i < length; i++) {
                out.put((byte) (payload.get(p + i) ^ k[i & 3]));
            }
        } else {
            out.put(payload.duplicate());
        }
        return out.flip();
    }
}
