package org.c4j.replicator.internal.pull;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

import org.c4j.blip.IncomingMessage;
import org.c4j.blip.OutgoingMessage;
import org.c4j.replicator.internal.core.Activity;
import org.c4j.replicator.internal.core.Direction;
import org.c4j.replicator.internal.core.DocumentEnded;
import org.c4j.replicator.internal.db.RevDelta;
import org.c4j.replicator.internal.core.ReplContext;
import org.c4j.replicator.internal.core.ReplTuning;
import org.c4j.replicator.internal.core.WorkerStatus;
import org.c4j.replicator.internal.push.Pusher;
import org.c4j.replicator.internal.wire.ChangeEntry;
import org.c4j.replicator.internal.wire.ChangeReply;
import org.c4j.replicator.internal.wire.ChangesCodec;
import org.c4j.replicator.internal.wire.NoRevMessage;
import org.c4j.replicator.internal.wire.ProposalReply;
import org.c4j.replicator.internal.wire.ProposedChange;
import org.c4j.replicator.internal.wire.RemoteSequence;
import org.c4j.replicator.internal.wire.ReplWire;
import org.c4j.replicator.internal.wire.RevMessage;
import org.c4j.replicator.internal.wire.SubChanges;
import org.c4j.socket.C4Exception;
import org.c4j.socket.ErrorCodes;
import org.c4j.socket.ErrorDomain;
import org.c4j.socket.OptionKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The side of a replicator that receives revisions, after LiteCore's {@code Puller} (with its {@code RevFinder},
 * {@code IncomingRev} and {@code Inserter}):
 * <ul>
 *   <li>active: {@link #startActive} sends {@code subChanges}; the peer answers with {@code changes} batches, then an
 *       empty one when caught up;</li>
 *   <li>{@code changes}/{@code proposeChanges}: answered with the revisions wanted ({@link RevFinder}); while more
 *       than {@link ReplTuning#MAX_REVS_BEING_REQUESTED} requested revisions haven't arrived, further lists wait
 *       unanswered, which throttles the peer;</li>
 *   <li>{@code rev}: validated, body parsed, admitted ({@link RevAdmission}: pull filter, access), missing blobs
 *       downloaded ({@link BlobFetcher}), then inserted in batches ({@link Inserter}); the reply goes out only
 *       after the transaction committed. At most {@link ReplTuning#MAX_ACTIVE_INCOMING_REVS} revisions are not yet
 *       inserted (a revision counts out once inside its transaction, before the commit) ({@link RevSlots}); later
 *       ones wait;</li>
 *   <li>after an active pull inserted a conflicting revision, the conflict is resolved ({@link ConflictResolution});</li>
 *   <li>{@code norev}: the peer can't send a revision it offered: that document ends with its error.</li>
 * </ul>
 * Remote sequences of an active pull go to the checkpointer as pending when offered and completed when inserted,
 * refused, not wanted or failed permanently (a transient failure keeps the checkpoint before it). One-shot work is
 * done (activity STOPPED) once caught up with nothing in flight; a continuous or passive puller is then IDLE.
 *
 * <p>Thread-safe: the handlers may be called on the connection's executor; they only enqueue onto the puller's own
 * serial executor, which owns all state below. Inserts run on the inserter's executor.
 */
public final class Puller {
    private static final Logger LOG = LoggerFactory.getLogger(Puller.class);

    /**
     * READY: created (a passive puller stays here). PULLING: subChanges sent. CAUGHT_UP: the peer sent its backlog.
     * Transitions only in {@link #moveTo}.
     */
    enum State {
        READY, PULLING, CAUGHT_UP, STOPPED;

        boolean canMoveTo(State next) {
            return switch (next) {
                case PULLING -> this == READY;
                case CAUGHT_UP -> this == PULLING;
                case STOPPED -> this != STOPPED;
                case READY -> false;
            };
        }
    }

    private final ReplContext ctx;
    private final Executor worker;
    private final RevFinder revFinder;
    private final BlobFetcher blobFetcher;
    private final Inserter inserter;
    private final boolean noIncomingConflicts;
    /** Take deltas (LiteCore: unless {@code noDeltas}); announced once, in the first non-empty change-list reply. */
    private final boolean deltasEnabled;

    // ---- owned by the worker executor
    private State state = State.READY;
    private boolean continuous;
    private final ArrayDeque<IncomingMessage> waitingChanges = new ArrayDeque<>();
    private final ArrayDeque<IncomingMessage> waitingRevs = new ArrayDeque<>();
    /** Sequences of revisions requested and not yet received (active only): the checkpointer's pending keys. */
    private final ExpectedSequences expected = new ExpectedSequences();
    /** Requested, active and unfinished incoming revisions. */
    private final RevSlots slots = new RevSlots();
    private boolean announcedDeltas;
    private long completed;
    private long total;
    private WorkerStatus lastStatus;

    public Puller(ReplContext ctx) {
        this.ctx = ctx;
        this.worker = ctx.newWorkerExecutor("puller");
        this.noIncomingConflicts = ctx.options().getBool(OptionKeys.NO_INCOMING_CONFLICTS, false);
        this.deltasEnabled = !ctx.options().getBool(OptionKeys.NO_DELTAS, false);
        this.revFinder = new RevFinder(ctx.db(), ctx.remoteId(), deltasEnabled);
        this.blobFetcher = new BlobFetcher(ctx, worker);
        this.inserter = new Inserter(ctx.db(), ctx.remoteId(), noIncomingConflicts,
                ctx.newWorkerExecutor("puller-insert"), ctx.ownInserts(),
                batch -> worker.execute(guard(() -> batch.forEach(slots::inserted))),
                batch -> worker.execute(guard(() -> inserted(batch))));
    }

    // ---- entry points (any thread)

    /** Starts an active pull after {@code sinceRemoteSeq} (a {@link RemoteSequence}, or null: from the start). */
    public void startActive(Object sinceRemoteSeq, boolean continuous) {
        worker.execute(guard(() -> start(sinceRemoteSeq, continuous)));
    }

    public void handleChanges(IncomingMessage rq) {
        worker.execute(guard(() -> onChangeList(rq)));
    }

    public void handleProposeChanges(IncomingMessage rq) {
        worker.execute(guard(() -> onChangeList(rq)));
    }

    public void handleRev(IncomingMessage rq) {
        worker.execute(guard(() -> onRev(rq)));
    }

    public void handleNoRev(IncomingMessage rq) {
        worker.execute(guard(() -> onNoRev(rq)));
    }

    /** Stops: nothing more is inserted or requested; requests still arriving are refused with 503. */
    public void stop() {
        worker.execute(guard(this::onStop));
    }

    private void moveTo(State next) {
        if (!state.canMoveTo(next)) {
            throw new IllegalStateException("Puller: bad transition " + state + " -> " + next);
        }
        LOG.debug("puller of {}: {} -> {}", ctx.db().spec(), state, next);
        state = next;
    }

    // ---- active start

    private void start(Object since, boolean continuous) {
        moveTo(State.PULLING);
        this.continuous = continuous;
        RemoteSequence from = since == null || since instanceof RemoteSequence ? (RemoteSequence) since
                : RemoteSequence.fromValue(since);
        OutgoingMessage.Builder rq = OutgoingMessage.builder();
        SubChanges sub = SubChanges.forPull(ctx.options(), from, continuous,
                from == null && ctx.db().lastSequence() == 0);
        sub.properties().forEach(rq::property);
        if (ctx.collectionIndex() >= 0) {
            rq.property(ReplWire.COLLECTION, Integer.toString(ctx.collectionIndex()));
        }
        rq.body(sub.body());
        LOG.info("Starting pull from remote seq '{}'", from);
        ctx.connection().send(rq.build()).whenCompleteAsync((reply, failure) -> guard(() -> {
            if (reply != null && reply.isError()) {
                C4Exception e = ReplWire.errorOf(reply);
                LOG.warn("subChanges refused: {}", e.getMessage());
                ctx.fatal(e);
            }
        }).run(), worker);
    }

    // ---- changes / proposeChanges

    private void onChangeList(IncomingMessage rq) {
        if (refusedWhenStopped(rq)) {
            return;
        }
        if (!waitingChanges.isEmpty() || !slots.mayAnswerChangeList()) {
            waitingChanges.add(rq); // keeps order: a later (even empty) list waits behind this one
            return;
        }
        answerChangeList(rq);
    }

    private void answerWaitingChanges() {
        while (!waitingChanges.isEmpty() && slots.mayAnswerChangeList()) {
            answerChangeList(waitingChanges.poll());
        }
    }

    private void answerChangeList(IncomingMessage rq) {
        boolean proposed = ReplWire.PROPOSE_CHANGES.equals(rq.profile());
        boolean passive = state == State.READY;
        try {
            if (!proposed && passive && noIncomingConflicts) {
                // conflict-free rev-trees mode: the pusher must use proposeChanges (it switches on this 409)
                ReplWire.USE_PROPOSE_CHANGES.respondTo(rq);
                return;
            }
            List<?> entries = proposed ? ChangesCodec.decodeProposals(rq.body()) : ChangesCodec.decodeChanges(rq.body());
            if (entries.isEmpty()) {
                if (!proposed && state == State.PULLING) {
                    LOG.info("Caught up with remote changes");
                    moveTo(State.CAUGHT_UP);
                }
                rq.respond(OutgoingMessage.builder().build());
                return;
            }
            if (rq.isNoReply()) {
                LOG.warn("Ignoring a no-reply '{}' message with {} entries", rq.profile(), entries.size());
                return;
            }
            OutgoingMessage.Builder reply = OutgoingMessage.builder().compressed(true)
                    .property(ReplWire.MAX_HISTORY, Integer.toString(ReplTuning.DEFAULT_MAX_HISTORY))
                    .property(ReplWire.BLOBS, ReplWire.TRUE);
            if (deltasEnabled && !announcedDeltas) {
                reply.property(ReplWire.DELTAS, ReplWire.TRUE);
                announcedDeltas = true;
            }
            int wanted = proposed ? answerProposals(castList(entries), rq, reply)
                    : answerChanges(castList(entries), passive, reply);
            slots.requested(wanted);
            total += wanted;
            rq.respond(reply.build());
        } catch (C4Exception e) {
            LOG.warn("Can't answer '{}': {}", rq.profile(), e.getMessage());
            ReplWire.toBlipError(e).respondTo(rq);
        }
    }

    private int answerChanges(List<ChangeEntry> changes, boolean passive, OutgoingMessage.Builder reply) {
        List<ChangeReply> answers = revFinder.findRevs(changes, passive);
        int wanted = 0;
        for (int i = 0; i < changes.size(); i++) {
            boolean want = answers.get(i).isWanted();
            wanted += want ? 1 : 0;
            if (!passive && changes.get(i).isRevocation()) {
                ctx.documentEnded(Revocation.apply(ctx.db(), changes.get(i),
                        ctx.options().getBool(OptionKeys.AUTO_PURGE, true)));
            }
            if (!passive) {
                RemoteSequence seq = changes.get(i).sequence();
                ctx.checkpointer().pullPending(seq);
                if (want) {
                    expected.add(seq);
                } else {
                    ctx.checkpointer().pullCompleted(seq);
                }
            }
        }
        reply.body(ChangesCodec.encodeChangesReply(answers));
        return wanted;
    }

    private int answerProposals(List<ProposedChange> changes, IncomingMessage rq, OutgoingMessage.Builder reply) {
        List<ProposalReply> answers = revFinder.findProposed(changes);
        int wanted = (int) answers.stream().filter(ProposalReply::isAccepted).count();
        boolean includeRev = ReplWire.parseBool(rq.property(ReplWire.CONFLICT_INCLUDES_REV), false);
        reply.body(ChangesCodec.encodeProposalsReply(answers, includeRev));
        return wanted;
    }

    // ---- rev / norev

    private void onRev(IncomingMessage rq) {
        if (refusedWhenStopped(rq)) {
            return;
        }
        if (!slots.mayStart()) {
            waitingRevs.add(rq);
            return;
        }
        startRev(rq);
    }

    /** A requested revision arrived (rev or norev): room for more change lists. */
    private void revReceived() {
        slots.received();
        answerWaitingChanges();
    }

    private void startRev(IncomingMessage rq) {
        revReceived();
        slots.started();
        IncomingRev rev;
        try {
            rev = new IncomingRev(rq, RevMessage.parse(rq.properties(), state != State.READY),
                    expected.take(rq.property(ReplWire.SEQUENCE)));
        } catch (C4Exception e) {
            finish(IncomingRev.malformed(rq, expected.take(rq.property(ReplWire.SEQUENCE)), e));
            return;
        }
        RevMessage msg = rev.rev;
        if (msg.peerError() != 0) {
            LOG.warn("Peer was unable to send '{}' #{}: error {}", msg.docId(), msg.revId(), msg.peerError());
            rq.respond(OutgoingMessage.builder().build()); // LiteCore answers OK and ends the document with 502
            rev.error = new C4Exception(ErrorDomain.WEBSOCKET, ReplWire.STATUS_BAD_GATEWAY,
                    "Peer failed to send revision");
            ended(rev);
        } else if (msg.deltaSrc() != null && !deltasEnabled) {
            reRequestWithoutDelta(rev, "deltas not supported");
        } else {
            prepare(rev);
        }
    }

    /** Parses the body, applies the pull filter, fetches missing blobs, then hands the revision to the inserter. */
    private void prepare(IncomingRev rev) {
        ctx.hooks().revReceived(ctx.db().spec(), rev.rev.docId(), rev.rev.revId(), rev.rev.deltaSrc(),
                rev.message.body().length);
        try {
            rev.parseBody(ctx.db());
        } catch (C4Exception e) {
            if (rev.rev.deltaSrc() != null && RevDelta.isDeltaFailure(e)) {
                LOG.info("Can't apply the delta of '{}' #{} (base {}): {}; asking for the full body",
                        rev.rev.docId(), rev.rev.revId(), rev.rev.deltaSrc(), e.getMessage());
                reRequestWithoutDelta(rev, e.getMessage());
                return;
            }
            rev.error = e;
            finish(rev);
            return;
        }
        if (!RevAdmission.admit(ctx, rev, state == State.READY)) {
            finish(rev);
            return;
        }
        RevMessage msg = rev.rev;
        if (rev.blobs().isEmpty()) {
            inserter.insert(rev);
            return;
        }
        blobFetcher.fetchMissing(msg.docId(), rev.blobs()).whenCompleteAsync((v, failure) -> guard(() -> {
            if (failure != null) {
                rev.error = asC4(failure);
                finish(rev);
            } else {
                inserter.insert(rev);
            }
        }).run(), worker);
    }

    /**
     * A delta we can't use (deltas off, unknown base, corrupt delta) gets HTTP 422, on which LiteCore's pusher
     * resends the full revision at once without a new change list (Pusher+Revs.cc, CBL-986): so the revision is
     * still expected (LiteCore's {@code revReRequested}).
     */
    private void reRequestWithoutDelta(IncomingRev rev, String why) {
        rev.message.respondWithError(ReplWire.DOMAIN_HTTP, ReplWire.STATUS_UNPROCESSABLE, why);
        if (rev.expectedSequence != null) {
            expected.add(rev.expectedSequence);
        }
        slots.reRequested();
    }

    private void inserted(List<IncomingRev> batch) {
        for (IncomingRev rev : batch) {
            finish(rev);
        }
    }

    /** Replies to the rev (success only if it was stored), resolves a conflict it made, and ends the document. */
    private void finish(IncomingRev rev) {
        if (rev.error == null) {
            rev.message.respond(OutgoingMessage.builder().build());
            if (state != State.READY && rev.document != null
                    && ConflictResolution.createdConflict(rev.document, rev.rev.revId())) {
                resolveConflict(rev);
            }
        } else {
            ReplWire.toBlipError(rev.error).respondTo(rev.message);
        }
        ended(rev);
    }

    private void resolveConflict(IncomingRev rev) {
        try {
            ConflictResolution.resolve(ctx.db(), ctx.hooks().resolver(), rev.rev.docId(), rev.rev.revId());
        } catch (RuntimeException e) {
            LOG.warn("Resolving the conflict in '{}' failed: {}", rev.rev.docId(), e.toString());
            rev.error = asC4(e);
        }
    }

    private void ended(IncomingRev rev) {
        C4Exception error = rev.error;
        if (rev.expectedSequence != null && (error == null || !error.isTransient())) {
            ctx.checkpointer().pullCompleted(rev.expectedSequence);
        }
        ctx.documentEnded(new DocumentEnded(Direction.PULL, ctx.db().spec(), rev.rev.docId(),
                rev.rev.revId(), rev.rev.deleted(), error));
        completed++;
        slots.ended(rev);
    }

    private void startWaitingRevs() {
        while (!waitingRevs.isEmpty() && slots.mayStart() && state != State.STOPPED) {
            startRev(waitingRevs.poll());
        }
    }

    private void onNoRev(IncomingMessage rq) {
        if (refusedWhenStopped(rq)) {
            return;
        }
        revReceived();
        NoRevMessage msg = NoRevMessage.parse(rq.properties());
        RemoteSequence seq = expected.take(rq.property(ReplWire.SEQUENCE));
        rq.respond(OutgoingMessage.builder().build());
        if (seq != null) {
            ctx.checkpointer().pullCompleted(seq);
        }
        int status = msg.error() != 0 ? msg.error() : ReplWire.STATUS_NOT_FOUND;
        ctx.documentEnded(new DocumentEnded(Direction.PULL, ctx.db().spec(), msg.docId(), msg.revId(), false,
                new C4Exception(ErrorDomain.WEBSOCKET, status,
                        msg.reason() != null ? msg.reason() : "peer could not send the revision")));
        completed++;
    }

    // ---- stop, status, errors

    private void onStop() {
        if (state == State.STOPPED) {
            return;
        }
        moveTo(State.STOPPED);
        inserter.close();
        waitingChanges.forEach(this::refusedWhenStopped);
        waitingChanges.clear();
        waitingRevs.forEach(this::refusedWhenStopped);
        waitingRevs.clear();
    }

    private boolean refusedWhenStopped(IncomingMessage rq) {
        if (state != State.STOPPED) {
            return false;
        }
        rq.respondWithError(ReplWire.DOMAIN_HTTP, ErrorCodes.WebSocket.HTTP_SERVICE_UNAVAILABLE, "replicator stopped");
        return true;
    }

    /** LiteCore's {@code computeActivityLevel}: busy while anything is in flight or the backlog isn't through. */
    private Activity activity() {
        if (state == State.STOPPED) {
            return Activity.STOPPED;
        }
        if (slots.busy() || !waitingChanges.isEmpty() || !waitingRevs.isEmpty()
                || state == State.PULLING) {
            return Activity.BUSY;
        }
        return state == State.READY || continuous ? Activity.IDLE : Activity.STOPPED;
    }

    private void reportStatus() {
        WorkerStatus s = new WorkerStatus(activity(), completed, total);
        if (!s.equals(lastStatus)) {
            lastStatus = s;
            ctx.workerStatus(Direction.PULL, s);
        }
    }

    /**
     * Runs a worker task; an unexpected exception is a bug that stops the replicator. Then starts revisions that
     * waited for room (here rather than where room appears, so a run of quick failures doesn't recurse) and reports
     * the status if it changed.
     */
    private Runnable guard(Runnable task) {
        return () -> {
            try {
                task.run();
                startWaitingRevs();
            } catch (RuntimeException e) {
                LOG.error("Puller failed", e);
                ctx.fatal(asC4(e));
            }
            reportStatus();
        };
    }


    /** The C4 error behind a failure (unwrapping a future's wrapper); anything else is an unexpected error. */
    static C4Exception asC4(Throwable t) {
        Throwable cause = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
        return cause instanceof C4Exception c ? c
                : new C4Exception(ErrorDomain.LITECORE, ErrorCodes.LiteCore.UNEXPECTED_ERROR, cause.toString(), cause);
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T> castList(List<?> list) {
        return (List<T>) list;
    }
}
