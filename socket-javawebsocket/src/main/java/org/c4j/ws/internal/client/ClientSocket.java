package org.c4j.ws.internal.client;

import java.net.URI;
import java.nio.ByteBuffer;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;

import org.c4j.socket.C4Exception;
import org.c4j.socket.C4Socket;
import org.c4j.socket.Framing;
import org.c4j.socket.SocketDelegate;
import org.c4j.socket.TransportErrors;
import org.c4j.ws.WsExecutors;
import org.c4j.ws.internal.CloseMapping;
import org.c4j.ws.internal.ConnectionListener;
import org.c4j.ws.internal.SerialEvents;
import org.c4j.ws.internal.SocketLayer;
import org.c4j.ws.internal.WsConnection;
import org.c4j.ws.internal.WsWire;
import org.c4j.ws.internal.http.HttpFormatException;
import org.c4j.ws.internal.http.HttpHead;
import org.c4j.ws.internal.tls.TlsClientOptions;
import org.c4j.ws.internal.tls.TlsLayer;
import org.c4j.ws.internal.tls.TlsTuning;

/**
 * A client {@link C4Socket} over {@link WsConnection}s: opens a connection on {@link #open}, delivers its events
 * to the delegate in order through {@link SerialEvents}, and makes a second connection once if Basic
 * credentials were held back ({@code challengeAuth}) and the server answered 401 with a Basic challenge.
 * Only the final attempt's HTTP response is reported. For {@code wss:} every attempt runs a TLS handshake first
 * ({@link TlsLayer}); the server's accepted chain is reported once, before the HTTP response ({@code
 * gotPeerCertificates}). {@code closed} is delivered exactly once: by the
 * connection's end, or at once by {@link #close()} or by {@link #requestClose} before the socket is open.
 *
 * <p><b>Threading:</b> thread-safe. The lock is never held while calling into a {@link WsConnection}.
 */
public final class ClientSocket implements C4Socket {

    /** The socket's life as its delegate sees it; transitions only in {@link #moveTo}. */
    enum State {
        UNOPENED, CONNECTING, OPEN, CLOSING, CLOSED;

        boolean canMoveTo(State next) {
            return switch (this) {
                case UNOPENED -> next == CONNECTING || next == CLOSED;
                case CONNECTING -> next == OPEN || next == CLOSED;
                case OPEN -> next == CLOSING || next == CLOSED;
                case CLOSING -> next == CLOSED;
                case CLOSED -> false;
            };
        }
    }

    private final String host;
    private final int port;
    private final String target;
    private final ClientOptions options;
    /** TLS context of every attempt; null for ws. */
    private final SSLContext tls;
    /** A client certificate is configured (wss only). */
    private final boolean hasClientCert;
    private final WsExecutors executors;
    private final SerialEvents events;
    private final Object lock = new Object();
    // Guarded by lock.
    private State state = State.UNOPENED;
    private SocketDelegate delegate;
    private WsConnection connection;
    /** The current attempt was answered with a Basic challenge and will be retried with credentials. */
    private boolean retryPending;
    private boolean retried;
    private boolean peerChainReported;

    /**
     * @param uri a {@code ws:} or {@code wss:} URL with a host (checked by the factory)
     * @param tls the TLS settings for {@code wss:}, null for {@code ws:}
     */
    public ClientSocket(URI uri, ClientOptions options, TlsClientOptions tls, WsExecutors executors) {
        this.host = uri.getHost();
        int defaultPort = tls == null ? WsWire.DEFAULT_WS_PORT : WsWire.DEFAULT_WSS_PORT;
        this.port = uri.getPort() < 0 ? defaultPort : uri.getPort();
        this.tls = tls == null ? null : tls.context();
        this.hasClientCert = tls != null && tls.clientIdentity() != null;
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        this.target = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        this.options = options;
        this.executors = executors;
        this.events = new SerialEvents(executors.callbacks());
    }

    @Override
    public Framing framing() {
        return Framing.MESSAGES;
    }

    @Override
    public void open(SocketDelegate delegate) {
        WsConnection first;
        synchronized (lock) {
            if (state != State.UNOPENED) {
                throw new IllegalStateException("socket already opened or closed");
            }
            this.delegate = delegate;
            moveTo(State.CONNECTING);
            first = attempt(!options.challengeAuth());
        }
        events.start();
        first.start();
    }

    @Override
    public void write(ByteBuffer data) {
        WsConnection c;
        synchronized (lock) {
            c = state == State.OPEN ? connection : null;
        }
        if (c != null) {
            c.send(data);
        }
    }

    /** The current connection's frames not yet written to the socket (wire bytes), or 0 before there is one. */
    @Override
    public long unsentBytes() {
        WsConnection c;
        synchronized (lock) {
            c = connection;
        }
        return c == null ? 0 : c.unsentBytes();
    }

    @Override
    public void completedReceive(long byteCount) {
        WsConnection c;
        synchronized (lock) {
            c = connection;
        }
        if (c != null) {
            c.acknowledge(byteCount);
        }
    }

    @Override
    public void requestClose(int code, String reason) {
        WsConnection c;
        boolean graceful;
        synchronized (lock) {
            c = connection;
            graceful = state == State.OPEN;
            if (graceful) {
                moveTo(State.CLOSING);
            } else if (state == State.CONNECTING) {
                finish(CloseMapping.closedBeforeOpen(code, reason));
            } else {
                return;
            }
        }
        if (graceful) {
            c.close(code, reason);
        } else {
            c.abort();
        }
    }

    @Override
    public void close() {
        WsConnection c;
        synchronized (lock) {
            if (state == State.CLOSED) {
                return;
            }
            if (state == State.UNOPENED) {
                moveTo(State.CLOSED);
                return;
            }
            c = connection;
            finish(CloseMapping.localAbort());
        }
        c.abort();
    }

