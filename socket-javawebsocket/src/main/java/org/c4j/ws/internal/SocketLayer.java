package org.c4j.ws.internal;

import java.io.IOException;
import java.net.Socket;

/**
 * What runs on a connection's reader thread between the TCP connect (client) or accept (listener) and the HTTP
 * upgrade: nothing for {@code ws:}, the TLS handshake for {@code wss:}. {@link WsConnection} does all I/O on the
 * socket this returns and closes the TCP socket itself to end the connection (which also ends a handshake in
 * progress).
 */
@FunctionalInterface
public interface SocketLayer {
    /** Plain {@code ws:}: the TCP socket as it is. */
    SocketLayer PLAIN = (tcp, host, port) -> tcp;

    /**
     * The socket to speak HTTP and WebSocket over, layered on the connected {@code tcp}; may block (the reader
     * thread is the connection's own).
     *
     * @param host the host name the client connected to (for SNI and the host name check); null on a listener
     * @throws IOException if the layer cannot be set up (a failed TLS handshake, ...)
     */
    Socket wrap(Socket tcp, String host, int port) throws IOException;
}
