package org.c4j.socket;

import java.nio.ByteBuffer;

/**
 * One connection as the protocol engine sees it, after LiteCore's {@code C4Socket}: the "down" half of the SPI,
 * implemented by a transport.
 *
 * <p>Life: a socket from {@link SocketFactory#create} or handed to a {@link SocketAcceptor} does nothing until
 * {@link #open(SocketDelegate)}. A client socket then connects (HTTP upgrade, TLS, auth headers); an incoming
 * socket is already connected and reports {@link SocketDelegate#opened()} at once. From then on events flow to
 * the delegate until {@link SocketDelegate#closed} — which the transport must deliver exactly once, whatever
 * happens.
 *
 * <p><b>Threading:</b> every method may be called from any thread and must return without blocking on the
 * network. Implementations are thread-safe.
 *
 * <p><b>Contract rules</b> (checked by socket-testkit's conformance suite, by the names of its
 * {@code ConformanceRule}s): the bytes written arrive once, in order, unchanged ({@code DATA_INTACT});
 * {@code completedWrite} counts add up exactly to what was written and never run ahead of it
 * ({@code WRITE_ACCOUNTING}); nothing more is delivered while more than the transport's window is unreleased, and
 * delivery resumes after {@code completedReceive} ({@code RECEIVE_WINDOW}, {@code FLOW_RESUMES}); an answered
 * {@code requestClose(1000)} ends both sides with {@code closed(null)} ({@code CLOSE_HANDSHAKE}); {@code closed}
 * comes exactly once whatever state the socket is in when it is closed ({@code CLOSED_ONCE}).
 */
public interface C4Socket {

    /** How this socket frames data. */
    Framing framing();

    /**
     * Attaches the delegate and starts the socket. Called once; a second call throws
     * {@link IllegalStateException}.
     */
    void open(SocketDelegate delegate);

    /**
     * Queues data to send. With {@link Framing#MESSAGES} the buffer is one whole binary WebSocket message.
     * Ownership passes to the transport (the caller must not touch the buffer afterwards). The transport reports
     * progress with {@link SocketDelegate#completedWrite} as bytes really reach the network. Writes after close
     * are dropped.
     */
    void write(ByteBuffer data);

    /**
     * Bytes passed to {@link #write} that the transport has not yet handed to the operating system (its send queue and
     * a write in progress), or -1 if it does not say. It stays near zero while the kernel's send buffer takes what is
     * written, and grows while the network does not (or, briefly, while the transport's writer waits for a CPU): the
     * engine's measure of the link for its adaptive choices, independent of how promptly its own thread handles
     * {@link SocketDelegate#completedWrite}. Not an account ({@code completedWrite} is). Thread-safe, non-blocking,
     * cheap (called once per outgoing message). Default: -1.
     */
    default long unsentBytes() {
        return -1;
    }

    /**
     * The engine has finished processing {@code byteCount} more received bytes (receive flow control): the
     * transport may read more from the network.
     */
    void completedReceive(long byteCount);

    /**
     * Starts an orderly close with this WebSocket close code and reason (a close frame for message-framed
     * transports). Also the answer to {@link SocketDelegate#closeRequested}. {@link SocketDelegate#closed} follows.
     */
    void requestClose(int code, String reason);

    /**
     * Tears the connection down now, without a handshake. {@link SocketDelegate#closed} follows (once) if it has
     * not been delivered yet. Idempotent.
     */
    void close();
}
