package org.c4j.replicator.internal.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.c4j.CollectionSpec;
import org.c4j.blip.BlipConnection;
import org.c4j.blip.ConnectionListener;
import org.c4j.blip.IncomingMessage;
import org.c4j.replicator.ReplicatorActivity;
import org.c4j.replicator.ReplicatorStatus;
import org.c4j.replicator.internal.checkpoint.PeerCheckpoints;
import org.c4j.replicator.internal.db.DbAccess;
import org.c4j.replicator.internal.wire.ReplWire;
import org.c4j.socket.C4Exception;
import org.c4j.socket.C4Socket;
import org.c4j.socket.ErrorCodes;
import org.c4j.socket.ErrorDomain;
import org.c4j.socket.OptionKeys;
import org.c4j.socket.SerialExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One replication over one connection, active or passive (LiteCore's {@code Replicator}): owns the
 * {@link BlipConnection}, routes requests to the per-collection workers ({@link Lane}s), runs the checkpoint protocol,
 * aggregates the workers' statuses into one {@link ReplicatorStatus} and decides when a one-shot replication is done.
 * It never reconnects: the public {@code Replicator} makes a new core per connection attempt.
 *
 * <p>Life: {@link #start()}, then statuses flow to the {@link CoreObserver}; it ends (STOPPED) when the connection
 * closes — after {@link #stop()}, a completed one-shot replication, a fatal error or the peer closing.
 *
 * <p>Thread-safe: public methods enqueue onto the core's own serial executor, where all state lives.
 */
public final class ReplicatorCore {
    /**
     * Life cycle; transitions only through {@link #moveTo}. FINISHING: a one-shot replication looks done and the
     * workers' executors are being drained before deciding again (back to CONNECTED if work turned up). CLOSING is
     * entered only when this side closes the connection. DRAINING: the connection closed (either side) and the
     * workers were told to stop; their executors run what they hold — an insert being committed, reads under way —
     * before STOPPED is reported, so once a replicator or listener says STOPPED nothing of it touches the database
     * again (its database can be closed).
     */
    public enum State {
        CREATED, CONNECTING, CONNECTED, FINISHING, CLOSING, DRAINING, STOPPED;

        boolean canMoveTo(State next) {
            return switch (this) {
                case CREATED -> next == CONNECTING || next == STOPPED;
                case CONNECTING -> next == CONNECTED || next == CLOSING || next == DRAINING;
                case CONNECTED -> next == FINISHING || next == CLOSING || next == DRAINING;
                case FINISHING -> next == CONNECTED || next == CLOSING || next == DRAINING;
                case CLOSING -> next == DRAINING;
                case DRAINING -> next == STOPPED;
                case STOPPED -> false;
            };
        }

        /** True while the connection is open and this side has not started closing it. */
        boolean isOpen() {
            return this == CONNECTED || this == FINISHING;
        }

        /** The phase of the activity rules (LiteCore's connection states). */
        ActivityRule.Phase phase() {
            return switch (this) {
                case CREATED, CONNECTING -> ActivityRule.Phase.CONNECTING;
                case CONNECTED, FINISHING -> ActivityRule.Phase.CONNECTED;
                case CLOSING, DRAINING -> ActivityRule.Phase.CLOSING;
                case STOPPED -> ActivityRule.Phase.CLOSED;
            };
        }
    }

    /** Thrown by {@link #moveTo} for a transition the state machine does not allow: a broken invariant. */
    public static final class BadTransition extends IllegalStateException {
        BadTransition(State from, State to) {
            super("ReplicatorCore: bad transition " + from + " -> " + to);
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(ReplicatorCore.class);

    private final CoreSettings settings;
    private final C4Socket socket;
    private final CoreObserver observer;
    private final SerialExecutor exec;
    private final RequestRouting routing;
    private final AtomicBoolean startCalled = new AtomicBoolean();
    private final PeerCheckpoints peerCheckpoints;
    private final DbAccess db;
    private volatile BlipConnection connection;
    private volatile int remoteId;

    // ---- core executor only ----
    private State state = State.CREATED;
    private List<Lane> lanes = List.of();
    private C4Exception fatalError;
    private C4Exception lastError;
    private long documentCount;
    private final StatusPublisher publisher;
    private boolean collectionsAware;

    public ReplicatorCore(CoreSettings settings, C4Socket socket, CoreObserver observer) {
        this.settings = settings;
        this.socket = socket;
        this.observer = observer;
        this.exec = new SerialExecutor(settings.executor(), settings.name() + "/core", this::taskFailed);
        this.routing = new RequestRouting(this, exec);
        this.db = DbAccess.of(settings.database());
        this.publisher = new StatusPublisher(observer, settings.scheduler(), db::clockMillis, this::deferredRecheck);
        this.peerCheckpoints = new PeerCheckpoints(db);
    }

    /** Opens the connection and starts replicating. */
    public void start() {
        if (!startCalled.compareAndSet(false, true)) {
            throw new IllegalStateException("ReplicatorCore.start called twice");
        }
        exec.execute(this::doStart);
    }

    /** Closes the connection normally (WebSocket 1000); the status ends STOPPED. Idempotent. */
    public void stop() {
        exec.execute(this::doStop);
    }

    /** Stops the whole replication with this error (a worker's fatal error). */
    public void fatal(C4Exception error) {
        exec.execute(() -> doFatal(error));
    }

    /**
     * A task of the core or of a worker threw: a broken invariant. The replication ends with a fatal error (reported
     * in the status) instead of going on, or hanging, as if nothing happened. Called on the failing executor.
     */
    void taskFailed(Throwable failure) {
        C4Exception error = new C4Exception(ErrorDomain.LITECORE, ErrorCodes.LiteCore.UNEXPECTED_ERROR,
                "internal error in " + settings.name() + ": " + failure);
        exec.execute(() -> doFatal(error));
    }

    // ---- package: for Lane and LaneCheckpoint ----

    public CoreSettings settings() {
        return settings;
    }

    /** Database-level access (checkpoints). */
    public DbAccess db() {
        return db;
    }

    public BlipConnection connection() {
        return connection;
    }

    int remoteId() {
        return remoteId;
    }

    public void enqueue(Runnable task) {
        exec.execute(task);
    }

    public boolean isConnected() {
        return state.isOpen();
    }

    /** A non-fatal error: shown in the status; reported as the final error if nothing worse happens. */
    public void reportError(C4Exception e) {
        LOG.warn("{}: {}", settings.name(), e.toString());
        lastError = e;
        statusMayHaveChanged();
    }

    void workerStatus(Lane lane, Direction d, WorkerStatus s) {
        if (state == State.STOPPED) {
            return;
        }
        lane.setStatus(d, s);
        statusMayHaveChanged();
    }

    void documentEnded(DocumentEnded e) {
        if (e.error() == null) {
            documentCount++;
        }
        observer.documentEnded(e);
        statusMayHaveChanged();
    }

    /** The lanes' checkpoints were received: start the lanes that were waiting for them. */
    public void startLane(Lane lane) {
        if (state.isOpen()) {
            lane.startActive();
        }
        statusMayHaveChanged();
    }

    // ---- life cycle ----

    private void moveTo(State next) {
        if (!state.canMoveTo(next)) {
            throw new BadTransition(state, next);
        }
        state = next;
    }

    private void doStart() {
        if (state != State.CREATED) {
            return; // stopped before it started
        }
        moveTo(State.CONNECTING);
        BlipConnection conn = BlipConnection.create(socket, settings.blipConfig());
        connection = conn;
        routing.installOnCore(conn, ReplWire.GET_CHECKPOINT, rq -> {
            if (settings.access() != null) {
                settings.access().checkpointClient(rq.property(ReplWire.CLIENT)); // who is pulling, for revocations
            }
            peerCheckpoints.handleGet(rq);
        });
        routing.installOnCore(conn, ReplWire.SET_CHECKPOINT, peerCheckpoints::handleSet);
        routing.installOnCore(conn, ReplWire.GET_COLLECTIONS, this::handleGetCollections);
        routing.install(conn);
        conn.addListener(new ConnectionListener() {
            @Override
            public void onPeerCertificates(List<java.security.cert.X509Certificate> chain) {
                exec.execute(() -> observer.serverCertificates(chain));
            }

            @Override
            public void onHttpResponse(int status, Map<String, List<String>> headers) {
                exec.execute(() -> gotHttpResponse(status, headers));
            }

            @Override
            public void onOpen() {
                exec.execute(ReplicatorCore.this::opened);
            }

            @Override
            public void onClose(C4Exception errorOrNull) {
                exec.execute(() -> closed(errorOrNull));
            }
        });
        if (settings.isActive()) {
            try {
                setUpActiveLanes();
            } catch (C4Exception e) {
                fatalError = e;
            }
        }
        conn.start();
        if (fatalError != null) {
            closeWith(fatalError);
        }
        statusMayHaveChanged();
    }

    private void setUpActiveLanes() {
        String key = settings.options().getString(OptionKeys.REMOTE_DB_UNIQUE_ID, settings.remoteUrl());
        remoteId = db.remoteId(key);
        boolean aware = settings.isCollectionAware();
        List<Lane> list = new ArrayList<>();
        for (CollectionSpec spec : settings.collections()) {
            DbAccess c = db.forCollection(spec);
            if (c == null) {
                throw new C4Exception(ErrorDomain.LITECORE, ErrorCodes.LiteCore.NOT_FOUND,
                        "collection " + spec + " does not exist");
            }
            Lane lane = new Lane(this, c, aware ? list.size() : -1);
            lane.checkpoint().loadLocal(settings.resetCheckpoint());
            list.add(lane);
        }
        lanes = List.copyOf(list);
        for (Lane lane : lanes) {
            lane.createWorkers();
        }
        routing.publish(lanes);
    }

    private void gotHttpResponse(int status, Map<String, List<String>> headers) {
        if (status == 101 && ReplWire.header(headers, "Sec-WebSocket-Protocol") == null) {
            doFatal(new C4Exception(ErrorDomain.WEBSOCKET, ErrorCodes.WebSocket.CLOSE_PROTOCOL_ERROR,
                    "Incompatible replication protocol (missing 'Sec-WebSocket-Protocol' response header)"));
        }
    }

    private void opened() {
        if (state != State.CONNECTING) {
            return; // stop() or a fatal error came first
        }
        moveTo(State.CONNECTED);
        observer.connected();
        if (settings.isActive()) {
            if (settings.isCollectionAware()) {
                CollectionsRequest.send(this, lanes);
            } else {
                Lane lane = lanes.get(0);
                lane.checkpoint().requestRemote();
                if (!lane.checkpoint().hadLocal()) {
                    lane.startActive(); // nothing to validate: start at once, as LiteCore does
                }
            }
        }
        statusMayHaveChanged();
    }

    private void doStop() {
        switch (state) {
            case CREATED -> {
                moveTo(State.STOPPED);
                socket.close();
                statusMayHaveChanged();
            }
            case CONNECTING, CONNECTED, FINISHING -> {
                moveTo(State.CLOSING);
                connection.close(ErrorCodes.WebSocket.CLOSE_NORMAL, "");
                statusMayHaveChanged();
            }
            default -> {
            }
        }
    }

    /** On the core's executor: ends the replication with {@code error}. */
    void doFatal(C4Exception error) {
        if (state == State.STOPPED) {
            return;
        }
        LOG.warn("{}: stopping: {}", settings.name(), error.toString());
        if (fatalError == null) {
            fatalError = error;
        }
        switch (state) {
            case CREATED -> {
                moveTo(State.STOPPED);
                socket.close();
            }
            case CONNECTING, CONNECTED, FINISHING -> closeWith(error);
            default -> {
            }
        }
        statusMayHaveChanged();
    }

    private void closeWith(C4Exception error) {
        moveTo(State.CLOSING);
        int code = error.isTransient() ? ErrorCodes.WebSocket.CLOSE_APP_TRANSIENT
                : ErrorCodes.WebSocket.CLOSE_APP_PERMANENT;
        connection.close(code, String.valueOf(error.getMessage()));
    }

    private void closed(C4Exception error) {
        if (state == State.STOPPED || state == State.DRAINING) {
            return;
        }
        boolean closedByUs = state == State.CLOSING;
        C4Exception result = fatalError != null ? fatalError : error;
        if (result == null && settings.isActive() && !closedByUs) {
            result = new C4Exception(ErrorDomain.WEBSOCKET, ErrorCodes.WebSocket.CLOSE_GOING_AWAY,
                    "WebSocket connection closed by peer");
        }
        if (result == null) {
            result = lastError;
        }
        fatalError = result;
        routing.withdraw();
        for (Lane lane : lanes) {
            lane.stopWorkers();
        }
        moveTo(State.DRAINING);
        // Twice: the first turn runs the workers' stop tasks (which close the inserter), the second whatever was
        // queued before or by them (an insert being committed and its replies, reads under way).
        WorkerDrain.then(lanes, exec, () -> WorkerDrain.then(lanes, exec, this::drained));
    }

    private void drained() {
        moveTo(State.STOPPED);
        LOG.debug("{}: stopped ({})", settings.name(), fatalError);
        statusMayHaveChanged();
    }

    // ---- routing (see LaneRouter) ----

    List<Lane> lanes() {
        return lanes;
    }

    /** True once the connection closed (the workers may still be draining). */
    boolean isStopped() {
        return state == State.STOPPED || state == State.DRAINING;
    }

    /** Passive: the peer opened with getCollections (lanes then come from its list). */
    boolean isCollectionsAware() {
        return collectionsAware;
    }

    /**
     * Passive: creates one lane per requested collection if every one is served; otherwise none (the peer will be
     * told which are missing and is expected to stop).
     *
     * @return per requested collection, whether it is served
     */
    boolean[] setUpPassiveLanes(List<CollectionSpec> specs, boolean collectionAware) {
        boolean[] found = new boolean[specs.size()];
        List<Lane> list = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            CollectionSpec spec = specs.get(i);
            DbAccess c = settings.collections().contains(spec) ? db.forCollection(spec) : null;
            found[i] = c != null;
            if (c != null) {
                list.add(new Lane(this, c, collectionAware ? i : -1));
            }
        }
        if (list.size() == specs.size()) {
            lanes = List.copyOf(list);
            for (Lane lane : lanes) {
                lane.createWorkers();
            }
            routing.publish(lanes);
            statusMayHaveChanged();
        }
        return found;
    }

    private void handleGetCollections(IncomingMessage rq) {
        if (isStopped()) {
            return;
        }
        if (settings.isActive() || !lanes.isEmpty() || collectionsAware) {
            rq.respondWithError(ReplWire.DOMAIN_BLIP, ReplWire.STATUS_BAD_REQUEST,
                    "Invalid getCollections message: not the first message");
            return;
        }
        collectionsAware = true;
        CollectionsRequest.answer(this, peerCheckpoints, rq);
    }

    // ---- status ----

    /** From the scheduler: a progress report held back by the publisher is due. */
    private void deferredRecheck() {
        exec.execute(() -> {
            publisher.recheckStarted();
            statusMayHaveChanged();
        });
    }

    /** Recomputes the status, closes a finished one-shot replication, and tells the observer if anything changed. */
    public void statusMayHaveChanged() {
        LaneProgress p = LaneProgress.of(lanes, settings);
        ActivityRule.Phase phase = state.phase();
        if (p.isDone(phase)) {
            if (state == State.CONNECTED) {
                moveTo(State.FINISHING);
                WorkerDrain.then(lanes, exec, this::workersDrained);
            }
            phase = ActivityRule.Phase.CLOSING; // busy until closed, as LiteCore reports it
        }
        Activity level = ActivityRule.level(phase, p.workers, p.unsaved);
        C4Exception error = fatalError != null ? fatalError : lastError;
        publisher.offer(new ReplicatorStatus(ReplicatorActivity.valueOf(level.name()), p.completed,
                Math.max(p.total, p.completed), documentCount, error));
    }

    /**
     * FINISHING, once every worker executor ran what it had queued (a worker reports its last status and a possible
     * fatal error from one task, in either order): decides again, close if still done, else go on.
     */
    private void workersDrained() {
        if (state != State.FINISHING) {
            return; // stopped or failed meanwhile
        }
        if (LaneProgress.of(lanes, settings).isDone(ActivityRule.Phase.CONNECTED)) {
            LOG.debug("{}: replication complete, closing", settings.name());
            moveTo(State.CLOSING);
            connection.close(ErrorCodes.WebSocket.CLOSE_NORMAL, "");
        } else {
            moveTo(State.CONNECTED);
        }
        statusMayHaveChanged();
    }

    @Override
    public String toString() {
        return "ReplicatorCore{" + settings.name() + "}";
    }
}
