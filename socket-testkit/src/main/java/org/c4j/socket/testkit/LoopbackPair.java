package org.c4j.socket.testkit;

import java.util.Objects;
import java.util.function.Predicate;
import org.c4j.socket.C4Socket;
import org.c4j.socket.testkit.internal.LoopbackConnection;

/**
 * Two connected in-memory {@link C4Socket}s, {@link #client()} and {@link #server()}, both
 * {@link org.c4j.socket.Framing#MESSAGES}: each {@code write} is one message, delivered whole, byte for byte,
 * to the other side's {@code received}, in write order. Use it to test a protocol engine (give it one side and
 * drive the other) or, with {@link LoopbackSocketFactory}, a replicator against an in-memory peer.
 *
 * <h2>Opening</h2>
 * Each side must be {@link C4Socket#open opened} with its delegate; a second {@code open} throws
 * {@link IllegalStateException}. The client's open takes one round trip ({@code 2 x latency}) plus
 * {@link LoopbackConfig.Builder#openDelay openDelay}; then it gets {@code gotHttpResponse(101, headers)}
 * ({@code Connection}, {@code Upgrade} and, if {@link LoopbackConfig.Builder#subprotocol configured},
 * {@code Sec-WebSocket-Protocol}) and {@code opened()}. The server side gets {@code opened()} as soon as it is
 * opened. Calling {@code write}, {@code completedReceive} or {@code requestClose} before the side has been opened
 * throws {@link IllegalStateException}; so does {@code write} on a client that has not got {@code opened()}.
 * Messages (and a close frame) sent to a side that is not open yet are held and delivered, in order, right after
 * its {@code opened()}.
 *
 * <h2>Callbacks</h2>
 * A socket's delegate callbacks run one at a time, in event order, on the configured
 * {@link LoopbackConfig.Builder#scheduler scheduler}, never on the calling thread inside a socket method, so a
 * delegate may call back into its socket. The two sides' callbacks may run concurrently. A delegate that throws
 * is logged and the next event is delivered.
 *
 * <h2>Latency</h2>
 * Each message and close frame reaches the other side no earlier than {@code latency} (plus a random
 * {@link LoopbackConfig.Builder#jitter jitter} in {@code [0, max]}, drawn from a seeded {@link java.util.Random})
 * after it enters the link, and never before anything sent earlier in the same direction.
 *
 * <h2>Buffers and back-pressure</h2>
 * Per direction, <em>outstanding</em> bytes = bytes in flight + bytes handed to the receiver that it has not yet
 * released with {@link C4Socket#completedReceive}. A written message enters the link only when it fits:
 * outstanding + its size &lt;= {@link LoopbackConfig.Builder#bufferBytes bufferBytes} (a message larger than the
 * buffer enters alone, when nothing is outstanding). The writer gets {@code completedWrite(size)} when its
 * message enters the link, not when it is delivered. {@code write} never blocks and never fails for lack of room:
 * messages that do not fit wait, in order, in the writer's queue. So a receiver that never calls
 * {@code completedReceive} stalls the sender's {@code completedWrite} after {@code bufferBytes}.
 * {@code completedReceive(n)} with more than the bytes received and not yet released throws
 * {@link IllegalArgumentException}.
 *
 * <h2>Closing</h2>
 * <ul>
 * <li>{@link C4Socket#requestClose requestClose(code, reason)} queues a close frame after everything the side
 * wrote before, so the peer gets {@code closeRequested(code, reason)} after those messages. Later writes by that
 * side are dropped. When the peer answers with its own {@code requestClose} and that frame arrives, both sides
 * get {@code closed(null)} if the first requester's code was 1000, else {@code closed(C4Exception(WEBSOCKET,
 * code, reason))} with the first requester's code and reason. If the handshake has not finished
 * {@link LoopbackConfig.Builder#closeTimeout closeTimeout} after the first {@code requestClose}, both sides get
 * {@code closed(WEBSOCKET CLOSE_ABNORMAL 1006)}. {@code requestClose} on a client still opening acts as
 * {@code close()}; a second {@code requestClose} is ignored.</li>
 * <li>{@link C4Socket#close close()} is abrupt: everything in flight is discarded and, unless the connection
 * already ended (then it does nothing), both sides get {@code closed(WEBSOCKET CLOSE_ABNORMAL 1006)}, with
 * messages telling the local and the remote side apart. So the closing side gets {@code closed(null)} only
 * through a completed close handshake, never from {@code close()}. Closing a side that was never opened
 * refuses it: that side gets no events, the peer gets the 1006 error.</li>
 * <li>Every opened side gets {@code closed} exactly once, on every path, and nothing after it; after that,
 * {@code write}, {@code completedReceive}, {@code requestClose} and {@code close} do nothing. A side opened only
 * after the connection ended gets just {@code closed} with the error that ended it.</li>
 * </ul>
 *
 * <h2>Faults</h2>
 * Connection resets end the connection with {@code closed(NETWORK CONNECTION_RESET)} on both sides, discarding
 * everything in flight: {@link #disconnect()} at any time;
 * {@link LoopbackConfig.Builder#dropAfterBytes dropAfterBytes(sender, n)}, which delivers at most {@code n} bytes
 * from {@code sender} and resets at the first message that does not fit in what is left (dropping it whole; after
 * exactly {@code n} bytes, the next message); and
 * {@link LoopbackConfig.Builder#dropWhen dropWhen(trigger)}, which drops at a chosen message (see
 * {@link DropTrigger}). With {@link LoopbackConfig.Builder#refuseOpen refuseOpen} the client gets only
 * {@code closed(NETWORK CONNECTION_REFUSED)} (no response, no {@code opened}); the server side never opens (if it
 * is opened anyway it gets only that same {@code closed} once the client has been refused).
 *
 * <p><b>Threading:</b> thread-safe; the sockets and every method here may be used from any thread. Buffers passed
 * to {@code write} are copied at once (the caller keeps its buffer); each {@code received} buffer is a fresh one
 * owned by the receiving delegate.
 *
 * <p><b>Contract rule:</b> both sides keep the whole {@link C4Socket} contract; the pair passes the conformance
 * suite ({@link ConformanceRule} by rule, {@code LoopbackConformanceTest}).
 */
