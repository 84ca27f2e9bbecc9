package org.c4j.blip.internal;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.c4j.socket.ErrorCodes;

/**
 * Reads the frames of one connection's incoming direction: parses the header, inflates compressed payloads through
 * the direction's single shared inflate context, and verifies the running CRC32 of all uncompressed payload bytes.
 *
 * <p>Every {@link BlipProtocolException} it throws is fatal to the connection: the shared inflate and checksum
 * state are then out of step with the peer, so the decoder refuses further frames.
 *
 * <p>Not thread-safe: owned by the connection's serial executor. {@link #decode} does not move the caller's buffer;
 * the returned frame's payload borrows the caller's bytes (uncompressed frames) or the decoder's inflate buffer
 * (compressed frames) until the next {@code decode}. {@link #close()} releases the native inflate state.
 *
 * <p>Memory: a compressed frame inflates into one reused buffer that grows in doubling steps only as far as the
 * frame needs and never past {@code maxInflatedFrameSize} (a bigger frame is refused with a
 * {@link BlipLimitException}, 1009, before anything more is allocated); a buffer grown past
 * {@value #RETAINED_OUTPUT_SIZE} bytes is dropped at the next frame, so a connection keeps a small buffer.
 */
public final class FrameDecoder implements AutoCloseable {
    /** Transitions only in {@link #moveTo}. */
    enum State {
        OPEN, FAILED, CLOSED;

        boolean canMoveTo(State next) {
            return switch (this) {
                case OPEN -> next != OPEN;
                case FAILED -> next == CLOSED;
                case CLOSED -> false;
            };
        }
    }

    /** Starting size of the reusable inflate output buffer: one full frame of our own; it doubles as needed. */
    private static final int INITIAL_OUTPUT_SIZE = 16 * 1024;
    /** A buffer that grew beyond this for one big frame is given back before the next (typical frames fit). */
    private static final int RETAINED_OUTPUT_SIZE = 64 * 1024;

    private final Inflater inflater = new Inflater(true);
    private final CRC32 crc = new CRC32();
    private final int maxInflated;
    private byte[] output;
    private State state = State.OPEN;

    /** A decoder with the default inflate limit, {@link BlipTuning#MAX_INFLATED_FRAME_SIZE}. */
    public FrameDecoder() {
        this(BlipTuning.MAX_INFLATED_FRAME_SIZE);
    }

    /** @param maxInflatedFrameSize most bytes one compressed frame may inflate to */
    public FrameDecoder(int maxInflatedFrameSize) {
        if (maxInflatedFrameSize < 1 || maxInflatedFrameSize > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("maxInflatedFrameSize out of range: " + maxInflatedFrameSize);
        }
        this.maxInflated = maxInflatedFrameSize;
        this.output = freshOutput();
    }

    private byte[] freshOutput() {
        return new byte[Math.min(INITIAL_OUTPUT_SIZE, maxInflated + 1)];
    }

    /**
     * Decodes and verifies one frame (one binary WebSocket message).
     *
     * @throws BlipProtocolException for an empty or too-short frame, a bad varint, an unknown type or flag,
     *                               bad deflate data or a checksum mismatch; also for any call after one of those
     * @throws BlipLimitException    if a compressed frame inflates to more than the limit (then the decoder is
     *                               failed too)
     * @throws IllegalStateException after {@link #close()}
     */
    public Frame decode(ByteBuffer wireFrame) {
        if (state == State.CLOSED) {
            throw new IllegalStateException("FrameDecoder is closed");
        }
        if (state == State.FAILED) {
            throw new BlipProtocolException(ErrorCodes.Blip.BAD_FRAME, "an earlier frame was corrupt");
        }
        if (output.length > RETAINED_OUTPUT_SIZE) {
            output = freshOutput(); // the previous frame's payload was borrowed only until now
        }
        try {
            return decodeFrame(wireFrame.duplicate());
        } catch (RuntimeException e) {
            moveTo(State.FAILED);
            output = new byte[0];
            throw e;
        }
    }

    /** Releases the inflater. Idempotent. */
    @Override
    public void close() {
        if (state != State.CLOSED) {
            moveTo(State.CLOSED);
            inflater.end();
            output = new byte[0];
        }
    }

