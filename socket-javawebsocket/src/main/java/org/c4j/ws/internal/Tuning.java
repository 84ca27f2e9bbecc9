package org.c4j.ws.internal;

import java.time.Duration;

/**
 * Tuning constants of the Java-WebSocket transport, each with the reason for its value. Most copy LiteCore's
 * built-in WebSocket ({@code Networking/WebSockets/WebSocketImpl.cc}, {@code BuiltInWebSocket.hh}) so a c4j peer
 * behaves on the wire like a LiteCore one. Constants only; thread-safe.
 */
public final class Tuning {
    private Tuning() {
    }

    /**
     * Ping interval when the {@code heartbeat} option is absent or not positive: LiteCore's
     * {@code kDefaultHeartbeatInterval} (5 minutes), short enough to keep NAT/proxy mappings alive.
     */
    public static final Duration DEFAULT_HEARTBEAT = Duration.ofMinutes(5);

    /**
     * How long to wait for any frame (normally the pong) after a ping before declaring the peer gone: LiteCore's
     * {@code kPongTimeout}. Capped at the heartbeat interval minus one second, as LiteCore does.
     */
    public static final Duration PONG_TIMEOUT = Duration.ofSeconds(20);

    /**
     * How long to wait, once our close frame (or our echo of the peer's) is flushed, for the peer to end the TCP
     * connection before we drop it: LiteCore's {@code kCloseTimeout}.
     */
    public static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    /**
     * How long a listener's {@code stop()} waits for its connections to finish closing before dropping them:
     * the close timeout each connection applies itself, plus a second for the threads to wind down.
     */
    public static final Duration STOP_TIMEOUT = CLOSE_TIMEOUT.plusSeconds(1);

    /**
     * Limit for the TCP connect and for each side's HTTP upgrade head to arrive: LiteCore's
     * {@code kConnectTimeoutSecs}. Also stops a client that connects and never sends a request from holding a
     * listener connection forever.
     */
    public static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(15);

    /**
     * Receive flow control: reading from the socket pauses while more than this many received message bytes
     * have not been reported back with {@code completedReceive}. LiteCore's {@code kReadCapacity} (64 KiB); at
     * most one read buffer of messages more than this is ever held.
     */
    public static final int RECEIVE_WINDOW = 64 * 1024;

    /** Bytes asked of the socket per read: LiteCore's {@code kReadBufferSize}. */
    public static final int READ_BUFFER = 32 * 1024;

    /**
     * Largest incoming WebSocket message accepted (larger ones close the connection with 1009): LiteCore's
     * {@code kMaxMessageLength} (1 MiB). BLIP frames are ~16 KiB, so no interoperable peer sends more.
     */
    public static final int MAX_MESSAGE = 1 << 20;

    /**
     * Largest HTTP upgrade head (request or response line plus headers) accepted. Couchbase Lite's heads are
     * well under 1 KiB; 32 KiB leaves room for big cookies and bounds what a bogus peer can make us buffer.
     */
    public static final int MAX_HTTP_HEAD = 32 * 1024;

    /** Pending-connection backlog of the listener socket: the JDK's default for {@link java.net.ServerSocket}. */
    public static final int ACCEPT_BACKLOG = 50;

    /**
     * Delegate callbacks one socket runs per turn on the shared callback executor before yielding the thread, so
     * one busy socket cannot starve the others; large enough that the re-queueing cost is negligible.
     */
    public static final int CALLBACK_BATCH = 1024;
}
