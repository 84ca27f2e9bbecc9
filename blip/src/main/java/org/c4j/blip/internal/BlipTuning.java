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

    /**
     * Most tasks posted meanwhile that a transport thread runs after its own event when it found the connection's
     * executor idle (received frame, completed write). 16: a reply or two and the next frame's work save their
     * wake-ups, while a long run goes back to the executor's pool and the transport's thread returns to its socket.
     */
    public static final int INLINE_TASKS = 16;

    /** Deflate level of compressed frames: 6, zlib's and LiteCore's default balance of speed and ratio. */
    public static final int COMPRESSION_LEVEL = 6;

    // ---- Limits on what a peer can make us hold (DESIGN.md section 6). Hitting one closes the connection. ----

    /**
     * Most bytes (properties plus body) of one incoming message that we buffer. 32 MiB: Couchbase Lite and Sync
     * Gateway cap a document at 20 MB, so the largest real {@code rev} body (its JSON plus history properties) fits
     * with room to spare, while one message can never take more than this. Body bytes handed to a reply's
     * {@link org.c4j.blip.BodySink} are not buffered and not counted: the sink's owner bounds them (and may throw).
     * Exceeding it closes with WebSocket 1009.
     */
    public static final int MAX_INCOMING_MESSAGE_SIZE = 32 * 1024 * 1024;

    /**
     * Most bytes held across all incomplete incoming messages of one connection. 48 MiB: one message of the largest
     * size above plus 16 MiB for the messages multiplexed with it; a LiteCore pusher keeps at most 2 MiB of
     * revisions unanswered besides the one it is sending ({@code kMaxRevBytesAwaitingReply}). Exceeding it closes
     * with WebSocket 1009.
     */
    public static final long MAX_BUFFERED_INCOMING_BYTES = 48L * 1024 * 1024;

    /**
     * Most incoming requests whose first frame arrived but not their last. 64: a LiteCore peer has at most 10
     * {@code rev} messages and 5 change lists in flight ({@code kMaxRevsInFlight}, {@code kMaxChangeListsInFlight}),
     * and a request below the small frame size always arrives in one frame, so a well-behaved peer stays far below.
     * Incomplete replies are not counted: only replies to our own requests are accepted, so their number is ours.
     * Exceeding it closes with WebSocket 1008.
     */
    public static final int MAX_INCOMPLETE_INCOMING_REQUESTS = 64;

    /**
     * Most bytes one compressed frame may inflate to. Deflate's densest code is 258 bytes per 2 bits (1032:1) and a
     * LiteCore sender fills a compressed frame with at most {@link #FRAME_SIZE} bytes of deflate output, so no frame
     * of a well-behaved peer inflates to more than 1032 x 16 KiB (about 16.1 MiB); a deflate bomb stops here. The
     * inflate buffer grows in doubling steps up to this and shrinks back after the frame. Exceeding it closes with
     * WebSocket 1009.
     */
    public static final int MAX_INFLATED_FRAME_SIZE = 1032 * FRAME_SIZE;

    /**
     * Most bytes our outgoing side may hold for the peer: payloads of queued, paused and partly sent replies (a
     * streamed body counts its staging buffer) plus {@link #QUEUED_MESSAGE_OVERHEAD} each, plus bytes written but not
     * yet completed by the socket. 64 MiB: two of the largest messages we accept, so even a burst of big legitimate
     * replies fits, while a peer that keeps asking and stops reading (or never acknowledges) is cut off. Our own
     * requests are not counted: the application chooses how many it sends (the replicator bounds what it has in
     * flight). Exceeding it closes with WebSocket 1008.
     */
    public static final long MAX_QUEUED_OUTGOING_BYTES = 64L * 1024 * 1024;

    /**
     * What each queued reply costs in the {@link #MAX_QUEUED_OUTGOING_BYTES} account besides its payload:
     * roughly the heap its bookkeeping takes (message object, future, payload wrapper), so that a flood of requests
     * with tiny replies is bounded as well as one with big replies.
     */
    public static final int QUEUED_MESSAGE_OVERHEAD = 256;

    /**
     * Under {@code CompressionPolicy.ADAPTIVE}, messages shorter than this (properties and body) are never deflated:
     * deflate's block header and the lost chance of a shared dictionary leave little to gain below a few hundred
     * bytes, while each call still costs its fixed setup.
     */
    public static final int ADAPTIVE_COMPRESSION_MIN_BYTES = 256;

    /**
     * {@link LinkPressure}: a run of samples starts at a socket backlog of {@code maxUnwrittenBytes / 2} (128 KiB by
     * default): half of what the sender may keep unwritten, far above what a kernel that takes every write leaves
     * queued (a frame or two while the transport's writer is busy).
     */
    public static final int LINK_HIGH_DIVISOR = 2;

    /**
     * {@link LinkPressure}: a link that was behind keeps up again below {@code maxUnwrittenBytes / 8} (32 KiB): well
     * below the start of a run, so that compressing, which shrinks the backlog, does not switch itself off at once.
     */
    public static final int LINK_LOW_DIVISOR = 8;

    /**
     * {@link LinkPressure}: the backlog must stay up while {@code 4 x maxUnwrittenBytes} (1 MiB) are written. More
     * than the sender ever keeps unwritten, so a thread that did not get a CPU for a while cannot fake it; on a
     * 1 MB/s link about a second of sending.
     */
    public static final int LINK_WINDOW_FACTOR = 4;

}
