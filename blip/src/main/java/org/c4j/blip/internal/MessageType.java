package org.c4j.blip.internal;

import org.c4j.socket.ErrorCodes;

/** The 3-bit type field of BLIP frame flags. Immutable; thread-safe. */
public enum MessageType {
    /** A request. */
    MSG(0),
    /** A successful reply; numbered like its request. */
    RPY(1),
    /** An error reply; numbered like its request. */
    ERR(2),
    /** Flow-control acknowledgement of bytes received of a request. */
    ACKMSG(4),
    /** Flow-control acknowledgement of bytes received of a reply. */
    ACKRPY(5);

    private final int wireValue;

    MessageType(int wireValue) {
        this.wireValue = wireValue;
    }

    /** The value in the flags' {@link BlipWire#TYPE_MASK} bits. */
    public int wireValue() {
        return wireValue;
    }

    /** True for {@link #ACKMSG} and {@link #ACKRPY}: no checksum, not compressed, payload is a varint. */
    public boolean isAck() {
        return this == ACKMSG || this == ACKRPY;
    }

    /** True for {@link #RPY} and {@link #ERR}, which share the numbering of the request they answer. */
    public boolean isReply() {
        return this == RPY || this == ERR;
    }

    /** The type in the low bits of {@code flags}; types 3, 6 and 7 are undefined and fatal. */
    public static MessageType fromFlags(long flags) {
        switch ((int) (flags & BlipWire.TYPE_MASK)) {
            case 0: return MSG;
            case 1: return RPY;
            case 2: return ERR;
            case 4: return ACKMSG;
            case 5: return ACKRPY;
            default:
                throw new BlipProtocolException(ErrorCodes.Blip.BAD_FRAME,
                        "unknown BLIP frame type " + (flags & BlipWire.TYPE_MASK));
        }
    }
}