    @Override
    public String toString() {
        return (tls == null ? "ws" : "wss") + " client socket to " + host + ":" + port + target;
    }

    /** Makes (not starts) a connection attempt and makes it current. Caller holds the lock. */
    private WsConnection attempt(boolean withBasic) {
        Attempt listener = new Attempt();
        SocketLayer layer = tls == null ? SocketLayer.PLAIN
                : TlsLayer.client(tls, TlsTuning.HANDSHAKE_TIMEOUT, executors.timers(), listener::onPeerChain);
        connection = WsConnection.client(host, port, target, options.headers(withBasic), options.networkInterface(),
                options.protocols(), options.heartbeat(), layer, executors, listener)
                .throughProxy(options.proxyFor(java.net.URI.create((tls == null ? "ws" : "wss") + "://"
                        + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + "/")));
        listener.connection = connection;
        return connection;
    }

    /** Delivers {@code closed} and moves to CLOSED. Caller holds the lock; state is not CLOSED. */
    private void finish(C4Exception error) {
        moveTo(State.CLOSED);
        retryPending = false;
        SocketDelegate d = delegate;
        events.post(() -> d.closed(error));
    }

    /** Caller holds the lock. */
    private void moveTo(State next) {
        if (!state.canMoveTo(next)) {
            throw new IllegalStateException("ClientSocket: bad transition " + state + " -> " + next);
        }
        state = next;
    }

    /** Events of one connection attempt; those of a replaced attempt are ignored. */
    private final class Attempt implements ConnectionListener {
        WsConnection connection;

        private boolean current() {
            return connection == ClientSocket.this.connection;
        }

        /** On the reader thread, after the TLS handshake and before the HTTP head. */
        void onPeerChain(List<X509Certificate> chain) {
            synchronized (lock) {
                if (current() && state == State.CONNECTING && !peerChainReported) {
                    peerChainReported = true;
                    SocketDelegate d = delegate;
                    events.post(() -> d.gotPeerCertificates(chain));
                }
            }
        }

        @Override
        public ConnectionListener.Stop onHead(byte[] head, int length) {
            HttpHead.Response response;
            try {
                response = HttpHead.parseResponse(head, length);
            } catch (HttpFormatException e) {
                return new ConnectionListener.Stop(null, CloseMapping.badHttp(e.getMessage()));
            }
            synchronized (lock) {
                if (!current() || state != State.CONNECTING) {
                    return new ConnectionListener.Stop(null, CloseMapping.localAbort());
                }
                int status = response.status();
                if (status == WsWire.HTTP_UNAUTHORIZED && options.challengeAuth() && !retried
                        && isBasicChallenge(response.headers().get(WsWire.WWW_AUTHENTICATE))) {
                    retried = true;
                    retryPending = true;
                    return new ConnectionListener.Stop(null, CloseMapping.httpStatus(status, response.reason()));
                }
                SocketDelegate d = delegate;
                events.post(() -> d.gotHttpResponse(status, response.headers()));
                if (status != WsWire.HTTP_SWITCHING_PROTOCOLS) {
                    return new ConnectionListener.Stop(null, CloseMapping.httpStatus(status, response.reason()));
                }
                if (!options.protocols().contains(trim(response.header(WsWire.SEC_WEBSOCKET_PROTOCOL)))) {
                    return new ConnectionListener.Stop(null, CloseMapping.protocolNotAccepted());
                }
                return null;
            }
        }

        @Override
        public void onOpen() {
            synchronized (lock) {
                if (current() && state == State.CONNECTING) {
                    moveTo(State.OPEN);
                    SocketDelegate d = delegate;
                    events.post(d::opened);
                }
            }
        }

        @Override
        public void onMessage(ByteBuffer message) {
            runHereIfOpen(d -> d.received(message)); // on the reader thread
        }

        @Override
        public void onCloseRequested(int code, String reason) {
            synchronized (lock) {
                if (current() && (state == State.OPEN || state == State.CLOSING)) {
                    if (state == State.OPEN) {
                        moveTo(State.CLOSING);
                    }
                    SocketDelegate d = delegate;
                    events.post(() -> d.closeRequested(code, reason));
                }
            }
        }

        @Override
        public void onWritten(long payloadBytes) {
            runHereIfOpen(d -> d.completedWrite(payloadBytes)); // on the writer thread
        }

        /**
         * A transport thread's own event for the delegate, while OPEN or CLOSING: queued in order under the lock,
         * run on this thread outside it if nothing else is queued.
         */
        private void runHereIfOpen(Consumer<SocketDelegate> event) {
            boolean claimed;
            synchronized (lock) {
                if (!current() || (state != State.OPEN && state != State.CLOSING)) {
                    return;
                }
                SocketDelegate d = delegate;
                claimed = events.claim(() -> event.accept(d));
            }
            if (claimed) {
                events.runClaimed();
            }
        }

        @Override
        public void onClosed(C4Exception error) {
            WsConnection retry = null;
            synchronized (lock) {
                if (!current() || state == State.CLOSED) {
                    return;
                }
                if (retryPending) {
                    retryPending = false;
                    retry = attempt(true);
                } else {
                    finish(tls == null ? error : TransportErrors.forTlsClient(error, hasClientCert));
                }
            }
            if (retry != null) {
                retry.start();
            }
        }
    }

    private static boolean isBasicChallenge(List<String> challenges) {
        if (challenges == null) {
            return false;
        }
        for (String c : challenges) {
            if (c.trim().toLowerCase(Locale.ROOT).startsWith(WsWire.BASIC.toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    private static String trim(String s) {
        return s == null ? "" : s.trim();
    }
}
