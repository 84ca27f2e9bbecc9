package org.c4j.ws;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.c4j.socket.C4Exception;
import org.c4j.socket.ErrorCodes;
import org.c4j.socket.ErrorDomain;
import org.c4j.socket.ListenerTransport;
import org.c4j.socket.SocketAcceptor;
import org.c4j.socket.UpgradeAuthenticator;
import org.c4j.ws.internal.CloseMapping;
import org.c4j.ws.internal.ListenerConnection;
import org.c4j.ws.internal.NetworkInterfaces;
import org.c4j.ws.internal.Tuning;
import org.c4j.ws.internal.UpgradePolicy;
import org.c4j.ws.internal.WsWire;
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
 * method other than GET {@code 405}.
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

    /** The listener's life. */
    public enum State { NEW, RUNNING, STOPPING, STOPPED }

    private final String networkInterface;
    private final int requestedPort;
    private final UpgradeAuthenticator authenticator;
    private final WsExecutors executors;
    private final Registry registry = new Registry();
    private final Object lock = new Object();
    // Guarded by lock.
    private State state = State.NEW;
    private ServerSocket server;
    private UpgradePolicy policy;
    private SocketAcceptor acceptor;
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
        this.executors = b.executors;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Binds and starts accepting; returns once the port is bound.
     *
     * @throws C4Exception {@link ErrorDomain#NETWORK} {@link ErrorCodes.Network#UNKNOWN_INTERFACE} for an unknown
     *                     network interface, another {@link ErrorDomain#NETWORK} error if binding fails
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
            try {
                server = new ServerSocket();
                server.bind(new InetSocketAddress(bindTo, requestedPort), Tuning.ACCEPT_BACKLOG);
            } catch (IOException e) {
                closeServer();
                throw CloseMapping.io(e);
            }
            this.acceptor = acceptor;
            this.policy = new UpgradePolicy(acceptor::servesDatabase, authenticator);
            state = State.RUNNING;
        }
        executors.io().execute(this::acceptLoop);
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

    /**
     * {@code ws://<address>:<port>/} for the bound address, or for every address (except link-local ones, which
     * need a zone) of every interface that is up when listening on all of them; empty before {@link #start}.
     */
    @Override
    public List<URI> urls() {
        InetSocketAddress bound = address();
        if (bound == null) {
            return List.of();
        }
        List<InetAddress> addresses = new ArrayList<>();
        if (!bound.getAddress().isAnyLocalAddress()) {
            addresses.add(bound.getAddress());
        } else {
            try {
                for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                    if (nif.isUp()) {
                        for (InetAddress a : Collections.list(nif.getInetAddresses())) {
                            if (!a.isLinkLocalAddress()) {
                                addresses.add(a);
                            }
                        }
                    }
                }
            } catch (SocketException e) {
                LOG.debug("listing network interfaces: {}", e.toString());
            }
        }
        List<URI> urls = new ArrayList<>();
        for (InetAddress a : addresses) {
            String host = a instanceof Inet6Address ? "[" + a.getHostAddress() + "]" : a.getHostAddress();
            urls.add(URI.create(WsWire.SCHEME_WS + "://" + host + ":" + bound.getPort() + "/"));
        }
        return List.copyOf(urls);
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
                state = state == State.NEW ? State.STOPPED : state;
                return;
            }
            state = State.STOPPING;
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
            state = State.STOPPED;
        }
    }

    private void acceptLoop() {
        ServerSocket s;
        UpgradePolicy p;
        SocketAcceptor a;
        synchronized (lock) {
            s = server;
            p = policy;
            a = acceptor;
        }
        while (true) {
            Socket accepted;
            try {
                accepted = s.accept();
            } catch (IOException e) {
                if (state() == State.RUNNING) {
                    LOG.warn("listener accept failed; stopping the accept loop", e);
                }
                return;
            }
            ListenerConnection c = new ListenerConnection(accepted, p, a, executors, registry);
            synchronized (lock) {
                if (state != State.RUNNING) {
                    closeQuietly(accepted);
                    continue;
                }
                connections.add(c);
            }
            c.start();
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

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            LOG.debug("closing refused socket: {}", e.toString());
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
            synchronized (lock) {
                if (connections.remove(connection) && wasUpgraded) {
                    upgraded--;
                }
                lock.notifyAll();
            }
        }
    }

    /** Settings of a {@link WebSocketListenerTransport}. Not thread-safe. */
    public static final class Builder {
        private String networkInterface;
        private int port;
        private PasswordAuthenticator authenticator;
        private Predicate<String> sessionAuthenticator;
        private UpgradeAuthenticator upgradeAuthenticator;
        private WsExecutors executors = WsExecutors.shared();

        private Builder() {
        }

        /** Interface name (e.g. {@code lo}) or local IP address to listen on; null (default) for all. */
        public Builder networkInterface(String nameOrAddress) {
            this.networkInterface = nameOrAddress;
            return this;
        }

        /** TCP port; 0 (default) picks a free one. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
            this.port = port;
            return this;
        }

        /** Checks Basic credentials; null (default) lets every client in anonymously. */
        public Builder authenticator(PasswordAuthenticator authenticator) {
            this.authenticator = authenticator;
            return this;
        }

        /**
         * Checks the session ID a client sends in a {@code SyncGatewaySession} cookie (what Couchbase Lite's
         * {@code SessionAuthenticator} sends); null (default) accepts no sessions. A request with a session this
         * accepts is let in (user unknown); otherwise Basic credentials are checked if a
         * {@linkplain #authenticator password authenticator} is set, and failing both the request gets 401.
         * Called on connection threads, possibly concurrently: must be thread-safe. Never log session IDs.
         */
        public Builder sessionAuthenticator(Predicate<String> sessionAuthenticator) {
            this.sessionAuthenticator = sessionAuthenticator;
            return this;
        }

        /**
         * Decides who each client is (e.g. an account store's Sync Gateway-style authenticator: Basic, session
         * cookie, Bearer token, guest); called once per upgrade request, before the path is checked. Replaces
         * {@link #authenticator} and {@link #sessionAuthenticator} (setting both kinds fails at {@link #build}).
         */
        public Builder upgradeAuthenticator(UpgradeAuthenticator authenticator) {
            this.upgradeAuthenticator = authenticator;
            return this;
        }

        /** Threads to run on; default {@link WsExecutors#shared()}. */
        public Builder executors(WsExecutors executors) {
            this.executors = Objects.requireNonNull(executors, "executors");
            return this;
        }

        public WebSocketListenerTransport build() {
            return new WebSocketListenerTransport(this);
        }
    }
}
