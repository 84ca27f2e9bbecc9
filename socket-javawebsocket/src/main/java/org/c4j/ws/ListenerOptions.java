package org.c4j.ws;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Predicate;

import org.c4j.socket.PlainHttpHandler;
import org.c4j.socket.UpgradeAuthenticator;
import org.c4j.ws.internal.ConnectionLimits;
import org.c4j.ws.internal.Tuning;
import org.c4j.ws.internal.tls.TlsTuning;

/**
 * The settings of a {@link WebSocketListenerTransport} and their setters, inherited by its public
 * {@link WebSocketListenerTransport.Builder} (which adds only {@code build()}); kept apart so the transport's
 * file holds the transport. Not thread-safe.
 *
 * @param <B> the builder type the setters return
 */
public abstract class ListenerOptions<B extends ListenerOptions<B>> {
    String networkInterface;
    int port;
    PasswordAuthenticator authenticator;
    Predicate<String> sessionAuthenticator;
    UpgradeAuthenticator upgradeAuthenticator;
    PlainHttpHandler httpHandler;
    WsExecutors executors = WsExecutors.shared();
    int maxConnections = Tuning.MAX_CONNECTIONS;
    int maxConnectionsPerAddress = Tuning.MAX_CONNECTIONS_PER_ADDRESS;
    Duration upgradeDeadline = Tuning.UPGRADE_DEADLINE;
    long maxSendQueue = Tuning.MAX_SEND_QUEUE;
    Duration heartbeat = Tuning.DEFAULT_HEARTBEAT;
    Duration writeTimeout = Tuning.WRITE_TIMEOUT;
    WebSocketListenerTransport.ServerSocketFactory serverSockets = ServerSocket::new;
    boolean tls = true;
    TlsIdentity identity;
    IdentityStore identityStore;
    ClientCertificateAuthenticator clientCertificateAuthenticator;
    Duration tlsHandshakeTimeout = TlsTuning.HANDSHAKE_TIMEOUT;

    /** Serve plain {@code ws:} (no TLS). TLS is on by default. */
    public B disableTls() {
        this.tls = false;
        return self();
    }

    /**
     * The TLS identity to present; null (default) for the {@linkplain #identityStore store's} anonymous one.
     * {@link WebSocketListenerTransport#start} refuses an identity that is not valid then.
     */
    public B tlsIdentity(TlsIdentity identity) {
        this.identity = identity;
        return self();
    }

    /**
     * Where the anonymous identity is kept when no {@linkplain #tlsIdentity identity} is given (see
     * {@link TlsIdentities#anonymous}); null (default): a new one in memory at every start, which clients cannot
     * pin across restarts.
     */
    public B identityStore(IdentityStore store) {
        this.identityStore = store;
        return self();
    }

    /**
     * Requires client certificates and lets {@code authenticator} decide on them (see
     * {@link ClientCertificateAuthenticator#roots}); null (default) asks for none. Needs TLS.
     */
    public B clientCertificateAuthenticator(ClientCertificateAuthenticator authenticator) {
        this.clientCertificateAuthenticator = authenticator;
        return self();
    }

