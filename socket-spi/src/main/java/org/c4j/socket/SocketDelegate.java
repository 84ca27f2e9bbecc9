package org.c4j.socket;

import java.nio.ByteBuffer;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;

/**
 * Receives a {@link C4Socket}'s events: the "up" half of the SPI, implemented by the protocol engine (BLIP).
 *
 * <p><b>Threading:</b> a transport may call these methods from any thread, but it calls them for one socket
 * one at a time (never concurrently) and in the order the events happened. Implementations must not block:
 * they hand work to their own serial executor and return.
 *
 * <p><b>Order:</b> for a client socket, zero or one {@link #gotPeerCertificates} (TLS only), zero or one
 * {@link #gotHttpResponse}, then {@link #opened} (on success),
 * then any number of {@link #received}/{@link #completedWrite}/{@link #closeRequested}, and finally
 * {@link #closed} <em>exactly once</em> on every path — including a failed open, a refused connection, a peer
 * that vanished, or a {@link C4Socket#close()} by the engine. Nothing is delivered after {@code closed}.
 *
 * <p><b>Contract rules</b> a transport keeps towards its delegate (checked by socket-testkit's conformance suite):
 * callbacks never overlap ({@code NO_OVERLAP}); nothing but the HTTP response comes before {@code opened}, which
 * comes at most once ({@code NOTHING_BEFORE_OPENED}, {@code HTTP_RESPONSE_BEFORE_OPENED}); {@code closed} exactly
 * once ({@code CLOSED_ONCE}) and last ({@code NOTHING_AFTER_CLOSED}); a vanished peer is reported as an error
 * ({@code PEER_VANISH_IS_ERROR}). The delegate's own rule: never block, and give every received byte back with
 * {@code completedReceive}.
 */
public interface SocketDelegate {

    /** The connection is open and data may be written. Delivered at most once. */
    void opened();

    /**
     * The certificate chain the server presented in the TLS handshake, leaf first, once it was accepted by the
     * socket's trust settings (Couchbase Lite's {@code getServerCertificates}). Delivered at most once, only for
     * TLS ({@code wss:}) client sockets, before {@link #gotHttpResponse} and {@link #opened} (also when the
     * HTTP upgrade then fails); a retried upgrade (a 401 challenge answered with credentials) does not deliver
     * it again. A chain the socket's trust settings refused is never delivered: the socket closes with a
     * Network-domain TLS error instead. The default does nothing. The list is immutable; certificates are public data.
     */
    default void gotPeerCertificates(List<X509Certificate> chain) {
    }

    /**
     * The HTTP response to a client's WebSocket upgrade request (also delivered on failure, e.g. a 401 with its
     * {@code WWW-Authenticate} header, before {@link #closed}). Header names are as received; lookups should be
     * case-insensitive.
     */
    void gotHttpResponse(int status, Map<String, List<String>> headers);

    /**
     * Data arrived. With {@link Framing#MESSAGES} the buffer is exactly one WebSocket binary message.
     * Ownership of the buffer passes to the delegate. The delegate reports each byte it has finished with via
     * {@link C4Socket#completedReceive(long)}; a transport may stop reading from the network while too many
     * received bytes are unreported (receive-side flow control).
     */
    void received(ByteBuffer data);

    /**
     * The peer asked to close (a WebSocket close frame arrived) with this code and reason. The engine should
     * finish what it is doing and answer with {@link C4Socket#requestClose}; {@link #closed} follows.
     */
    void closeRequested(int code, String reason);

    /** {@code byteCount} more bytes passed to {@link C4Socket#write} have really been written to the network. */
    void completedWrite(long byteCount);

    /**
     * The socket is closed; always the last event, delivered exactly once.
     *
     * @param error {@code null} after a normal close (WebSocket code 1000 both ways), otherwise why it closed:
     *              a {@link ErrorDomain#WEBSOCKET} close code or HTTP status, a {@link ErrorDomain#NETWORK} or
     *              {@link ErrorDomain#POSIX} error, ...
     */
    void closed(C4Exception error);
}
