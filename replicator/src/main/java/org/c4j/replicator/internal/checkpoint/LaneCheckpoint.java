package org.c4j.replicator.internal.checkpoint;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.c4j.blip.IncomingMessage;
import org.c4j.blip.OutgoingMessage;
import org.c4j.replicator.internal.core.CoreSettings;
import org.c4j.replicator.internal.core.Lane;
import org.c4j.replicator.internal.core.ReplTuning;
import org.c4j.replicator.internal.core.ReplicatorCore;
import org.c4j.replicator.internal.wire.RemoteSequence;
import org.c4j.replicator.internal.wire.ReplWire;
import org.c4j.socket.C4Exception;
import org.c4j.socket.OptionKeys;

/**
 * The active side's checkpoint of one {@link Lane}, after LiteCore's Replicator + Checkpointer: reads the local
 * copy, fetches the peer's ({@code getCheckpoint}, or a {@code getCollections} entry), resets the starting points
 * that disagree, and saves progress — {@code checkpointInterval} seconds after it moves while a worker is busy, and
 * at once when a worker goes idle or stops or when it moves while both are idle (else a continuous replicator would
 * stay BUSY for the interval after catching up) — first on the peer ({@code setCheckpoint} with the previous MVCC {@code rev}; on 409 it
 * re-reads the peer's rev and tries again) and then locally.
 *
 * <p>Runs on the core's executor only (replies and timers are enqueued there); not thread-safe.
 */
public final class LaneCheckpoint {
    /** Life cycle; transitions only through {@link #moveTo}. */
    private enum State {
        /** The peer's copy (and its rev) is not known yet: saves wait. */
        AWAITING_PEER,
        /** Nothing being saved. */
        READY,
        /** A setCheckpoint (or the re-read after its 409) is in flight. */
        SAVING,
        /** The connection ended: nothing more is saved. */
        STOPPED;

        boolean canMoveTo(State next) {
            return switch (this) {
                case AWAITING_PEER -> next == READY || next == STOPPED;
                case READY -> next == SAVING || next == STOPPED;
                case SAVING -> next == READY || next == STOPPED;
                case STOPPED -> false;
            };
        }
    }

    private final ReplicatorCore core;
    private final Lane lane;
    private final String id;
    private final Duration interval;
    private CheckpointBody local;
    private String remoteRev = "";
    private State state = State.AWAITING_PEER;
    /** A save was asked for while the state didn't allow one: do it as soon as it does. */
    private boolean saveRequested;
    private long savedLocal;
    private Object savedRemote;
    private ScheduledFuture<?> timer;

    public LaneCheckpoint(ReplicatorCore core, Lane lane) {
        this.core = core;
        this.lane = lane;
        CoreSettings s = core.settings();
        this.id = LocalCheckpoints.checkpointId(core.db(), s.options(), s.remoteUrl(), lane.spec(),
                s.isCollectionAware(), s.pull().isActive(), s.push().isActive());
        long seconds = s.options().getLong(OptionKeys.CHECKPOINT_INTERVAL, 0);
        this.interval = seconds > 0 ? Duration.ofSeconds(seconds) : ReplTuning.CHECKPOINT_SAVE_DELAY;
    }

    public String id() {
        return id;
    }

    private void moveTo(State next) {
        if (!state.canMoveTo(next)) {
            throw new IllegalStateException("LaneCheckpoint: bad transition " + state + " -> " + next);
        }
        state = next;
    }

    /** Reads the local checkpoint (unless {@code reset}) and sets the tracker's starting points from it. */
    public void loadLocal(boolean reset) {
        local = reset ? null : LocalCheckpoints.read(core.db(), id);
        if (local == null) {
            startFrom(0, null);
        } else {
            startFrom(local.localMinSequence(), local.remote());
        }
    }

    /** True if a local checkpoint was found: then replication waits for the peer's copy to validate it. */
    public boolean hadLocal() {
        return local != null;
    }

    private void startFrom(long localSeq, Object remoteSeq) {
        lane.tracker().reset(localSeq, remoteSeq);
        savedLocal = localSeq;
        savedRemote = remoteSeq;
    }

    /** Legacy mode: asks the peer for its copy ({@code getCheckpoint}); the lane starts when it arrives. */
    public void requestRemote() {
        OutgoingMessage.Builder msg = OutgoingMessage.request(ReplWire.GET_CHECKPOINT).property(ReplWire.CLIENT, id);
        addCollection(msg);
        core.connection().send(msg.build()).whenComplete((reply, err) -> core.enqueue(() -> {
            if (err != null || state == State.STOPPED) {
                return; // the connection is gone; the core reports why
            }
            if (reply.isError()) {
                if (!(ReplWire.DOMAIN_HTTP.equals(reply.errorDomain())
                        && reply.errorCode() == ReplWire.STATUS_NOT_FOUND)) {
                    core.fatal(ReplWire.errorOf(reply));
                    return;
                }
                gotRemote(null, "");
            } else {
                gotRemote(parse(reply), Objects.requireNonNullElse(reply.property(ReplWire.REV_ID), ""));
            }
        }));
    }

    private static CheckpointBody parse(IncomingMessage reply) {
        try {
            return CheckpointBody.decode(reply.body());
        } catch (C4Exception e) {
            return null; // LiteCore logs an unparseable checkpoint and treats it as empty
        }
    }

