package org.c4j.blip.internal;

/**
 * Tuning constants of the BLIP connection: defaults of {@link org.c4j.blip.BlipConfig}. None of them is fixed by the
 * protocol; each says why it has its value. Stateless; thread-safe.
 */
public final class BlipTuning {
    private BlipTuning() {
    }

    /**
     * Most payload bytes per frame. 16 KiB is LiteCore's big frame size: large enough that per-frame overhead
     * (header, checksum, one socket write) is negligible, small enough that one long message delays others by
     * little more than a frame.
     */
    public static final int FRAME_SIZE = 16 * 1024;

    /**
     * Payload bytes per frame of a normal message while an urgent message waits right behind it in the outbox.
     * 4 KiB as LiteCore: the urgent message gets the larger share of the bandwidth without starving anyone.
     */
    public static final int SMALL_FRAME_SIZE = 4 * 1024;

    /**
     * The receiver acknowledges a message each time this many more of its bytes arrived. 50,000 as LiteCore and the
     * spec (§3.7): a LiteCore sender stops at 128,000 unacknowledged bytes, so ACKs must come well before that.
     */
    public static final int INCOMING_ACK_THRESHOLD = 50_000;

    /**
     * The sender pauses a message while this many of its bytes are unacknowledged. 128,000 as LiteCore: about two
     * and a half ACK intervals in flight, so a fast reader never waits, while a slow one bounds what we buffer in it.
     */
    public static final int OUTGOING_ACK_THRESHOLD = 128_000;

    /**
     * The outbox stops handing frames to the socket while this many written bytes are not yet reported by
     * {@code completedWrite}. 256 KiB keeps sixteen full frames in flight, enough to keep a fast transport busy,
     * and bounds the memory one connection can park in its transport.
     */
    public static final int MAX_UNWRITTEN_BYTES = 256 * 1024;

    /** Deflate level of compressed frames: 6, zlib's and LiteCore's default balance of speed and ratio. */
    public static final int COMPRESSION_LEVEL = 6;

}
