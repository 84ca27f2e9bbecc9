package org.c4j.blip.internal;

/**
 * BLIP 3 wire constants (couchbase-lite-core {@code BLIP Protocol.md} §3.4-3.6). Values are fixed by the protocol:
 * never change them. Stateless; thread-safe.
 */
public final class BlipWire {
    private BlipWire() {
    }

    /** Low three bits of the frame flags hold the {@link MessageType} (a 3-bit field, not a flag). */
    public static final int TYPE_MASK = 0x07;
    /** The frame's payload went through the direction's shared deflate context. */
    public static final int COMPRESSED = 0x08;
    /** The sender gives this message a larger share of the bandwidth. */
    public static final int URGENT = 0x10;
    /** The request expects no reply (meaningless on replies). */
    public static final int NO_REPLY = 0x20;
    /** More frames of this message follow; absent on the last frame. */
    public static final int MORE_COMING = 0x40;
    /** Union of every defined flag bit; a frame with any other bit set is from a newer or broken peer. */
    public static final int ALL_FLAGS = TYPE_MASK | COMPRESSED | URGENT | NO_REPLY | MORE_COMING;

    /** Every non-ACK frame ends with a 4-byte big-endian running CRC32 of the uncompressed payload bytes. */
    public static final int CHECKSUM_SIZE = 4;
    /** An unsigned 64-bit value takes at most ten 7-bit groups as a varint. */
    public static final int MAX_VARINT_SIZE = 10;
    /** Largest frame header: two maximal varints (message number and flags). */
    public static final int MAX_HEADER_SIZE = 2 * MAX_VARINT_SIZE;

    /**
     * A deflate SYNC_FLUSH always ends with this empty stored block; senders strip it from compressed frames and
     * receivers append it back. Package-private because arrays are mutable.
     */
    static final byte[] DEFLATE_TRAILER = {0x00, 0x00, (byte) 0xFF, (byte) 0xFF};

    /**
     * Largest encoded properties block accepted or produced. Not part of the protocol: LiteCore imposes the same
     * 100 KiB limit ({@code kMaxPropertiesSize}) and refuses bigger ones, so a larger block could never interoperate.
     */
    public static final int MAX_PROPERTIES_SIZE = 100 * 1024;

    /** Property naming the request type, e.g. {@code getCheckpoint}. */
    public static final String PROFILE = "Profile";
    /** Property of an ERR message naming the domain of {@link #ERROR_CODE}. */
    public static final String ERROR_DOMAIN = "Error-Domain";
    /** Property of an ERR message: a decimal signed 32-bit error code. */
    public static final String ERROR_CODE = "Error-Code";
    /** Domain of an error reply that has no {@link #ERROR_DOMAIN} property. */
    public static final String DEFAULT_ERROR_DOMAIN = "BLIP";
}
