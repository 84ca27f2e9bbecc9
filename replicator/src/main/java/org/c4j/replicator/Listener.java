package org.c4j.replicator;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.c4j.socket.C4Socket;
import org.c4j.socket.IncomingRequest;
import org.c4j.socket.ListenerTransport;
import org.c4j.replicator.internal.core.CoreSettings;
import org.c4j.socket.OptionKeys;
import org.c4j.socket.SocketAcceptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves a database to peers (Couchbase Lite's {@code URLEndpointListener}), independent of the transport: the
 * {@link ListenerTransport} accepts and authenticates connections, and each one is served by its own
 * {@link PassiveReplicator}. As Couchbase Lite's listener, it refuses pushes that would create a conflict (409) unless
 * the configuration's options set {@code noIncomingConflicts} explicitly to false: a peer cannot graft a branch
 * onto our documents.
 *
 * <p>Thread-safe.
 */
public final class Listener implements AutoCloseable {
    /** Life cycle: CREATED -> RUNNING -> STOPPED (or CREATED -> STOPPED). */
    public enum State { CREATED, RUNNING, STOPPED }

    /** How long {@link #stop()} waits for connections to finish their close handshake before dropping them. */
    private static final long STOP_WAIT_MS = 5_000;

    private static final Logger LOG = LoggerFactory.getLogger(Listener.class);

    private final ListenerTransport transport;
    private final ListenerConfig config;
    /** What each connection is served with: {@link #config}'s, with delta sync and the listener's defaults applied. */
    private final PassiveReplicator.Config served;
    private final Object lock = new Object();
    private final Set<PassiveReplicator> replicators = new HashSet<>(); // guarded by lock
    private State state = State.CREATED; // guarded by lock
    /** While running: stops the listener when its database begins to close (Database.onClose). */
    private volatile org.c4j.ListenerToken closeAction;
    /** Completed once stopped and every connection's replication has ended. */
    private final CompletableFuture<Void> allEnded = new CompletableFuture<>();

    public Listener(ListenerTransport transport, ListenerConfig config) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.config = Objects.requireNonNull(config, "config");
        this.served = withListenerDefaults(config.connectionConfig());
        CoreSettings.checkBlipOptions(served.options());
    }

    /** {@code noIncomingConflicts} is on unless the options say otherwise (LiteCore's listener default). */
    static PassiveReplicator.Config withListenerDefaults(PassiveReplicator.Config c) {
        if (c.options().contains(OptionKeys.NO_INCOMING_CONFLICTS)) {
            return c;
        }
        return c.withOptions(c.options().toBuilder().put(OptionKeys.NO_INCOMING_CONFLICTS, true).build());
    }

    public ListenerConfig config() {
        return config;
    }

    /**
     * Starts accepting connections; returns once the transport is listening.
     *
     * @throws IllegalStateException if already started
     * @throws org.c4j.socket.C4Exception if the transport can't listen
     */
    public void start() {
        synchronized (lock) {
            if (state != State.CREATED) {
                throw new IllegalStateException("Listener is " + state);
            }
            moveTo(State.RUNNING);
        }
        closeAction = served.database().onClose(this::stop);
        try {
            transport.start(new Acceptor());
        } catch (RuntimeException e) {
            closeAction.remove();
            synchronized (lock) {
                moveTo(State.STOPPED);
            }
            throw e;
        }
    }

    /**
     * Stops: every connection's replication is stopped (normal close), then the transport stops listening. Blocks
     * until that is done (connections that don't finish their close handshake in time are dropped) and every
     * connection's replication has ended, its work on the database included (each wait bounded). Idempotent.
     */
    public void stop() {
        List<PassiveReplicator> open;
        synchronized (lock) {
            if (state == State.STOPPED) {
                return;
            }
            boolean started = state == State.RUNNING;
            moveTo(State.STOPPED);
            if (!started) {
                return;
            }
            open = new ArrayList<>(replicators);
            if (open.isEmpty()) {
                allEnded.complete(null);
            }
        }
        org.c4j.ListenerToken action = closeAction;
        if (action != null) {
            action.remove();
        }
        open.forEach(PassiveReplicator::stop);
        if (!awaitAllEnded()) {
            LOG.warn("listener stop: {} connection(s) still replicating after {} ms; closing the transport anyway",
                    status().connectionCount(), STOP_WAIT_MS);
        }
        transport.stop();
        // The transport dropped whatever ignored the close handshake: those replications end now (each after its
        // workers drained). Wait for them too, so that nothing of this listener touches the database once stop()
        // returned (Database.close() runs this first).
        if (!awaitAllEnded()) {
            LOG.warn("listener stop: {} connection(s) still replicating after the transport stopped",
                    status().connectionCount());
        }
    }

    /** Waits up to {@link #STOP_WAIT_MS} for every connection's replication to end; false if some did not. */
    private boolean awaitAllEnded() {
        try {
            allEnded.get(STOP_WAIT_MS, TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** The only place {@link #state} changes; called with {@link #lock} held. */
    private void moveTo(State next) {
        boolean allowed = switch (next) {
            case CREATED -> false;
            case RUNNING -> state == State.CREATED;
            case STOPPED -> state != State.STOPPED;
        };
        if (!allowed) {
            throw new IllegalStateException("Listener: bad transition " + state + " -> " + next);
        }
        state = next;
    }

    public State state() {
        synchronized (lock) {
            return state;
        }
    }

    /** The bound port; -1 before {@link #start()}. */
    public int port() {
        return transport.port();
    }

    /**
     * The TLS certificate chain the transport presents (leaf first; Couchbase Lite's
     * {@code getTlsIdentity().getCerts()}), or empty when it serves without TLS or has not started.
     */
    public List<java.security.cert.X509Certificate> serverCertificates() {
        return transport.serverCertificates();
    }

    /**
     * The URLs peers can replicate with ({@code ws://host:port/<databaseName>}, {@code wss:} over TLS), one per
     * address.
     */
    public List<URI> urls() {
        List<URI> out = new ArrayList<>();
        for (URI base : transport.urls()) {
            String s = base.toString();
            out.add(URI.create(s + (s.endsWith("/") ? "" : "/") + config.databaseName()));
        }
        return out;
    }

    /** Connections being served, and how many of them are busy. */
    public ListenerStatus status() {
        synchronized (lock) {
            int active = 0;
            for (PassiveReplicator r : replicators) {
                if (r.status().activity() == ReplicatorActivity.BUSY) {
                    active++;
                }
            }
            return new ListenerStatus(replicators.size(), active);
        }
    }

    private void ended(PassiveReplicator r) {
        synchronized (lock) {
            replicators.remove(r);
            if (state == State.STOPPED && replicators.isEmpty()) {
                allEnded.complete(null);
            }
        }
    }

    private final class Acceptor implements SocketAcceptor {
        @Override
        public boolean servesDatabase(String database) {
            return config.databaseName().equals(database);
        }

        @Override
        public void accept(C4Socket socket, IncomingRequest request) {
            String peer = (request.user() != null ? request.user() + "@" : "")
                    + (request.remote() != null ? request.remote() : request.path());
            PassiveReplicator r = new PassiveReplicator(socket, served, peer, request.principal());
            synchronized (lock) {
                if (state != State.RUNNING) {
                    socket.close();
                    return;
                }
                replicators.add(r);
            }
            r.addChangeListener(s -> {
                if (s.activity() == ReplicatorActivity.STOPPED) {
                    ended(r);
                }
            });
            LOG.debug("serving {}", peer);
            r.start();
        }
    }
}