public final class LoopbackPair {
    private final LoopbackConfig config;
    private final LoopbackConnection connection;

    private LoopbackPair(LoopbackConfig config, Predicate<C4Socket> onConnect) {
        this.config = Objects.requireNonNull(config, "config");
        this.connection = new LoopbackConnection(config, onConnect);
    }

    /** A pair with {@link LoopbackConfig#defaults()}. */
    public static LoopbackPair create() {
        return create(LoopbackConfig.defaults());
    }

    public static LoopbackPair create(LoopbackConfig config) {
        return new LoopbackPair(config, server -> true);
    }

    /**
     * For {@link LoopbackSocketFactory}: {@code onConnect} gets the server socket when the client connects and
     * answers whether it is accepted (else the client gets HTTP 404).
     */
    static LoopbackPair create(LoopbackConfig config, Predicate<C4Socket> onConnect) {
        return new LoopbackPair(config, onConnect);
    }

    /** The connecting side: gets the HTTP 101 response, then {@code opened}. */
    public C4Socket client() {
        return connection.socket(Side.CLIENT);
    }

    /** The accepting side: gets {@code opened} as soon as it is opened. */
    public C4Socket server() {
        return connection.socket(Side.SERVER);
    }

    public C4Socket socket(Side side) {
        return connection.socket(Objects.requireNonNull(side, "side"));
    }

    public LoopbackConfig config() {
        return config;
    }

    /** Resets the connection now: both opened sides get {@code closed(NETWORK CONNECTION_RESET)}. */
    public void disconnect() {
        connection.disconnect();
    }

    /** Bytes handed to the peer's delegate from {@code sender} so far (queued to its {@code received}). */
    public long bytesDelivered(Side sender) {
        return connection.deliveredBytes(Objects.requireNonNull(sender, "sender"));
    }

    /** Messages handed to the peer's delegate from {@code sender} so far. */
    public long messagesDelivered(Side sender) {
        return connection.deliveredMessages(Objects.requireNonNull(sender, "sender"));
    }

    /**
     * Bytes from {@code sender} in flight or received and not yet released by the peer; never more than
     * {@code bufferBytes} (or one larger message); 0 once the connection has ended.
     */
    public long outstandingBytes(Side sender) {
        return connection.outstandingBytes(Objects.requireNonNull(sender, "sender"));
    }

    /**
     * True once {@code side} is closed: its {@code closed} event is queued or delivered, or {@code close()} was
     * called on it before it was opened.
     */
    public boolean isClosed(Side side) {
        return connection.isClosed(Objects.requireNonNull(side, "side"));
    }

    @Override
    public String toString() {
        return "LoopbackPair{client closed=" + isClosed(Side.CLIENT) + ", server closed=" + isClosed(Side.SERVER)
                + ", " + config + "}";
    }
}
