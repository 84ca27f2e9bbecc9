package org.c4j.replicator;

import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.c4j.CollectionSpec;
import org.c4j.ListenerToken;
import org.c4j.replicator.internal.core.CoreObserver;
import org.c4j.replicator.internal.core.CoreSettings;
import org.c4j.replicator.internal.core.DocumentEnded;
import org.c4j.replicator.internal.core.ListenerList;
import org.c4j.replicator.internal.core.ReplMode;
import org.c4j.replicator.internal.core.ReplTuning;
import org.c4j.replicator.internal.core.ReplicationHooks;
import org.c4j.replicator.internal.core.ReplicatorCore;
import org.c4j.replicator.internal.core.RetryPolicy;
import org.c4j.replicator.internal.push.PendingDocuments;
import org.c4j.replicator.internal.wire.ReplWire;
import org.c4j.socket.C4Exception;
import org.c4j.socket.C4Socket;
import org.c4j.socket.OptionKeys;
import org.c4j.socket.OptionsDict;
import org.c4j.socket.SerialExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An active replicator (Couchbase Lite's {@code Replicator}): pushes and/or pulls the configured collections to and
 * from a remote database over a connection from the configured {@link org.c4j.socket.SocketFactory}, one-shot or
 * continuous. Each connection is served by a fresh internal replicator; after a transient error (or, continuous, a
 * network error) it goes OFFLINE and reconnects with exponential backoff like LiteCore ({@code maxRetries},
 * {@code maxRetryInterval} options), but never after errors such as HTTP 401.
 *
 * <p>Status and per-document events go to listeners, called one at a time in order on a notification thread
 * (never while a lock is held): a change listener told STOPPED has been given every document event of that run.
 * {@link #status()} is updated before the listeners are called, so it may say STOPPED while the last document
 * events are still being delivered. Thread-safe.
 */
public final class Replicator implements AutoCloseable {
    /** The public replicator's own life; transitions in {@link #moveTo}. */
    private enum State {
        /** No connection and none planned. */
        STOPPED,
        /** An internal replicator is running. */
        RUNNING,
        /** {@link #stop()} was called; waiting for the internal replicator to end. */
        STOPPING,
        /** Waiting for the retry timer after a failed connection. */
        WAITING_TO_RETRY
    }

    private static final Logger LOG = LoggerFactory.getLogger(Replicator.class);

    private final ReplicatorConfig config;
    private final String endpointUrl;
    private final RetryPolicy retryPolicy;
    private final SerialExecutor notifier;
    private final ListenerList<ReplicatorStatus> statusListeners = new ListenerList<>();
    private final ListenerList<DocumentReplication> documentListeners = new ListenerList<>();
    private final Object lock = new Object();
    // guarded by lock
    private State state = State.STOPPED;
    private ReplicatorCore core;
    private ScheduledFuture<?> retryTimer;
    /** While not STOPPED: stops this replicator when its database begins to close (Database.onClose). */
    private org.c4j.ListenerToken closeAction;
    private int failedRetries;
    private int connections;
    /** The AUTH dictionary in use: the options' at first, then the credentials provider's (guarded by lock). */
    private OptionsDict auth;
    /** Provider renewals after 401s since the last successful connection (guarded by lock). */
    private int authRenewals;
    private ReplicatorStatus status = ReplicatorStatus.STOPPED;
    private List<X509Certificate> serverCertificates = List.of();

    public Replicator(ReplicatorConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        CoreSettings.checkBlipOptions(config.options());
        this.endpointUrl = org.c4j.replicator.internal.checkpoint.CheckpointId.remoteUrl(config.target());
        this.retryPolicy = RetryPolicy.of(config.options(), config.isContinuous());
        this.auth = config.options().getDict(OptionKeys.AUTH);
        this.notifier = new SerialExecutor(config.executor(), "replicator-notify");
    }

    public ReplicatorConfig config() {
        return config;
    }

    /** Starts replicating from the saved checkpoint; does nothing if already running. */
    public void start() {
        start(false);
    }

    /**
     * Starts replicating; does nothing if already running.
     *
     * @param resetCheckpoint ignore the saved checkpoint and look at every document again
     */
    public void start(boolean resetCheckpoint) {
        synchronized (lock) {
            if (state != State.STOPPED) {
                return;
            }
            failedRetries = 0;
            launch(resetCheckpoint);
        }
    }

    /**
     * Stops: closes the connection normally (WebSocket 1000) or cancels a pending retry; the status ends STOPPED.
     * Returns at once; does nothing if already stopped.
     */
    public void stop() {
        synchronized (lock) {
            switch (state) {
                case RUNNING -> {
                    moveTo(State.STOPPING);
                    core.stop();
                }
                case WAITING_TO_RETRY -> {
                    retryTimer.cancel(false);
                    retryTimer = null;
                    moveTo(State.STOPPED);
                    publish(status.withActivity(ReplicatorActivity.STOPPED));
                }
                default -> {
                }
            }
        }
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    /** The current status. */
    public ReplicatorStatus status() {
        synchronized (lock) {
            return status;
        }
    }

    /**
     * The TLS certificate chain (leaf first) the server presented on the latest connection that got that far
     * (Couchbase Lite's {@code getServerCertificates}); empty before the first TLS handshake and for {@code ws:}.
     */
    public List<X509Certificate> serverCertificates() {
        synchronized (lock) {
            return serverCertificates;
        }
    }

    /** Calls {@code listener} with every status change. */
    public ListenerToken addChangeListener(Consumer<ReplicatorStatus> listener) {
        return statusListeners.add(listener);
    }

    /** Calls {@code listener} each time a document finishes replicating, either way. */
    public ListenerToken addDocumentListener(Consumer<DocumentReplication> listener) {
        return documentListeners.add(listener);
    }

    /** Connections opened so far (each retry makes a new one). */
    public int connectionCount() {
        synchronized (lock) {
            return connections;
        }
    }

    /**
     * IDs of the documents of the first configured collection that changed since the last saved push checkpoint and
     * pass the docIDs option and push filter: what a push would still send.
     *
     * @throws C4Exception LITECORE UNSUPPORTED if this replicator doesn't push
     */
    public Set<String> pendingDocumentIds() {
        return pendingDocumentIds(config.collections().get(0));
    }

    /** {@link #pendingDocumentIds()} for one of the configured collections. */
    public Set<String> pendingDocumentIds(CollectionSpec collection) {
        Set<String> ids = new LinkedHashSet<>();
        pending(collection).forEachPending(change -> ids.add(change.docId()));
        return Collections.unmodifiableSet(ids);
    }

    /** Whether {@link #pendingDocumentIds()} contains this document. */
    public boolean isDocumentPending(String docId) {
        return isDocumentPending(config.collections().get(0), docId);
    }

    /** Whether {@link #pendingDocumentIds(CollectionSpec)} contains this document. */
    public boolean isDocumentPending(CollectionSpec collection, String docId) {
        return pending(collection).isPending(docId);
    }

    private PendingDocuments pending(CollectionSpec collection) {
        if (!config.collections().contains(collection)) {
            throw new IllegalArgumentException(collection + " is not replicated by this replicator");
        }
        return new PendingDocuments(config.database(), collection, config.options(), endpointUrl,
                config.collections().size() != 1 || !config.collections().get(0).isDefault(),
                config.type().pushes(), config.type().pulls(), config.pushFilter());
    }

    // ---- connections (all under lock) ----

    private void moveTo(State next) {
        boolean ok = switch (state) {
            case STOPPED -> next == State.RUNNING;
            case RUNNING -> next != State.RUNNING;
            case STOPPING -> next == State.STOPPED;
            case WAITING_TO_RETRY -> next == State.RUNNING || next == State.STOPPED;
        };
        if (!ok) {
            throw new IllegalStateException("Replicator: bad transition " + state + " -> " + next);
        }
        state = next;
        if (next == State.RUNNING && closeAction == null) {
            closeAction = config.database().onClose(this::stopForClose);
        } else if (next == State.STOPPED) {
            if (closeAction != null) {
                closeAction.remove();
                closeAction = null;
            }
            lock.notifyAll();
        }
    }

    /**
     * The database is closing: stop and wait until stopped (at most {@link ReplTuning#CLOSE_STOP_WAIT}), so nothing
     * writes to a closed database.
     */
    private void stopForClose() {
        stop();
        long deadline = System.nanoTime() + ReplTuning.CLOSE_STOP_WAIT.toNanos();
        synchronized (lock) {
            long left;
            while (state != State.STOPPED && (left = deadline - System.nanoTime()) > 0) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(lock, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            if (state != State.STOPPED) {
                LOG.warn("{}: still {} {} after its database began closing", endpointUrl, state,
                        ReplTuning.CLOSE_STOP_WAIT);
            }
        }
    }

    private void launch(boolean resetCheckpoint) {
        moveTo(State.RUNNING);
        ReplMode mode = config.isContinuous() ? ReplMode.CONTINUOUS : ReplMode.ONE_SHOT;
        CoreSettings settings = new CoreSettings(config.database(), config.collections(),
                config.type().pushes() ? mode : ReplMode.DISABLED, config.type().pulls() ? mode : ReplMode.DISABLED,
                config.options(), new ReplicationHooks(config.pushFilter(), config.pullFilter(),
                config.conflictResolver(), config.revisionTransfers()), endpointUrl, resetCheckpoint, config.executor(), config.scheduler(),
                "repl->" + endpointUrl);
        OptionsDict fresh = askCredentials(CredentialsProvider.Reason.CONNECTING);
        if (fresh != null) {
            auth = fresh;
        }
        C4Socket socket;
        try {
            socket = config.socketFactory().create(java.net.URI.create(endpointUrl), socketOptions());
        } catch (C4Exception e) {
            coreEnded(status.withActivity(ReplicatorActivity.STOPPED).withError(e));
            return;
        }
        Observer observer = new Observer();
        core = new ReplicatorCore(settings, socket, observer);
        observer.core = core;
        publish(new ReplicatorStatus(ReplicatorActivity.CONNECTING, 0, 0, 0, null));
        core.start();
    }

    /**
     * The options the transport gets: the replicator's, with the AUTH dictionary in use, plus the subprotocols to offer
     * unless already set.
     */
    private OptionsDict socketOptions() {
        OptionsDict.Builder b = config.options().toBuilder();
        if (auth != null) {
            b.putDict(OptionKeys.AUTH, auth);
        }
        if (!config.options().contains(OptionKeys.WS_PROTOCOLS)) {
            b.put(OptionKeys.WS_PROTOCOLS, String.join(",", ReplWire.PROTOCOLS));
        }
        return b.build();
    }

    /** The credentials provider's answer, or null without a provider or if it failed (logged without secrets). */
    private OptionsDict askCredentials(CredentialsProvider.Reason reason) {
        CredentialsProvider provider = config.credentialsProvider();
        if (provider == null) {
            return null;
        }
        try {
            return provider.credentials(reason, auth);
        } catch (RuntimeException e) {
            LOG.warn("{}: credentials provider threw {} ({})", endpointUrl, e.getClass().getName(), reason);
            return null;
        }
    }

    /** After a 401: fresh credentials from the provider (then reconnect at once), or null to stop. */
    private OptionsDict renewAfterUnauthorized(C4Exception error) {
        if (config.credentialsProvider() == null || state == State.STOPPING
                || !error.is(org.c4j.socket.ErrorDomain.WEBSOCKET, 401)
                || authRenewals >= ReplTuning.MAX_AUTH_RENEWALS) {
            return null;
        }
        return askCredentials(CredentialsProvider.Reason.UNAUTHORIZED);
    }

    /** The internal replicator stopped (or could not be made) with {@code last}: retry or stop. */
    private void coreEnded(ReplicatorStatus last) {
        core = null;
        C4Exception error = last.error();
        OptionsDict renewed = error == null ? null : renewAfterUnauthorized(error);
        if (renewed != null) {
            auth = renewed;
            authRenewals++;
            LOG.info("{}: 401; reconnecting at once with renewed credentials (#{})", endpointUrl, authRenewals);
            moveTo(State.WAITING_TO_RETRY);
            publish(last.withActivity(ReplicatorActivity.OFFLINE));
            retryTimer = config.scheduler().schedule(this::retryNow, 0, TimeUnit.MILLISECONDS);
            return;
        }
        if (state == State.STOPPING || error == null || !retryPolicy.shouldRetry(error, failedRetries)) {
            moveTo(State.STOPPED);
            publish(last);
            return;
        }
        failedRetries++;
        long delayMs = retryPolicy.delay(failedRetries).toMillis();
        LOG.info("{}: {}; retry #{} in {} ms", endpointUrl, error, failedRetries, delayMs);
        moveTo(State.WAITING_TO_RETRY);
        publish(last.withActivity(ReplicatorActivity.OFFLINE));
        retryTimer = config.scheduler().schedule(this::retryNow, delayMs, TimeUnit.MILLISECONDS);
    }

    private void retryNow() {
        synchronized (lock) {
            if (state == State.WAITING_TO_RETRY) {
                retryTimer = null;
                launch(false);
            }
        }
    }

    private void publish(ReplicatorStatus s) {
        status = s;
        notifier.execute(() -> statusListeners.deliver(s));
    }

    /** Receives one internal replicator's events; ignores them once it is no longer the current one. */
    private final class Observer implements CoreObserver {
        ReplicatorCore core;

        @Override
        public void connected() {
            synchronized (lock) {
                if (core == Replicator.this.core) {
                    failedRetries = 0;
                    authRenewals = 0;
                    connections++;
                }
            }
        }

        @Override
        public void serverCertificates(List<X509Certificate> chain) {
            synchronized (lock) {
                if (core == Replicator.this.core) {
                    serverCertificates = List.copyOf(chain);
                }
            }
        }

        @Override
        public void statusChanged(ReplicatorStatus s) {
            synchronized (lock) {
                if (core != Replicator.this.core) {
                    return;
                }
                if (s.activity() == ReplicatorActivity.STOPPED) {
                    coreEnded(s);
                } else {
                    publish(s);
                }
            }
        }

        @Override
        public void documentEnded(DocumentEnded e) {
            DocumentReplication d = toPublic(e);
            notifier.execute(() -> documentListeners.deliver(d));
        }
    }

    static DocumentReplication toPublic(DocumentEnded e) {
        return new DocumentReplication(e.direction() == org.c4j.replicator.internal.core.Direction.PUSH
                ? DocumentReplication.Direction.PUSH : DocumentReplication.Direction.PULL, e.collection(),
                e.docId(), e.revId(), e.deleted(), e.error(), e.error() != null && e.error().isTransient(),
                e.accessRemoved());
    }
}