    private void moveTo(State next) {
        if (!state.canMoveTo(next)) {
            throw new IllegalStateException("FrameDecoder: bad transition " + state + " -> " + next);
        }
        state = next;
    }

    private Frame decodeFrame(ByteBuffer in) {
        if (!in.hasRemaining()) {
            throw new BlipProtocolException(ErrorCodes.Blip.BAD_FRAME, "empty frame");
        }
        long msgNo = Varint.read(in);
        long flags = Varint.read(in);
        if ((flags & ~BlipWire.ALL_FLAGS) != 0) {
            throw new BlipProtocolException(ErrorCodes.Blip.BAD_FRAME, "undefined frame flags 0x" + Long.toHexString(flags));
        }
        MessageType type = MessageType.fromFlags(flags);
        boolean compressed = (flags & BlipWire.COMPRESSED) != 0;
        if (type.isAck()) {
            return ackFrame(msgNo, (int) flags, compressed, in.slice());
        }
        int bodySize = in.remaining() - BlipWire.CHECKSUM_SIZE;
        if (bodySize < 0) {
            throw new BlipProtocolException(ErrorCodes.Blip.BAD_FRAME, "frame too short for its checksum");
        }
        ByteBuffer body = in.slice().limit(bodySize);
        int expectedCrc = in.getInt(in.position() + bodySize);
        ByteBuffer payload = compressed ? inflate(body) : body;
        crc.update(payload.duplicate());
        if ((int) crc.getValue() != expectedCrc) {
            throw new BlipProtocolException(ErrorCodes.Blip.BAD_CHECKSUM, "frame checksum mismatch (msg #"
                    + Long.toUnsignedString(msgNo) + ", " + type + ")");
        }
        return new Frame(msgNo, (int) flags, payload.asReadOnlyBuffer());
    }

    private static Frame ackFrame(long msgNo, int flags, boolean compressed, ByteBuffer payload) {
        if (compressed) {
            throw new BlipProtocolException(ErrorCodes.Blip.BAD_FRAME, "compressed ACK frame");
        }
        ByteBuffer check = payload.duplicate();
        Varint.read(check);
        if (check.hasRemaining()) {
            throw new BlipProtocolException(ErrorCodes.Blip.BAD_FRAME, "ACK payload is not a single varint");
        }
        return new Frame(msgNo, flags, payload.asReadOnlyBuffer());
    }

    /** Inflates {@code body} plus the stripped {@code 00 00 FF FF} into {@link #output}; returns a view of it. */
    private ByteBuffer inflate(ByteBuffer body) {
        if (!body.hasRemaining()) {
            return ByteBuffer.allocate(0); // senders emit nothing for an empty compressed chunk
        }
        try {
            inflater.setInput(body);
            int size = drain(0);
            inflater.setInput(BlipWire.DEFLATE_TRAILER);
            size = drain(size);
            return ByteBuffer.wrap(output, 0, size).slice();
        } catch (DataFormatException e) {
            throw new BlipProtocolException(ErrorCodes.Blip.BAD_COMPRESSION, "bad deflate data: " + e.getMessage(), e);
        }
    }

    /**
     * Inflates all pending input, appending at {@code size}; returns the new size. The buffer never grows past the
     * limit plus one byte: filling that byte proves the frame is too big.
     */
    private int drain(int size) throws DataFormatException {
        while (true) {
            if (size == output.length) {
                if (size > maxInflated) {
                    throw new BlipLimitException(ErrorCodes.WebSocket.CLOSE_MESSAGE_TOO_BIG,
                            "compressed frame inflates to more than " + maxInflated + " bytes");
                }
                output = Arrays.copyOf(output, (int) Math.min(2L * output.length, maxInflated + 1L));
            }
            int space = output.length - size;
            int n = inflater.inflate(output, size, space);
            size += n;
            if (inflater.finished() || inflater.needsDictionary()) {
                // BLIP's deflate stream never ends and never uses a preset dictionary.
                throw new BlipProtocolException(ErrorCodes.Blip.BAD_COMPRESSION, "deflate stream ended or wants a dictionary");
            }
            if (n < space) {
                if (inflater.needsInput()) {
                    return size;
                }
                if (n == 0) {
                    throw new BlipProtocolException(ErrorCodes.Blip.BAD_COMPRESSION, "inflater made no progress");
                }
            }
        }
    }
}
