package org.c4j.examples.tcp;

import java.time.Duration;

/** The TCP transport's limits and timeouts, each with its reason. */
final class TcpTuning {
    private TcpTuning() {
    }

    /** Bytes asked of the socket per read: LiteCore's {@code kReadBufferSize}. */
    static final int READ_BUFFER = 32 * 1024;

    /**
     * Reading pauses while more than this many received bytes await {@code completedReceive}. 256 KiB: above the
     * engine's own 64 KiB window plus one 16 KiB BLIP frame, so a healthy engine never waits on it.
     */
    static final long RECEIVE_WINDOW = 256 * 1024;

    /** Longest HTTP request or response head accepted: enough for large cookies, bounded against hostile peers. */
    static final int MAX_HEAD = 32 * 1024;

    /** Connecting and the whole HTTP upgrade must finish within this (LiteCore's connect timeout is 15 s). */
    static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(15);

    /** After ending our stream, how long the peer may take to end its own before the socket is reset. */
    static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    /** How long {@code stop()} waits for connections to end before resetting the rest. */
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(6);
}
