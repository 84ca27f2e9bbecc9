package org.c4j.blip.internal;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Writes the frames of one connection's outgoing direction: header varints, payload (raw, or through the direction's
 * single shared deflate context), and the running CRC32 of all uncompressed payload bytes sent so far.
 *
 * <p>Not thread-safe: owned by the connection's serial executor. Each returned frame is a new buffer the caller owns.
 * {@link #close()} releases the native deflate state; the encoder is unusable afterwards.
 */
public final class FrameEncoder implements AutoCloseable {
    /** Transitions only in {@link #moveTo}. */
    enum State {
        OPEN, CLOSED;

        boolean canMoveTo(State next) {
            return this == OPEN && next == CLOSED;
        }
    }

    /** Starting size of the reusable deflate output buffer; it doubles when a frame needs more. */
    private static final int INITIAL_SCRATCH_SIZE = 4096;
    private static final ByteBuffer NO_INPUT = ByteBuffer.allocate(0);

    private final Deflater deflater;
    private final CRC32 crc = new CRC32();
    private byte[] scratch = new byte[INITIAL_SCRATCH_SIZE];
    private State state = State.OPEN;

    /** @param compressionLevel zlib level 0..9 (or -1 for zlib's default, 6) used for COMPRESSED frames */
    public FrameEncoder(int compressionLevel) {
        this.deflater = new Deflater(compressionLevel, true);
    }

    /**
     * Encodes one frame carrying the next {@code min(maxPayload, src.remaining())} bytes of {@code src} (advancing
     * its position). If {@code flags} has {@link BlipWire#COMPRESSED} they are deflated with SYNC_FLUSH and the
     * trailing {@code 00 00 FF FF} is removed. The caller sets {@link BlipWire#MORE_COMING} itself.
     *
     * @param flags a MSG, RPY or ERR type plus flags
     * @throws IllegalArgumentException for an ACK or undefined type, undefined flag bits or {@code maxPayload < 1}
     */
    public ByteBuffer encode(long msgNo, int flags, ByteBuffer src, int maxPayload) {
        checkOpen();
        if (maxPayload < 1) {
            throw new IllegalArgumentException("maxPayload must be positive: " + maxPayload);
        }
        checkFlags(flags);
        int n = Math.min(maxPayload, src.remaining());
        ByteBuffer chunk = src.slice().limit(n);
        src.position(src.position() + n);
        crc.update(chunk.duplicate());

        int headerSize = Varint.size(msgNo) + Varint.size(flags);
        ByteBuffer frame;
        if ((flags & BlipWire.COMPRESSED) != 0 && n > 0) {
            int deflated = deflate(chunk);
            frame = ByteBuffer.allocate(headerSize + deflated + BlipWire.CHECKSUM_SIZE);
            writeHeader(frame, msgNo, flags);
            frame.put(scratch, 0, deflated);
        } else {
            // An empty compressed chunk is sent as zero bytes without touching the deflater, like LiteCore.
            frame = ByteBuffer.allocate(headerSize + n + BlipWire.CHECKSUM_SIZE);
            writeHeader(frame, msgNo, flags);
            frame.put(chunk);
        }
        frame.putInt((int) crc.getValue());
        return frame.flip();
    }

    /**
     * Encodes an ACK frame (no checksum, not counted in the CRC), flagged urgent and no-reply as LiteCore sends
     * them.
     *
     * @param ackType       {@link MessageType#ACKMSG} to acknowledge a request, {@link MessageType#ACKRPY} a reply
     * @param bytesReceived bytes of that message received so far
     */
    public ByteBuffer encodeAck(long msgNo, MessageType ackType, long bytesReceived) {
        checkOpen();
        if (!ackType.isAck()) {
            throw new IllegalArgumentException("not an ACK type: " + ackType);
        }
        int flags = ackType.wireValue() | BlipWire.URGENT | BlipWire.NO_REPLY;
        ByteBuffer frame = ByteBuffer.allocate(Varint.size(msgNo) + Varint.size(flags) + Varint.size(bytesReceived));
        writeHeader(frame, msgNo, flags);
        Varint.write(bytesReceived, frame);
        return frame.flip();
    }

    /** Releases the deflater. Idempotent. */
    @Override
    public void close() {
        if (state == State.OPEN) {
            moveTo(State.CLOSED);
            deflater.end();
        }
    }

    private void moveTo(State next) {
        if (!state.canMoveTo(next)) {
            throw new IllegalStateException("FrameEncoder: bad transition " + state + " -> " + next);
        }
        state = next;
    }

    /** Deflates all of {@code chunk} into {@link #scratch}, flushed; returns the length without the trailer. */
    private int deflate(ByteBuffer chunk) {
        deflater.setInput(chunk);
        int pos = 0;
        while (true) {
            if (pos == scratch.length) {
                scratch = Arrays.copyOf(scratch, scratch.length * 2);
            }
            int space = scratch.length - pos;
            int written = deflater.deflate(scratch, pos, space, Deflater.SYNC_FLUSH);
            pos += written;
            if (written < space) {
                break; // SYNC_FLUSH is complete once it leaves output space unused
            }
        }
        deflater.setInput(NO_INPUT); // don't keep the caller's buffer reachable
        int trailer = BlipWire.DEFLATE_TRAILER.length;
        if (pos < trailer || !Arrays.equals(scratch, pos - trailer, pos, BlipWire.DEFLATE_TRAILER, 0, trailer)) {
            throw new IllegalStateException("deflate SYNC_FLUSH output does not end with 00 00 FF FF");
        }
        return pos - trailer;
    }

    private static void writeHeader(ByteBuffer frame, long msgNo, int flags) {
        Varint.write(msgNo, frame);
        Varint.write(flags, frame);
    }

    private static void checkFlags(int flags) {
        if ((flags & ~BlipWire.ALL_FLAGS) != 0) {
            throw new IllegalArgumentException("undefined frame flag bits: 0x" + Integer.toHexString(flags));
        }
        int type = flags & BlipWire.TYPE_MASK;
        if (type != MessageType.MSG.wireValue() && type != MessageType.RPY.wireValue()
                && type != MessageType.ERR.wireValue()) {
            throw new IllegalArgumentException("encode() needs a MSG, RPY or ERR type, not " + type);
        }
    }

    private void checkOpen() {
        if (state != State.OPEN) {
            throw new IllegalStateException("FrameEncoder is closed");
        }
    }
}
