package org.c4j.blip.internal;

import java.nio.ByteBuffer;

/**
 * One decoded BLIP frame.
 *
 * <p>{@code payload} holds the UNCOMPRESSED message bytes this frame carries (for ACK frames: the varint count of
 * bytes acknowledged). It is read-only and borrowed: a frame from {@link FrameDecoder} shares its bytes with the wire
 * buffer or with the decoder's inflate buffer, so it is valid only until the next {@code decode} call — copy what you
 * keep. Not thread-safe (the buffer's position is shared state).
 *
 * @param msgNo   message number (unsigned 64-bit; replies carry their request's number)
 * @param flags   frame flags ({@link BlipWire}), type in the low three bits
 * @param payload uncompressed payload bytes, from position to limit
 */
public record Frame(long msgNo, int flags, ByteBuffer payload) {

    /** The message type in the flags. */
    public MessageType type() {
        return MessageType.fromFlags(flags);
    }

    /** True if every bit of {@code flag} is set. */
    public boolean hasFlag(int flag) {
        return (flags & flag) == flag;
    }

    /** True unless this is the last frame of its message. */
    public boolean moreComing() {
        return hasFlag(BlipWire.MORE_COMING);
    }

    /**
     * For an ACK frame, the number of bytes of the message the peer has received so far.
     *
     * @throws IllegalStateException if this is not an ACK frame
     */
    public long ackedBytes() {
        if (!type().isAck()) {
            throw new IllegalStateException("not an ACK frame: " + type());
        }
        return Varint.read(payload.duplicate());
    }
}
