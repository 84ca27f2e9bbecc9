package org.c4j.ws.internal.listen;

/**
 * Follows the WebSocket frames (RFC 6455 §5.2) in the byte stream a listener receives from a client and finds
 * the first frame whose header has no mask bit: RFC 6455 §5.1 says a server must close the connection when a
 * client sends an unmasked frame (Java-WebSocket's decoder does not check). Reads only frame headers and skips
 * payloads, so it costs nothing per payload byte. Pure; not thread-safe (one per connection, fed by its reader).
 */
public final class MaskCheck {
    /** Longest frame header: 2 bytes, an 8-byte extended length, a 4-byte mask key. */
    private static final int MAX_HEADER = 14;

    private final byte[] header = new byte[MAX_HEADER];
    /** Header bytes collected so far for the frame being read (0 while skipping a payload). */
    private int headerLength;
    /** Payload (and mask key) bytes of the current frame still to skip. */
    private long toSkip;
    private boolean failed;

    /**
     * Scans {@code buf[from..to)}, the next bytes of the stream. Returns the offset in {@code buf} where an
     * unmasked frame starts (its bytes and everything after must not be processed), or -1 if every frame header
     * so far is masked. Once an unmasked frame was found, every later call returns {@code from}.
     */
    public int scan(byte[] buf, int from, int to) {
        if (failed) {
            return from;
        }
        int i = from;
        while (i < to) {
            if (toSkip > 0) {
                long n = Math.min(toSkip, to - i);
                toSkip -= n;
                i += (int) n;
                continue;
            }
            int headerStart = i - headerLength;
            header[headerLength++] = buf[i++];
            if (headerLength == 2 && (header[1] & 0x80) == 0) {
                failed = true;
                return Math.max(from, headerStart);
            }
            int needed = headerLength >= 2 ? headerSize() : 2;
            if (headerLength == needed) {
                toSkip = payloadLength();
                headerLength = 0;
            }
        }
        return -1;
    }

    /** Length of the current header without its mask key: 2, 4 or 10 bytes by the 7-bit length field. */
    private int headerSize() {
        int len7 = header[1] & 0x7F;
        return len7 == 126 ? 4 : len7 == 127 ? 10 : 2;
    }

    /** The payload length plus the 4 mask key bytes (skipped like payload; saturates at Long.MAX_VALUE). */
    private long payloadLength() {
        int len7 = header[1] & 0x7F;
        long length;
        if (len7 < 126) {
            length = len7;
        } else if (len7 == 126) {
            length = ((header[2] & 0xFFL) << 8) | (header[3] & 0xFFL);
        } else {
            length = 0;
            for (int k = 2; k < 10; k++) {
                length = (length << 8) | (header[k] & 0xFFL);
            }
            if (length < 0) {
                return Long.MAX_VALUE; // the engine refuses such a frame (1009) before we get far
            }
        }
        return length + 4;
    }
}
