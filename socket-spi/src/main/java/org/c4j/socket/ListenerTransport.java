package org.c4j.socket;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The server half of a transport: listens on a port and hands accepted, already-authenticated connections to a
 * {@link SocketAcceptor} as {@link C4Socket}s. The c4-api listener sees only this interface, so any transport
 * (ws, wss, custom) can serve databases.
 *
 * <p>A transport answers requests for paths other than {@code /<db>/_blipsync} with 404, requests for databases
 * the acceptor does not {@linkplain SocketAcceptor#servesDatabase serve} with 404, and failed authentication with
 * 401 — without involving the acceptor.
 *
 * <p><b>Threading:</b> implementations are thread-safe. {@link #start} blocks until the port is bound (or fails);
 * {@link #stop} blocks until every connection is closed.
 *
 * <p><b>Contract rules</b> (checked by socket-testkit's conformance suite): accepted connections open on both sides
 * ({@code OPENS}); a request for a database the acceptor does not serve is answered before any socket exists, and
 * the client ends with its 404 and {@code closed(error)} ({@code FAILED_OPEN_FAILS}); the request headers the
 * client sent reach {@link IncomingRequest#headers()} ({@code HEADERS_SENT}, {@code AUTH_HEADERS_BUILT}).
 */
public interface ListenerTransport {

    /**
     * Binds and starts accepting. Called once.
     *
     * @throws C4Exception if the port cannot be bound ({@link ErrorDomain#POSIX} / {@link ErrorDomain#NETWORK})
     */
    void start(SocketAcceptor acceptor);

    /** The bound port (useful when 0 was asked for); -1 before {@link #start}. */
    int port();

    /** The URLs clients can use to reach this listener, e.g. {@code ws://192.168.1.2:4984/}, one per address. */
    List<URI> urls();

    /**
     * The certificate chain the listener presents in TLS handshakes (leaf first; Couchbase Lite's
     * {@code URLEndpointListener.getTlsIdentity().getCerts()}), or an empty list when it serves without TLS or is
     * not started. The default: empty (a transport without TLS).
     */
    default List<X509Certificate> serverCertificates() {
        return List.of();
    }

    /** Number of currently open connections. */
    int connectionCount();

    /** Closes every connection (WebSocket close 1001 "going away") and stops listening. Idempotent. */
    void stop();
}
