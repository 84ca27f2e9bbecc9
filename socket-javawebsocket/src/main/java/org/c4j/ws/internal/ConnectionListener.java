package org.c4j.ws.internal;

import java.nio.ByteBuffer;

import org.c4j.socket.C4Exception;

/**
 * Receives one {@link WsConnection}'s events. Called from the connection's reader or writer thread, a timer
 * thread, or the thread that closes or aborts it; implementations must not block, and must not call into the
 * connection while holding a lock those threads may need.
 */
public interface ConnectionListener {
    /**
     * The peer's HTTP head arrived: {@code head[0..length)} (client: the response; server: the request).
     * Returns {@code null} to go on with the upgrade, or how to stop.
     */
    Stop onHead(byte[] head, int length);

    /** The WebSocket is open. */
    void onOpen();

    /** One binary message; the buffer is the listener's. */
    void onMessage(ByteBuffer message);

    /** The peer sent a close frame (the engine has already queued the echo). */
    void onCloseRequested(int code, String reason);

    /** {@code payloadBytes} of data frames were written to the socket. */
    void onWritten(long payloadBytes);

    /** The connection is gone; {@code error} is null after a normal close. Called exactly once. */
    void onClosed(C4Exception error);

    /**
     * How to end a connection after its HTTP head: send {@code response} first (a listener's rejection; null
     * for none), after waiting {@code delay} (a failed authentication's), and report {@code error}. A listener
     * serving a plain HTTP request gives {@code respond} instead of a response: the connection reads the request's
     * {@code bodyLength} body bytes (bounded by the caller; within the upgrade deadline), and ends as the
     * {@code Stop} that {@code respond} makes of them says.
     */
    record Stop(byte[] response, C4Exception error, java.time.Duration delay, int bodyLength,
                java.util.function.Function<byte[], Stop> respond) {
        public Stop {
            delay = delay == null ? java.time.Duration.ZERO : delay;
        }

        public Stop(byte[] response, C4Exception error, java.time.Duration delay) {
            this(response, error, delay, 0, null);
        }

        public Stop(byte[] response, C4Exception error) {
            this(response, error, java.time.Duration.ZERO);
        }
    }
}
