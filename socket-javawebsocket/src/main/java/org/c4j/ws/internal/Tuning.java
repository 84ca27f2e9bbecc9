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

    /**
     * Pending-connection backlog of the listener socket. The JDK's default (50) drops most of a burst of clients
     * reconnecting at once (a listener restart, a network change) before the accept loop sees them; 512 absorbs
     * such a burst. Linux caps it at {@code net.core.somaxconn} (4096 by default since 5.4).
     */
    public static final int ACCEPT_BACKLOG = 512;

    /**
     * Default cap on a listener's TCP connections (handshaking, being refused or open). Each open connection holds
     * two threads and up to ~100 KiB (read buffer, receive window); 1024 of them stay well inside a default JVM and
     * a default {@code ulimit -n} of 1024+ descriptors is the usual ceiling anyway. Further connections get 503.
     */
    public static final int MAX_CONNECTIONS = 1024;

    /**
     * Default cap on a listener's connections from one remote address. A Couchbase Lite app opens one connection
     * per replicator; 64 leaves room for many apps behind one NAT address while one host cannot take the whole
     * listener. Further connections from that address get 503.
     */
    public static final int MAX_CONNECTIONS_PER_ADDRESS = 64;

    /**
     * Total time a listener gives a new connection from accept to its complete HTTP upgrade request (not per
     * byte: one byte every few seconds does not extend it); then it is dropped. LiteCore's
     * {@code kConnectTimeoutSecs}, as {@link #HANDSHAKE_TIMEOUT}.
     */
    public static final Duration UPGRADE_DEADLINE = Duration.ofSeconds(15);

    /**
     * A connection whose socket takes no bytes for this long (one write blocked throughout) is dropped: the
     * peer stopped reading. As long as LiteCore's heartbeat interval, so a slow but live client that pauses its
     * reads while it catches up (LiteCore's receive window does that) is never taken for a dead one.
     */
    public static final Duration WRITE_TIMEOUT = Duration.ofMinutes(5);

    /**
     * Most header fields in an HTTP upgrade head (more get 431). Couchbase Lite sends about ten; 100 is what
     * common servers allow (Apache's {@code LimitRequestFields}), and bounds the parsed header map.
     */
    public static final int MAX_HEADER_FIELDS = 100;

    /**
     * Default cap on the bytes queued for the socket and not yet written, per connection, counting
     * {@link #SEND_QUEUE_ENTRY_COST} per queued buffer. BLIP keeps at most 256 KiB unwritten plus a frame, so a
     * healthy peer never comes near it; a peer that stops reading but keeps sending pings (each answered by a
     * queued pong) reaches it and is dropped instead of growing the queue without end.
     */
    public static final long MAX_SEND_QUEUE = 4L << 20;

    /**
     * Most bytes of queued frames the writer gathers into one socket write: one TLS record's plaintext (RFC 8446
     * §5.1, 2^14), so over TLS a write of small frames costs one record, and over TCP one system call, instead of one
     * per frame. A frame already this large is written on its own, as it is.
     */
    public static final int MAX_WRITE_GATHER = 16 * 1024;

    /**
     * What one queued buffer is charged against {@link #MAX_SEND_QUEUE} on top of its bytes: the JVM objects
     * around it (ByteBuffer, array header, queue node, ledger entry), so floods of tiny pongs are counted at
     * their real cost.
     */
    public static final int SEND_QUEUE_ENTRY_COST = 128;

    /**
     * Base of the delay before answering a failed authentication (wrong or malformed credentials) from an
     * address that failed before: base × 2^(failures − 1), capped at {@link #AUTH_DELAY_MAX}. The first failure
     * costs a quarter second (a mistyped password barely notices); a guesser soon waits the cap per attempt.
     */
    public static final Duration AUTH_DELAY_BASE = Duration.ofMillis(250);

    /**
     * Cap of the failed-authentication delay: with {@link #MAX_CONNECTIONS_PER_ADDRESS} parallel attempts one
     * address tries at most 16 passwords a second; short enough that a client's HTTP timeout never fires first.
     */
    public static final Duration AUTH_DELAY_MAX = Duration.ofSeconds(4);

    /** How long an address's failed authentications are remembered after its last one. */
    public static final Duration AUTH_FAILURE_MEMORY = Duration.ofMinutes(10);

    /**
     * Most addresses whose failed authentications are remembered; beyond it the oldest are forgotten, so a
     * spoofed-address flood cannot grow the table without bound.
     */
    public static final int AUTH_TRACKED_ADDRESSES = 4096;

    /**
     * First pause of the accept loop after {@code accept()} fails (e.g. EMFILE, too many open files); doubles
     * on each further failure up to {@link #ACCEPT_BACKOFF_MAX} and resets on success, so a resource shortage
     * neither ends the loop nor spins a core.
     */
    public static final Duration ACCEPT_BACKOFF_MIN = Duration.ofMillis(5);

    /** Longest pause of the accept loop between failing {@code accept()} calls. */
    public static final Duration ACCEPT_BACKOFF_MAX = Duration.ofSeconds(1);

    /**
     * How long a connection refused for a cap keeps its socket after the 503 is written and output shut, so the
     * client reads the answer instead of a reset; then it is closed. Short: the refusal holds no thread, only
     * the descriptor.
     */
    public static final Duration REFUSAL_LINGER = Duration.ofMillis(500);

    /**
     * Most refused connections lingering at once (see {@link #REFUSAL_LINGER}); further refusals are closed
     * right after their 503 is written, so a connection flood cannot pile up descriptors in lingering sockets.
     */
    public static final int MAX_LINGERING_REFUSALS = 64;

    /** {@code Retry-After} seconds sent with a 503 refusal: a reconnecting client backs off at least this long. */
    public static final int RETRY_AFTER_SECONDS = 5;

    /**
     * Delegate callbacks one socket runs per turn on the shared callback executor before yielding the thread, so
     * one busy socket cannot starve the others; large enough that the re-queueing cost is negligible.
     */
    public static final int CALLBACK_BATCH = 1024;

    /**
     * Callbacks a posting transport thread runs itself when it finds the socket's callbacks idle, before handing
     * the rest to the callback executor: a reader should get back to reading soon, and the callbacks are quick.
     */
    public static final int INLINE_CALLBACKS = 16;
}
