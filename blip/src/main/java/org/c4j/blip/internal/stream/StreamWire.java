package org.c4j.blip.internal.stream;

import java.time.Duration;

/**
 * WebSocket framing constants (RFC 6455 section 5) for byte-stream sockets, and the tuning of the framing
 * adapter, each with its reason.
 */
final class StreamWire {
    private StreamWire() {
    }

    static final int FIN = 0x80;
    /** RSV1-3: no extension is negotiated, so a frame with any of them set is a protocol error. */
    static final int RSV = 0x70;
    static final int OPCODE = 0x0F;
    static final int MASKED = 0x80;
    static final int LENGTH = 0x7F;
    static final int LENGTH_16 = 126;
    static final int LENGTH_64 = 127;

    static final int OP_CONTINUATION = 0x0;
    static final int OP_TEXT = 0x1;
    static final int OP_BINARY = 0x2;
    static final int OP_CLOSE = 0x8;
    static final int OP_PING = 0x9;
    static final int OP_PONG = 0xA;

    /** Control frames carry at most 125 payload bytes and are never fragmented (RFC 6455 5.5). */
    static final int MAX_CONTROL_PAYLOAD = 125;
    /** Longest frame header: 2 bytes, 8 of extended length, 4 of mask. */
    static final int MAX_HEADER = 14;

    /** Close codes the adapter itself sends (RFC 6455 7.4.1). */
    static final int CLOSE_NORMAL = 1000;
    static final int CLOSE_PROTOCOL_ERROR = 1002;
    static final int CLOSE_UNSUPPORTED_DATA = 1003;
    static final int CLOSE_NO_STATUS = 1005;
    static final int CLOSE_ABNORMAL = 1006;
    static final int CLOSE_TOO_BIG = 1009;

    /**
     * Largest incoming message: LiteCore's {@code kMaxMessageLength} (1 MiB), as the ws transport. BLIP frames are
     * ~16 KiB, so no interoperable peer sends more; a bigger one closes the connection with 1009.
     */
    static final int MAX_MESSAGE = 1 << 20;

    /**
     * Received message bytes the engine may hold unprocessed before the adapter stops giving stream bytes back to
     * the transport (which then stops reading): LiteCore's {@code kReadCapacity}, 64 KiB.
     */
    static final long RECEIVE_WINDOW = 64 * 1024;

    /** How long the adapter waits for the peer's close frame after sending its own: LiteCore's 5 s. */
    static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);
}
