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