    /**
     * The peer's copy arrived (null: it has none): validates the local checkpoint against it like LiteCore's
     * {@code validateWith} — different completed sets reset the push side to 0, different remote sequences reset
     * the pull side — and starts the lane.
     */
    public void gotRemote(CheckpointBody body, String rev) {
        if (state != State.AWAITING_PEER) {
            return;
        }
        moveTo(State.READY);
        remoteRev = rev;
        if (local != null) {
            CheckpointBody theirs = body != null ? body : CheckpointBody.empty(0);
            long localSeq = local.completed().equals(theirs.completed()) ? local.localMinSequence() : 0;
            Object remoteSeq = local.remote() == null || local.remote().equals(theirs.remote()) ? local.remote() : null;
            startFrom(localSeq, remoteSeq);
        }
        core.startLane(lane);
        if (saveRequested) {
            saveRequested = false;
            save();
        }
    }

    /** Unsaved progress, or a save in flight: the replicator counts as busy. */
    public boolean isUnsaved() {
        return state == State.SAVING || (state != State.STOPPED && dirty());
    }

    private boolean dirty() {
        CheckpointTracker t = lane.tracker();
        return t.localCheckpoint() != savedLocal || !Objects.equals(t.remoteCheckpoint(), savedRemote);
    }

    /** Progress moved ({@code now} false: save after the interval) or a worker went idle ({@code now}: save now). */
    public void saveSoon(boolean now) {
        if (state == State.STOPPED || !dirty()) {
            return;
        }
        if (now) {
            save();
        } else if (timer == null && state != State.SAVING) {
            timer = core.settings().scheduler().schedule(() -> core.enqueue(this::timerFired),
                    interval.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void timerFired() {
        timer = null;
        save();
    }

    private void save() {
        if (state == State.STOPPED || !dirty() || !core.isConnected()) {
            return;
        }
        if (state != State.READY) {
            saveRequested = true; // after the peer's rev is known / after the save in flight
            return;
        }
        cancelTimer();
        moveTo(State.SAVING);
        long localSeq = lane.tracker().localCheckpoint();
        Object remoteSeq = lane.tracker().remoteCheckpoint();
        SequenceSet completed = new SequenceSet();
        completed.add(0, localSeq + 1);
        RemoteSequence r = remoteSeq == null || remoteSeq instanceof RemoteSequence
                ? (RemoteSequence) remoteSeq : RemoteSequence.fromValue(remoteSeq);
        long now = core.db().clockMillis() / 1000;
        byte[] json = new CheckpointBody(now, completed, r).encode();
        send(json, localSeq, remoteSeq);
    }

    private void send(byte[] json, long localSeq, Object remoteSeq) {
        OutgoingMessage.Builder msg = OutgoingMessage.request(ReplWire.SET_CHECKPOINT)
                .property(ReplWire.CLIENT, id).property(ReplWire.REV_ID, remoteRev);
        addCollection(msg);
        core.connection().send(msg.body(json).build()).whenComplete((reply, err) -> core.enqueue(() -> {
            if (err != null || state == State.STOPPED) {
                return;
            }
            if (reply.isError() && ReplWire.DOMAIN_HTTP.equals(reply.errorDomain())
                    && reply.errorCode() == ReplWire.STATUS_CONFLICT) {
                refreshThenResend(json, localSeq, remoteSeq);
                return;
            }
            if (reply.isError()) {
                core.reportError(ReplWire.errorOf(reply));
            } else {
                remoteRev = Objects.requireNonNullElse(reply.property(ReplWire.REV_ID), "");
                try {
                    LocalCheckpoints.write(core.db(), id, json);
                } catch (C4Exception e) {
                    core.reportError(e);
                }
            }
            saved(localSeq, remoteSeq);
        }));
    }

    /** HTTP 409: someone else saved; learn the peer's current rev, then save the same body over it. */
    private void refreshThenResend(byte[] json, long localSeq, Object remoteSeq) {
        OutgoingMessage.Builder msg = OutgoingMessage.request(ReplWire.GET_CHECKPOINT).property(ReplWire.CLIENT, id);
        addCollection(msg);
        core.connection().send(msg.build()).whenComplete((reply, err) -> core.enqueue(() -> {
            if (err != null || state == State.STOPPED) {
                return;
            }
            if (reply.isError() && !(ReplWire.DOMAIN_HTTP.equals(reply.errorDomain())
                    && reply.errorCode() == ReplWire.STATUS_NOT_FOUND)) {
                core.reportError(ReplWire.errorOf(reply));
                saved(localSeq, remoteSeq);
                return;
            }
            remoteRev = reply.isError() ? "" : Objects.requireNonNullElse(reply.property(ReplWire.REV_ID), "");
            send(json, localSeq, remoteSeq);
        }));
    }

    /** A save finished (a failed one counts too, as in LiteCore, so the replicator doesn't stay busy forever). */
    private void saved(long localSeq, Object remoteSeq) {
        moveTo(State.READY);
        savedLocal = localSeq;
        savedRemote = remoteSeq;
        if (saveRequested) {
            saveRequested = false;
            save();
        } else {
            saveSoon(lane.workersIdle()); // progress made during the save: at once if nothing else will save it
        }
        core.statusMayHaveChanged();
    }

    public void stopAutosave() {
        if (state != State.STOPPED) {
            moveTo(State.STOPPED);
        }
        cancelTimer();
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private void addCollection(OutgoingMessage.Builder msg) {
        if (lane.collectionIndex() >= 0) {
            msg.property(ReplWire.COLLECTION, Integer.toString(lane.collectionIndex()));
        }
    }
}
