package org.c4j.ws;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.c4j.socket.C4Exception;
import org.c4j.socket.ErrorCodes;
import org.c4j.socket.ErrorDomain;
import org.c4j.socket.ListenerTransport;
import org.c4j.socket.PlainHttpHandler;
import org.c4j.socket.SocketAcceptor;
import org.c4j.socket.UpgradeAuthenticator;
import org.c4j.ws.internal.CloseMapping;
import org.c4j.ws.internal.ConnectionLimits;
import org.c4j.ws.internal.NetworkInterfaces;
import org.c4j.ws.internal.SocketLayer;
import org.c4j.ws.internal.Tuning;
import org.c4j.ws.internal.WsWire;
import org.c4j.ws.internal.listen.AcceptLoop;
import org.c4j.ws.internal.listen.AuthThrottle;
import org.c4j.ws.internal.listen.ConnectionCaps;
import org.c4j.ws.internal.listen.ListenerConnection;
import org.c4j.ws.internal.listen.Refusals;
import org.c4j.ws.internal.listen.UpgradePolicy;
import org.c4j.ws.internal.tls.ListenerTls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listener side of the ws transport ({@link ListenerTransport}): accepts TCP connections, serves only
 * {@code GET /<db>/_blipsync} for the databases the acceptor {@linkplain SocketAcceptor#servesDatabase serves},
 * with the subprotocol {@code BLIP_3+CBMobile_3}, and hands each upgraded,
 * authenticated connection to a {@link SocketAcceptor} as a message-framed {@link org.c4j.socket.C4Socket} with
 * its {@link org.c4j.socket.IncomingRequest} (carrying the client's {@link org.c4j.socket.Principal}). Who a client
 * is, is decided in one place, the listener's {@link UpgradeAuthenticator} ({@linkplain Builder#upgradeAuthenticator
 * given}, or made from a {@link PasswordAuthenticator} and a {@linkplain Builder#sessionAuthenticator session
 * authenticator}). Refusals never reach the acceptor: no or wrong credentials get the authenticator's refusal (for
 * the simple checks {@code 401} with {@code WWW-Authenticate: Basic realm="Couchbase Lite"}); an unknown path or database
 * {@code 404}; a request that is not a WebSocket upgrade {@code 426}; a missing key or subprotocol {@code 400}; a
 * method other than GET {@code 405}; a malformed request (HTTP syntax, request path, percent-encoding, UTF-8,
 * Basic credentials) {@code 400}; a head over {@value Tuning#MAX_HTTP_HEAD} bytes or
 * {@value Tuning#MAX_HEADER_FIELDS} fields {@code 431}.
 *
 * <p>Limits (each a {@link Builder} option with a safe default from {@code Tuning}; hitting one ends or refuses
 * only the offending connection, with a log line): connections in all and per remote address (further ones get
 * {@code 503} with {@code Retry-After}, from the accept loop, without a thread); a total deadline for the upgrade
 * request (slow senders are dropped); bytes queued for a connection that does not read; how long one write may
 * block; the heartbeat. Failed authentications are answered after a delay that grows per remote address. Client
 * frames must be masked (RFC 6455: else close 1002). The accept loop survives failing {@code accept()} calls
 * (e.g. too many open files: it backs off and retries) and errors while starting one connection.
 *
 * <p><b>TLS</b> is on unless {@linkplain Builder#disableTls() disabled}: every connection first completes a TLS
 * 1.2/1.3 handshake (within {@linkplain Builder#tlsHandshakeTimeout a total deadline}, 15 s by default; a peer
 * that stalls is dropped), presenting the {@linkplain Builder#tlsIdentity given identity} or else the anonymous
 * identity of the {@linkplain Builder#identityStore identity store} (created once, reused on every start until
 * it expires), and the {@link #urls()} are {@code wss:}. With a {@linkplain Builder#clientCertificateAuthenticator
 * client certificate authenticator} clients must present a certificate it accepts, or the handshake fails
 * before any HTTP is exchanged.
 *
 * <p>Life: {@link #start} binds (port 0 picks a free port, see {@link #port()}) and accepts;
 * {@link #stop()} stops accepting, closes every open WebSocket with 1001 (going away), drops connections still
 * handshaking, waits for them to end (at most LiteCore's 5 s close timeout plus a second, then drops the rest)
 * and returns. A stopped listener cannot be restarted.
 *
 * <p><b>Threading:</b> thread-safe. The accept loop and every connection run on {@link WsExecutors#io()}; the
 * acceptor is called on a connection's reader thread and must not block.
 */
public final class WebSocketListenerTransport implements ListenerTransport {
    private static final Logger LOG = LoggerFactory.getLogger(WebSocketListenerTransport.class);

    /** The listener's life; transitions only in {@link #moveTo}. */
    public enum State {
        NEW, RUNNING, STOPPING, STOPPED;

        boolean canMoveTo(State next) {
            return switch (this) {
                case NEW -> next == RUNNING || next == STOPPED;
                case RUNNING -> next == STOPPING || next == STOPPED; // STOPPED: the accept loop could not start
                case STOPPING -> next == STOPPED;
                case STOPPED -> false;
            };
        }
    }

    private final String networkInterface;
    private final int requestedPort;
    private final UpgradeAuthenticator authenticator;
    private final PlainHttpHandler httpHandler;
    private final WsExecutors executors;
    private final ConnectionLimits limits;
    private final ConnectionCaps caps;
    private final AuthThrottle throttle = new AuthThrottle();
    private final Refusals refusals;
    private final ServerSocketFactory serverSockets;
    private final ListenerTls tls;
    private final Registry registry = new Registry();
    private final Object lock = new Object();
    // Guarded by lock.
    private State state = State.NEW;
    private ServerSocket server;
    private UpgradePolicy policy;
    private SocketAcceptor acceptor;
    private ListenerTls.Started served;
    private final Set<ListenerConnection> connections = new HashSet<>();
    private int upgraded;

    private WebSocketListenerTransport(Builder b) {
        this.networkInterface = b.networkInterface;
        this.requestedPort = b.port;
        if (b.upgradeAuthenticator != null && (b.authenticator != null || b.sessionAuthenticator != null)) {
            throw new IllegalStateException("give either an upgrade authenticator or password/session checks");
        }
        this.authenticator = b.upgradeAuthenticator != null ? b.upgradeAuthenticator
                : UpgradePolicy.simpleAuthenticator(b.authenticator, b.sessionAuthenticator);
        this.httpHandler = b.httpHandler;
        this.executors = b.executors;
        this.limits = new ConnectionLimits(b.upgradeDeadline, b.maxSendQueue, b.heartbeat, b.writeTimeout);
        this.caps = new ConnectionCaps(b.maxConnections, b.maxConnectionsPerAddress);
        this.refusals = new Refusals(b.executors.timers());
        this.serverSockets = b.serverSockets;
        this.tls = new ListenerTls(b.tls, b.identity, b.identityStore, b.clientCertificateAuthenticator,
                b.tlsHandshakeTimeout);
    }

    /** Makes the (unbound) server socket; tests inject failing ones. */
    interface ServerSocketFactory {
        ServerSocket create() throws IOException;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Binds and starts accepting; returns once the port is bound.
     *
     * @throws C4Exception {@link ErrorDomain#NETWORK} {@link ErrorCodes.Network#UNKNOWN_INTERFACE} for an unknown
     *                     network interface, another {@link ErrorDomain#NETWORK} error if binding fails;
     *                     {@link ErrorCodes.Network#TLS_CERT_EXPIRED} if the given TLS identity is not valid now
     *                     (nothing is bound then); identity store errors for the anonymous identity
     * @throws IllegalStateException if not {@link State#NEW}
     */
    @Override
    public void start(SocketAcceptor acceptor) {
        Objects.requireNonNull(acceptor, "acceptor");
        synchronized (lock) {
            if (state != State.NEW) {
                throw new IllegalStateException("listener is " + state + ", not NEW");
            }
            InetAddress bindTo = networkInterface == null ? null : NetworkInterfaces.resolve(networkInterface, null);
            ListenerTls.Started started = tls.start(executors.timers());
            try {
                server = serverSockets.create();
                server.bind(new InetSocketAddress(bindTo, requestedPort), Tuning.ACCEPT_BACKLOG);
            } catch (IOException e) {
                closeServer();
                throw CloseMapping.io(e);
            }
            this.acceptor = acceptor;
            this.served = started;
            this.policy = new UpgradePolicy(acceptor::servesDatabase, authenticator, httpHandler);
            moveTo(State.RUNNING);
        }
        AcceptLoop loop = new AcceptLoop(server, new Accepting());
        try {
            executors.io().execute(() -> {
                loop.run();
                acceptLoopEnded();
            });
        } catch (RuntimeException | Error e) {
            synchronized (lock) {
                closeServer();
                if (state != State.STOPPED) { // a stop() meanwhile may have finished
                    moveTo(State.STOPPED);
                }
            }
            throw new C4Exception(ErrorDomain.LITECORE, ErrorCodes.LiteCore.UNEXPECTED_ERROR,
                    "could not start the accept loop: " + e, e);
        }
    }

    /** The bound port (the picked one if 0 was asked for); -1 before {@link #start}. */
    @Override
    public int port() {
        synchronized (lock) {
            return server == null ? -1 : server.getLocalPort();
        }
    }

    /** The bound address, or null before {@link #start}. */
    public InetSocketAddress address() {
        synchronized (lock) {
            return server == null ? null : (InetSocketAddress) server.getLocalSocketAddress();
        }
    }

    /** True unless TLS was disabled: the listener serves {@code wss:}. */
    public boolean isTlsEnabled() {
        return tls.enabled();
    }

    /** The identity presented in TLS handshakes; null without TLS or before {@link #start}. */
    public TlsIdentity tlsIdentity() {
        synchronized (lock) {
            return served == null ? null : served.identity();
        }
    }

    @Override
    public List<X509Certificate> serverCertificates() {
        TlsIdentity identity = tlsIdentity();
        return identity == null ? List.of() : identity.certificateChain();
    }

    /**
     * {@code ws://<address>:<port>/} ({@code wss:} with TLS) for the bound address, or for every address (except
     * link-local ones, which need a zone) of every interface that is up when listening on all of them; empty before {@link #start}.
     */
    @Override
    public List<URI> urls() {
        InetSocketAddress bound = address();
        return bound == null ? List.of()
                : NetworkInterfaces.urls(tls.enabled() ? WsWire.SCHEME_WSS : WsWire.SCHEME_WS, bound);
    }

    public State state() {
        synchronized (lock) {
            return state;
        }
    }

    /** Open TCP connections: those still exchanging the upgrade, being refused, or upgraded. */
    @Override
    public int connectionCount() {
        synchronized (lock) {
            return connections.size();
        }
    }

    /** Connections refused so far because a connection cap was reached (answered 503). */
    public int refusedConnectionCount() {
        return refusals.refused();
    }

    /** Connections upgraded to WebSocket and handed to the acceptor, not yet closed. */
    public int activeConnectionCount() {
        synchronized (lock) {
            return upgraded;
        }
    }

    /**
     * Stops accepting, closes all connections (1001 for open WebSockets) and waits for them to end. Idempotent;
     * a listener never started just becomes {@link State#STOPPED}. If the calling thread is interrupted while
     * waiting, the remaining connections are dropped at once and the interrupt status is kept.
     */
    @Override
    public void stop() {
        List<ListenerConnection> open;
        synchronized (lock) {
            if (state != State.RUNNING) {
                if (state == State.NEW) {
                    moveTo(State.STOPPED);
                }
                return;
            }
            moveTo(State.STOPPING);
            closeServer();
            open = new ArrayList<>(connections);
        }
        for (ListenerConnection c : open) {
            c.close(ErrorCodes.WebSocket.CLOSE_GOING_AWAY, "listener stopping");
        }
        long deadline = System.nanoTime() + Tuning.STOP_TIMEOUT.toNanos();
        List<ListenerConnection> stragglers;
        synchronized (lock) {
            try {
                long left;
                while (!connections.isEmpty() && (left = deadline - System.nanoTime()) > 0) {
                    TimeUnit.NANOSECONDS.timedWait(lock, left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            stragglers = new ArrayList<>(connections);
        }
        for (ListenerConnection c : stragglers) {
            c.abort();
        }
        synchronized (lock) {
            if (state != State.STOPPED) { // a start() whose accept loop failed may have got there first
                moveTo(State.STOPPED);
            }
        }
    }

    /** Caller holds the lock. */
    private void moveTo(State next) {
        if (!state.canMoveTo(next)) {
            throw new IllegalStateException("WebSocketListenerTransport: bad transition " + state + " -> " + next);
        }
        state = next;
    }

    /** The accept loop returned: normal once stopping; otherwise (its thread was interrupted) stop for real. */
    private void acceptLoopEnded() {
        if (state() == State.RUNNING) {
            LOG.error("the listener's accept loop was interrupted; stopping the listener");
            stop();
        }
    }

    /** What the accept loop does with each accepted socket. */
    private final class Accepting implements AcceptLoop.Handler {
        @Override
        public boolean running() {
            return state() == State.RUNNING;
        }

        @Override
        public void accepted(Socket socket) {
            InetAddress from = socket.getInetAddress();
            ConnectionCaps.Admission admission = caps.admit(from);
            if (admission != ConnectionCaps.Admission.ADMITTED) {
                String why = admission == ConnectionCaps.Admission.LISTENER_FULL
                        ? "the listener has its maximum of connections" : "too many connections from your address";
                if (tls.enabled()) {
                    refusals.drop(socket, why); // a plaintext 503 would be garbage to a TLS client
                } else {
                    refusals.refuse(socket, why);
                }
                return;
            }
            ListenerConnection c;
            try {
                c = new ListenerConnection(socket, layer(), policy(), throttle, limits, acceptor(), executors,
                        registry);
            } catch (RuntimeException | Error e) {
                caps.release(from);
                throw e;
            }
            synchronized (lock) {
                if (state != State.RUNNING) {
                    c.abort();
                    return;
                }
                connections.add(c);
            }
            try {
                c.start();
            } catch (RuntimeException | Error e) {
                // The connection has ended (and left the registry); only it is lost.
                LOG.error("could not start a connection from {}; dropped it", socket.getRemoteSocketAddress(), e);
            }
        }
    }

    private UpgradePolicy policy() {
        synchronized (lock) {
            return policy;
        }
    }

    private SocketAcceptor acceptor() {
        synchronized (lock) {
            return acceptor;
        }
    }

    /** What each accepted connection runs before its HTTP upgrade: nothing, or the TLS handshake. */
    private SocketLayer layer() {
        synchronized (lock) {
            return served.layer();
        }
    }

    /** Caller holds the lock. */
    private void closeServer() {
        if (server != null) {
            try {
                server.close();
            } catch (IOException e) {
                LOG.debug("closing listener socket: {}", e.toString());
            }
        }
    }


    /** Keeps the counts; wakes {@link #stop()} when the last connection ends. */
    private final class Registry implements ListenerConnection.Registry {
        @Override
        public void upgraded(ListenerConnection connection) {
            synchronized (lock) {
                upgraded++;
            }
        }

        @Override
        public void ended(ListenerConnection connection, boolean wasUpgraded) {
            caps.release(connection.remote());
            synchronized (lock) {
                if (connections.remove(connection) && wasUpgraded) {
                    upgraded--;
                }
                lock.notifyAll();
            }
        }
    }

    /**
     * Settings of a {@link WebSocketListenerTransport}: where to listen, who may connect, TLS, and the limits (the
     * setters, with their defaults, are inherited). Not thread-safe.
     */
    public static final class Builder extends ListenerOptions<Builder> {
        private Builder() {
        }

        @Override
        Builder self() {
            return this;
        }

        public WebSocketListenerTransport build() {
            return new WebSocketListenerTransport(this);
        }
    }
}