    /** Total time a client has to complete the TLS handshake; default 15 s. */
    public B tlsHandshakeTimeout(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("TLS handshake timeout must be positive: " + timeout);
        }
        this.tlsHandshakeTimeout = timeout;
        return self();
    }

    /**
     * Most TCP connections at once (handshaking or open); default {@value Tuning#MAX_CONNECTIONS}. Further
     * ones are answered {@code 503} and closed.
     */
    public B maxConnections(int max) {
        this.maxConnections = ConnectionLimits.positive(max, "maxConnections");
        return self();
    }

    /**
     * Most connections at once from one remote address; default {@value Tuning#MAX_CONNECTIONS_PER_ADDRESS}.
     * Further ones are answered {@code 503} and closed.
     */
    public B maxConnectionsPerAddress(int max) {
        this.maxConnectionsPerAddress = ConnectionLimits.positive(max, "maxConnectionsPerAddress");
        return self();
    }

    /**
     * Total time from accepting a connection to its complete HTTP upgrade request, however slowly it
     * arrives; then it is dropped. Default 15 s (LiteCore's connect timeout).
     */
    public B upgradeDeadline(Duration deadline) {
        this.upgradeDeadline = ConnectionLimits.positive(deadline, "upgradeDeadline");
        return self();
    }

    /**
     * Most bytes queued for one connection and not yet taken by its peer (each queued buffer also counts
     * {@value Tuning#SEND_QUEUE_ENTRY_COST}); a connection over it is dropped (1008). Default 4 MiB.
     */
    public B maxSendQueueBytes(long max) {
        this.maxSendQueue = ConnectionLimits.positive(max, "maxSendQueueBytes");
        return self();
    }

    /**
     * Ping interval of open connections: a peer silent for this long is pinged and dropped if nothing
     * arrives within the pong timeout (20 s, at most the interval minus a second). Default 5 minutes.
     */
    public B heartbeat(Duration interval) {
        this.heartbeat = ConnectionLimits.positive(interval, "heartbeat");
        return self();
    }

    /** Longest one socket write may block (the peer takes no bytes) before the connection is dropped; 5 min. */
    public B writeTimeout(Duration timeout) {
        this.writeTimeout = ConnectionLimits.positive(timeout, "writeTimeout");
        return self();
    }

    /** Tests: how the server socket is made. */
    B serverSockets(WebSocketListenerTransport.ServerSocketFactory factory) {
        this.serverSockets = Objects.requireNonNull(factory, "factory");
        return self();
    }

    /** Interface name (e.g. {@code lo}) or local IP address to listen on; null (default) for all. */
    public B networkInterface(String nameOrAddress) {
        this.networkInterface = nameOrAddress;
        return self();
    }

    /** TCP port; 0 (default) picks a free one. */
    public B port(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        this.port = port;
        return self();
    }

    /** Checks Basic credentials; null (default) lets every client in anonymously. */
    public B authenticator(PasswordAuthenticator authenticator) {
        this.authenticator = authenticator;
        return self();
    }

    /**
     * Checks the session ID a client sends in a {@code SyncGatewaySession} cookie (what Couchbase Lite's
     * {@code SessionAuthenticator} sends); null (default) accepts no sessions. A request with a session this
     * accepts is let in (user unknown); otherwise Basic credentials are checked if a
     * {@linkplain #authenticator password authenticator} is set, and failing both the request gets 401.
     * Called on connection threads, possibly concurrently: must be thread-safe. Never log session IDs.
     */
    public B sessionAuthenticator(Predicate<String> sessionAuthenticator) {
        this.sessionAuthenticator = sessionAuthenticator;
        return self();
    }

    /**
     * Decides who each client is (e.g. an account store's Sync Gateway-style authenticator: Basic, session
     * cookie, Bearer token, guest); called once per upgrade request, before the path is checked. Replaces
     * {@link #authenticator} and {@link #sessionAuthenticator} (setting both kinds fails at {@code build()}).
     */
    public B upgradeAuthenticator(UpgradeAuthenticator authenticator) {
        this.upgradeAuthenticator = authenticator;
        return self();
    }

    /**
     * Serves plain HTTP requests on the listener port for paths other than {@code /<db>/_blipsync} (e.g. Sync
     * Gateway's public {@code /{db}/_session}); a null answer, or no handler (default), leaves those requests
     * refused as before. Bodies over {@link PlainHttpHandler#MAX_BODY_BYTES} get 413, chunked ones 411.
     */
    public B httpHandler(PlainHttpHandler handler) {
        this.httpHandler = handler;
        return self();
    }

    /** Threads to run on; default {@link WsExecutors#shared()}. */
    public B executors(WsExecutors executors) {
        this.executors = Objects.requireNonNull(executors, "executors");
        return self();
    }

    abstract B self();
}
