package org.c4j.blip.internal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Test attack material: one compressed BLIP frame (the first of its direction) whose payload inflates to
 * {@code inflatedSize} zero bytes — a message with no properties and an all-zero body — from about a thousandth of
 * that on the wire. Its checksum is right, so only a size limit can stop it. Built without holding the inflated bytes.
 */
public final class DeflateBomb {
    private DeflateBomb() {
    }

    /** The wire frame: header, deflate output without its 00 00 FF FF trailer, running CRC32 of the zeros. */
    public static byte[] frame(long msgNo, int flags, long inflatedSize) {
        return frame(msgNo, flags, inflatedSize, new CRC32());
    }

    /**
     * A later frame of the same direction: {@code crc} is the direction's running checksum so far (updated). Each
     * frame is its own deflate stream, which is still valid for the receiver's shared context (no back references).
     */
    public static byte[] frame(long msgNo, int flags, long inflatedSize, CRC32 crc) {
        byte[] zeros = new byte[1 << 20];
        Deflater deflater = new Deflater(9, true);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[64 * 1024];
        try {
            for (long left = inflatedSize; left > 0; ) {
                int n = (int) Math.min(zeros.length, left);
                deflater.setInput(zeros, 0, n);
                crc.update(zeros, 0, n);
                left -= n;
                while (!deflater.needsInput()) {
                    out.write(buf, 0, deflater.deflate(buf, 0, buf.length, Deflater.NO_FLUSH));
                }
            }
            int written;
            do {
                written = deflater.deflate(buf, 0, buf.length, Deflater.SYNC_FLUSH);
                out.write(buf, 0, written);
            } while (written == buf.length);
        } finally {
            deflater.end();
        }
        byte[] deflated = out.toByteArray();
        byte[] body = Arrays.copyOf(deflated, deflated.length - BlipWire.DEFLATE_TRAILER.length);
        int allFlags = flags | BlipWire.COMPRESSED;
        ByteBuffer frame = ByteBuffer.allocate(Varint.size(msgNo) + Varint.size(allFlags) + body.length + 4);
        Varint.write(msgNo, frame);
        Varint.write(allFlags, frame);
        frame.put(body).putInt((int) crc.getValue());
        return frame.array();
    }
}
