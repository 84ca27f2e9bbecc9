package org.c4j.internal.repl;

import org.c4j.socket.SerialExecutor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.c4j.Collection;
import org.c4j.CollectionSpec;
import org.c4j.ReplicatorActivity;
import org.c4j.ReplicatorStatus;
import org.c4j.blip.BlipConfig;
import org.c4j.blip.BlipConnection;
import org.c4j.blip.ConnectionListener;
import org.c4j.blip.IncomingMessage;
import org.c4j.socket.C4Exception;
import org.c4j.socket.C4Socket;
import org.c4j.socket.ErrorCodes;
import org.c4j.socket.ErrorDomain;
import org.c4j.socket.OptionKeys;
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
    /** Life cycle; transitions only through {@link #moveTo}. */
    public enum State {
        CREATED, CONNECTING, CONNECTED, CLOSING, STOPPED;

        boolean canMoveTo(State next) {
            return switch (this) {
                case CREATED -> next == CONNECTING || next == STOPPED;
                case CONNECTING -> next == CONNECTED || next == CLOSING || next == STOPPED;
                case CONNECTED -> next == CLOSING || next == STOPPED;
                case CLOSING -> next == STOPPED;
                case STOPPED -> false;
            };
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(ReplicatorCore.class);
    private static final String[] LANE_PROFILES = {ReplWire.SUB_CHANGES, ReplWire.GET_ATTACHMENT,
        ReplWire.PROVE_ATTACHMENT, ReplWire.CHANGES, ReplWire.PROPOSE_CHANGES, ReplWire.REV, ReplWire.NOREV};

    private static final long MIN_STATUS_NANOS = ReplTuning.MIN_STATUS_INTERVAL.toNanos();

    private final CoreSettings settings;
    private final C4Socket socket;
    private final CoreObserver observer;
    private final SerialExecutor exec;
    private final AtomicBoolean startCalled = new AtomicBoolean();
    private final PeerCheckpoints peerCheckpoints;
    private volatile BlipConnection connection;
    private volatile int remoteId;

    // ---- core executor only ----
    private State state = State.CREATED;
    private List<Lane> lanes = List.of();
    private boolean closingByUs;
    private C4Exception fatalError;
    private C4Exception lastError;
    private long documentCount;
    private ReplicatorStatus published;
    private long publishedAt;
    private boolean statusDeferred;
    private boolean collectionsAware;
    private boolean draining;
    private boolean workersDrained;

    public ReplicatorCore(CoreSettings settings, C4Socket socket, CoreObserver observer) {
        this.settings = settings;
        this.socket = socket;
        this.observer = observer;
        this.exec = new SerialExecutor(settings.executor(), settings.name() + "/core");
        this.peerCheckpoints = new PeerCheckpoints(settings.database());
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

    // ---- package: for Lane and LaneCheckpoint ----

    CoreSettings settings() {
        return settings;
    }

    BlipConnection connection() {
        return connection;
    }

    int remoteId() {
        return remoteId;
    }

    void enqueue(Runnable task) {
        exec.execute(task);
    }

    boolean isConnected() {
        return state == State.CONNECTED;
    }

    /** A non-fatal error: shown in the status; reported as the final error if nothing worse happens. */
    void reportError(C4Exception e) {
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
    void startLane(Lane lane) {
        if (state == State.CONNECTED) {
            lane.startActive();
        }
        statusMayHaveChanged();
    }

    // ---- life cycle ----

    private void moveTo(State next) {
        if (!state.canMoveTo(next)) {
            throw new IllegalStateException("ReplicatorCore: bad transition " + state + " -> " + next);
        }
        state = next;
    }

    private void doStart() {
        if (state != State.CREATED) {
            return; // stopped before it started
        }
        moveTo(State.CONNECTING);
        BlipConfig.Builder cfg = BlipConfig.builder().executor(settings.executor()).name(settings.name());
        if (settings.options().keys().contains(OptionKeys.BLIP_COMPRESSION_LEVEL)) {
            cfg.compressionLevel(settings.options().getInt(OptionKeys.BLIP_COMPRESSION_LEVEL, 6));
        }
        BlipConnection conn = BlipConnection.create(socket, cfg.build());
        connection = conn;
        conn.setRequestHandler(ReplWire.GET_CHECKPOINT, rq -> exec.execute(() -> peerCheckpoints.handleGet(rq)));
        conn.setRequestHandler(ReplWire.SET_CHECKPOINT, rq -> exec.execute(() -> peerCheckpoints.handleSet(rq)));
        conn.setRequestHandler(ReplWire.GET_COLLECTIONS, rq -> exec.execute(() -> handleGetCollections(rq)));
        for (String profile : LANE_PROFILES) {
            conn.setRequestHandler(profile, rq -> exec.execute(() -> route(profile, rq)));
        }
        conn.addListener(new ConnectionListener() {
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
        remoteId = settings.database().remoteId(key);
        boolean aware = settings.isCollectionAware();
        List<Lane> list = new ArrayList<>();
        for (CollectionSpec spec : settings.collections()) {
            Collection c = settings.database().collection(spec);
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
    }

    private void gotHttpResponse(int status, Map<String, List<String>> headers) {
        if (status == 101 && header(headers, "Sec-WebSocket-Protocol") == null) {
            doFatal(new C4Exception(ErrorDomain.WEBSOCKET, ErrorCodes.WebSocket.CLOSE_PROTOCOL_ERROR,
                    "Incompatible replication protocol (missing 'Sec-WebSocket-Protocol' response header)"));
        }
    }

    private static String header(Map<String, List<String>> headers, String name) {
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (e.getKey() != null && e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                return e.getValue().get(0);
            }
        }
        return null;
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
            case CONNECTING, CONNECTED -> {
                closingByUs = true;
                moveTo(State.CLOSING);
                connection.close(ErrorCodes.WebSocket.CLOSE_NORMAL, "");
                statusMayHaveChanged();
            }
            default -> {
            }
        }
    }

    private void doFatal(C4Exception error) {
        if (state == State.STOPPED) {
            return;
        }
        LOG.warn("{}: stopping: {}", settings.name(), error.toString());
        if (fatalError == null) {
            fatalError = error;
        }
        if (state == State.CONNECTING || state == State.CONNECTED) {
            closeWith(error);
        }
        statusMayHaveChanged();
    }

    private void closeWith(C4Exception error) {
        closingByUs = true;
        moveTo(State.CLOSING);
        int code = error.isTransient() ? ErrorCodes.WebSocket.CLOSE_APP_TRANSIENT
                : ErrorCodes.WebSocket.CLOSE_APP_PERMANENT;
        connection.close(code, String.valueOf(error.getMessage()));
    }

    private void closed(C4Exception error) {
        if (state == State.STOPPED) {
            return;
        }
        C4Exception result = fatalError != null ? fatalError : error;
        if (result == null && settings.isActive() && !closingByUs) {
            result = new C4Exception(ErrorDomain.WEBSOCKET, ErrorCodes.WebSocket.CLOSE_GOING_AWAY,
                    "WebSocket connection closed by peer");
        }
        if (result == null) {
            result = lastError;
        }
        fatalError = result;
        for (Lane lane : lanes) {
            lane.stopWorkers();
        }
        moveTo(State.STOPPED);
        LOG.debug("{}: stopped ({})", settings.name(), result);
        statusMayHaveChanged();
    }

    // ---- routing ----

    private void route(String profile, IncomingMessage rq) {
        if (state == State.STOPPED) {
            return;
        }
        Lane lane = laneFor(rq);
        if (lane == null) {
            return;
        }
        boolean pushSide = profile.equals(ReplWire.SUB_CHANGES) || profile.equals(ReplWire.GET_ATTACHMENT)
                || profile.equals(ReplWire.PROVE_ATTACHMENT);
        if (pushSide ? lane.pusher() == null : lane.puller() == null) {
            PeerCheckpoints.respond(rq, settings.push() != ReplMode.DISABLED ? ReplWire.FORBIDDEN_PUSH_ENABLED
                    : ReplWire.FORBIDDEN_PUSH_DISABLED);
            return;
        }
        switch (profile) {
            case ReplWire.SUB_CHANGES -> lane.pusher().handleSubChanges(rq);
            case ReplWire.GET_ATTACHMENT -> lane.pusher().handleGetAttachment(rq);
            case ReplWire.PROVE_ATTACHMENT -> lane.pusher().handleProveAttachment(rq);
            case ReplWire.CHANGES -> lane.puller().handleChanges(rq);
            case ReplWire.PROPOSE_CHANGES -> lane.puller().handleProposeChanges(rq);
            case ReplWire.REV -> lane.puller().handleRev(rq);
            case ReplWire.NOREV -> lane.puller().handleNoRev(rq);
            default -> throw new IllegalArgumentException(profile);
        }
    }

    /** The lane a request is for (by its {@code collection} property); answers an error and returns null if none. */
    private Lane laneFor(IncomingMessage rq) {
        String prop = rq.property(ReplWire.COLLECTION);
        if (lanes.isEmpty() && !settings.isActive() && !collectionsAware) {
            if (prop != null) {
                rq.respondWithError(ReplWire.DOMAIN_BLIP, ReplWire.STATUS_BAD_REQUEST,
                        "'collection' property without a prior getCollections");
                return null;
            }
            setUpPassiveLanes(List.of(CollectionSpec.DEFAULT), false);
            if (lanes.isEmpty()) {
                rq.respondWithError(ReplWire.DOMAIN_HTTP, ReplWire.STATUS_NOT_FOUND,
                        "the default collection is not served");
                return null;
            }
        }
        if (lanes.isEmpty()) {
            rq.respondWithError(ReplWire.DOMAIN_HTTP, ReplWire.STATUS_NOT_FOUND, "no collections");
            return null;
        }
        if (prop == null) {
            return lanes.get(0); // LiteCore: a missing property means collection 0
        }
        long index = ReplWire.parseLong(prop, -1);
        if (index < 0 || index >= lanes.size() || lanes.get(0).collectionIndex() < 0) {
            rq.respondWithError(ReplWire.DOMAIN_BLIP, ReplWire.STATUS_BAD_REQUEST, "Unrecognized collection");
            return null;
        }
        return lanes.get((int) index);
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
            Collection c = settings.collections().contains(spec) ? settings.database().collection(spec) : null;
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
            statusMayHaveChanged();
        }
        return found;
    }

    private void handleGetCollections(IncomingMessage rq) {
        if (state == State.STOPPED) {
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

    /** Recomputes the status, closes a finished one-shot replication, and tells the observer if anything changed. */
    void statusMayHaveChanged() {
        Activity workers = Activity.STOPPED;
        boolean unsaved = false;
        long completed = 0;
        long total = 0;
        for (Lane lane : lanes) {
            workers = ActivityRule.max(workers, lane.workersLevel());
            unsaved |= lane.checkpointUnsaved();
            for (Direction d : Direction.values()) {
                completed += lane.status(d).completed();
                total += lane.status(d).total();
            }
        }
        if (settings.isActive() && lanes.stream().anyMatch(l -> !l.isStarted())) {
            workers = Activity.BUSY; // still waiting for checkpoints
        }
        ActivityRule.Phase phase = switch (state) {
            case CREATED, CONNECTING -> ActivityRule.Phase.CONNECTING;
            case CONNECTED -> ActivityRule.Phase.CONNECTED;
            case CLOSING -> ActivityRule.Phase.CLOSING;
            case STOPPED -> ActivityRule.Phase.CLOSED;
        };
        if (ActivityRule.isDone(phase, workers, unsaved, settings.isActive(), settings.isContinuous())) {
            if (workersDrained) {
                LOG.debug("{}: replication complete, closing", settings.name());
                closingByUs = true;
                moveTo(State.CLOSING);
                connection.close(ErrorCodes.WebSocket.CLOSE_NORMAL, "");
            } else {
                drainWorkersThenRecheck();
            }
            phase = ActivityRule.Phase.CLOSING; // busy until closed, as LiteCore reports it
        }
        Activity level = ActivityRule.level(phase, workers, unsaved);
        C4Exception error = fatalError != null ? fatalError : lastError;
        ReplicatorStatus status = new ReplicatorStatus(ReplicatorActivity.valueOf(level.name()), completed,
                Math.max(total, completed), documentCount, error);
        if (status.equals(published)) {
            return;
        }
        long now = System.nanoTime();
        boolean progressOnly = published != null && status.activity() == published.activity()
                && status.error() == published.error();
        long wait = progressOnly ? MIN_STATUS_NANOS - (now - publishedAt) : 0;
        if (wait > 0) {
            if (!statusDeferred) { // LiteCore reports mere progress at most every 200 ms
                statusDeferred = true;
                settings.scheduler().schedule(() -> exec.execute(() -> {
                    statusDeferred = false;
                    statusMayHaveChanged();
                }), wait, TimeUnit.NANOSECONDS);
            }
            return;
        }
        published = status;
        publishedAt = now;
        observer.statusChanged(status);
    }

    /**
     * Before closing a finished replication, lets every worker executor run what it has queued (a worker reports its
     * last status and a possible fatal error from one task, in either order), then decides again.
     */
    private void drainWorkersThenRecheck() {
        if (draining) {
            return;
        }
        draining = true;
        List<Executor> executors = new ArrayList<>();
        lanes.forEach(l -> executors.addAll(l.workerExecutors()));
        Runnable recheck = () -> {
            draining = false;
            workersDrained = true;
            statusMayHaveChanged();
            workersDrained = false;
        };
        AtomicInteger left = new AtomicInteger(executors.size());
        if (executors.isEmpty()) {
            exec.execute(recheck);
        }
        for (Executor e : executors) {
            e.execute(() -> {
                if (left.decrementAndGet() == 0) {
                    exec.execute(recheck);
                }
            });
        }
    }

    @Override
    public String toString() {
        return "ReplicatorCore{" + settings.name() + "}";
    }
}
