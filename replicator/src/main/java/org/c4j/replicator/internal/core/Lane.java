package org.c4j.replicator.internal.core;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;

import org.c4j.CollectionSpec;
import org.c4j.blip.BlipConnection;
import org.c4j.replicator.internal.checkpoint.CheckpointTracker;
import org.c4j.replicator.internal.checkpoint.Checkpointer;
import org.c4j.replicator.internal.checkpoint.LaneCheckpoint;
import org.c4j.replicator.internal.db.DbAccess;
import org.c4j.replicator.internal.pull.Puller;
import org.c4j.replicator.internal.push.Pusher;
import org.c4j.socket.C4Exception;
import org.c4j.socket.OptionsDict;
import org.c4j.socket.SerialExecutor;

/**
 * One collection of one {@link ReplicatorCore}: its pusher and puller, their last reported statuses, its checkpoint
 * tracker and (active side) its checkpoint. Implements the {@link ReplContext} its workers see.
 *
 * <p>The ReplContext methods are thread-safe (they hand their events to the core); everything else runs on the core's
 * executor.
 */
public final class Lane implements ReplContext {
    private final ReplicatorCore core;
    private final DbAccess db;
    private final int index;
    private final CheckpointTracker tracker;
    private final LaneCheckpoint checkpoint;
    private Pusher pusher;
    private Puller puller;
    private WorkerStatus pushStatus;
    private WorkerStatus pullStatus;
    private boolean started;
    private final List<Executor> executors = new CopyOnWriteArrayList<>();
    /** Passive push-and-pull: what the puller inserted, for the pusher not to echo; else null. */
    private final OwnInserts ownInserts;
    /**
     * Every event of the lane's workers on its way to the core (statuses, ended documents, checkpoint moves, fatal
     * errors), in the order they happened: one core task per burst, where a push reports two events per revision.
     */
    private final BatchedHandOff toCore;

    /**
     * @param index collection index on the wire; -1 in legacy mode
     */
    Lane(ReplicatorCore core, DbAccess db, int index) {
        this.core = core;
        this.db = db;
        this.index = index;
        this.toCore = new BatchedHandOff(core::enqueue, core::taskFailed);
        this.tracker = new CheckpointTracker(() -> toCore.submit(this::checkpointMoved));
        CoreSettings s = core.settings();
        this.checkpoint = s.isActive() ? new LaneCheckpoint(core, this) : null;
        this.pushStatus = initialStatus(s.push());
        this.pullStatus = initialStatus(s.pull());
        this.ownInserts = !s.isActive() && s.push() != ReplMode.DISABLED && s.pull() != ReplMode.DISABLED
                ? new OwnInserts(ReplTuning.MAX_OWN_INSERTS) : null;
    }

    /** Before a worker reports: an active direction counts as busy, a passive one as idle, a disabled one stopped. */
    private static WorkerStatus initialStatus(ReplMode mode) {
        Activity a = mode.isActive() ? Activity.BUSY : mode == ReplMode.PASSIVE ? Activity.IDLE : Activity.STOPPED;
        return new WorkerStatus(a, 0, 0);
    }

    /** Creates the workers for the enabled directions (after the connection exists). */
    void createWorkers() {
        CoreSettings s = core.settings();
        if (s.push() != ReplMode.DISABLED) {
            pusher = new Pusher(this);
        }
        if (s.pull() != ReplMode.DISABLED) {
            puller = new Puller(this);
        }
    }

    /** Starts the active directions from the tracker's values; once. */
    void startActive() {
        if (started) {
            return;
        }
        started = true;
        CoreSettings s = core.settings();
        if (s.push().isActive()) {
            pusher.startActive(tracker.localCheckpoint(), s.push() == ReplMode.CONTINUOUS);
        }
        if (s.pull().isActive()) {
            puller.startActive(tracker.remoteCheckpoint(), s.pull() == ReplMode.CONTINUOUS);
        }
    }

    boolean isStarted() {
        return started;
    }

    void stopWorkers() {
        if (pusher != null) {
            pusher.stop();
        }
        if (puller != null) {
            puller.stop();
        }
        if (checkpoint != null) {
            checkpoint.stopAutosave();
        }
    }

    Pusher pusher() {
        return pusher;
    }

    Puller puller() {
        return puller;
    }

    public CheckpointTracker tracker() {
        return tracker;
    }

    /** The active side's checkpoint; null on a passive lane. */
    LaneCheckpoint checkpoint() {
        return checkpoint;
    }

    WorkerStatus status(Direction d) {
        return d == Direction.PUSH ? pushStatus : pullStatus;
    }

    /** Core executor: a worker reported. */
    void setStatus(Direction d, WorkerStatus s) {
        if (d == Direction.PUSH) {
            pushStatus = s;
        } else {
            pullStatus = s;
        }
        if (checkpoint != null && (s.activity() == Activity.IDLE || s.activity() == Activity.STOPPED)) {
            checkpoint.saveSoon(true); // LiteCore saves at once when a direction goes idle or stops
        }
    }

    /** The more active of the two workers. */
    Activity workersLevel() {
        return ActivityRule.max(pushStatus.activity(), pullStatus.activity());
    }

    boolean checkpointUnsaved() {
        return checkpoint != null && checkpoint.isUnsaved();
    }

    /**
     * True while neither direction is busy: progress made now (a pusher passing over the revisions its puller just
     * inserted, a reply that lands after the worker went idle) will not be followed by an idle transition that
     * would save it, so the checkpoint saves it at once instead of after the autosave interval.
     */
    public boolean workersIdle() {
        return workersLevel().compareTo(Activity.IDLE) <= 0;
    }

    private void checkpointMoved() {
        if (checkpoint != null) {
            checkpoint.saveSoon(workersIdle());
        }
        core.statusMayHaveChanged();
    }

    public CollectionSpec spec() {
        return db.spec();
    }

    // ---- ReplContext (thread-safe) ----

    @Override
    public DbAccess db() {
        return db;
    }

    @Override
    public int collectionIndex() {
        return index;
    }

    @Override
    public BlipConnection connection() {
        return core.connection();
    }

    @Override
    public OptionsDict options() {
        return core.settings().options();
    }

    @Override
    public int remoteId() {
        return core.remoteId();
    }

    @Override
    public ReplicationHooks hooks() {
        return core.settings().hooks();
    }

    @Override
    public org.c4j.replicator.internal.access.AccessGate access() {
        return core.settings().access();
    }

    @Override
    public Checkpointer checkpointer() {
        return tracker;
    }

    @Override
    public OwnInserts ownInserts() {
        return ownInserts;
    }

    @Override
    public void workerStatus(Direction direction, WorkerStatus status) {
        toCore.submit(() -> core.workerStatus(this, direction, status));
    }

    @Override
    public void documentEnded(DocumentEnded event) {
        toCore.submit(() -> core.documentEnded(event));
    }

    @Override
    public void fatal(C4Exception error) {
        toCore.submit(() -> core.doFatal(error));
    }

    @Override
    public Executor newWorkerExecutor(String name) {
        SerialExecutor e = new SerialExecutor(core.settings().executor(), core.settings().name() + "/" + spec() + "/"
                + name, core::taskFailed);
        executors.add(e);
        return e;
    }

    /** The workers' executors: the core drains them before it declares a one-shot replication finished. */
    List<Executor> workerExecutors() {
        return executors;
    }
}
