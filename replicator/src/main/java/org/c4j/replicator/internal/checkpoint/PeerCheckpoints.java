package org.c4j.replicator.internal.checkpoint;

import org.c4j.Body;
import org.c4j.LocalDocument;
import org.c4j.blip.IncomingMessage;
import org.c4j.blip.OutgoingMessage;
import org.c4j.replicator.internal.core.ReplTuning;
import org.c4j.replicator.internal.db.DbAccess;
import org.c4j.replicator.internal.wire.BlipError;
import org.c4j.replicator.internal.wire.ReplWire;
import org.c4j.socket.C4Exception;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The passive side's store of its peers' checkpoints, answering {@code getCheckpoint} and {@code setCheckpoint}
 * like LiteCore: each checkpoint is a local document (ID {@value #DOC_PREFIX} + the peer's {@code client} ID) whose
 * meta is its MVCC revision {@code <n>-cc}; the body is stored as received, never parsed.
 *
 * <p>Thread-safe: a set is a compare-and-swap inside one write transaction (the database's write lock).
 */
public final class PeerCheckpoints {
    /** Local-document ID prefix: LiteCore keeps peer checkpoints in their own store ({@code peerCheckpoints}). */
    public static final String DOC_PREFIX = "peerCheckpoints/";
    /** Local document counting the distinct client IDs given a checkpoint ({@link ReplTuning#MAX_PEER_CHECKPOINTS}). */
    static final String COUNT_DOC = "peerCheckpointCount";

    private static final Logger LOG = LoggerFactory.getLogger(PeerCheckpoints.class);

    /** What {@link #handleSet}'s transaction decided: the new rev, or the refusal to answer with. */
    private record SetOutcome(String rev, BlipError refusal) {
    }

    private final DbAccess db;

    public PeerCheckpoints(DbAccess db) {
        this.db = db;
    }

    /** A stored checkpoint: its revision and JSON body. */
    public record Stored(String rev, String json) {
    }

    /** The checkpoint stored for {@code clientId}, or null. */
    public Stored get(String clientId) {
        LocalDocument doc = db.localDocument(DOC_PREFIX + clientId);
        return doc == null ? null : new Stored(doc.meta() == null ? "" : doc.meta(), doc.json());
    }

    /** Answers a {@code getCheckpoint} request: {@code rev} + body, HTTP 404 if none, HTTP 502 if reading failed. */
    public void handleGet(IncomingMessage rq) {
        String client = clientOf(rq);
        if (client == null) {
            return;
        }
        Stored stored;
        try {
            stored = get(client);
        } catch (C4Exception e) {
            LOG.warn("reading peer checkpoint {} failed", client, e);
            ReplWire.CHECKPOINT_READ_FAILED.respondTo(rq);
            return;
        }
        if (stored == null) {
            ReplWire.NO_CHECKPOINT.respondTo(rq);
            return;
        }
        rq.respond(OutgoingMessage.builder().property(ReplWire.REV_ID, stored.rev()).body(stored.json()).build());
    }

    /**
     * Answers a {@code setCheckpoint} request: stores the body if the request's {@code rev} is the stored one
     * ({@code ""} or absent when there is none) and replies the new {@code rev}; HTTP 409 "revision ID mismatch"
     * otherwise.
     */
    public void handleSet(IncomingMessage rq) {
        String client = clientOf(rq);
        if (client == null) {
            return;
        }
        String given = rq.property(ReplWire.REV_ID);
        if (rq.body().length > ReplTuning.MAX_PEER_CHECKPOINT_BODY) {
            LOG.warn("refusing a {}-byte checkpoint body from {}", rq.body().length, client);
            ReplWire.CHECKPOINT_TOO_LARGE.respondTo(rq);
            return;
        }
        SetOutcome outcome;
        try {
            // One write transaction (the database's write lock makes it a compare-and-swap across connections): the
            // stored rev is checked, and a new client is counted only together with its stored checkpoint (a crash
            // or a malformed body between the two used to leave the count one higher, for ever).
            outcome = db.inBatch(() -> {
                LocalDocument doc = db.localDocument(DOC_PREFIX + client);
                String actual = doc == null ? "" : validRevOrEmpty(doc.meta());
                if (!actual.equals(given == null ? "" : given)) {
                    return new SetOutcome(null, ReplWire.CHECKPOINT_REV_MISMATCH);
                }
                if (doc == null && !countNewClient()) {
                    return new SetOutcome(null, ReplWire.TOO_MANY_CHECKPOINTS);
                }
                String rev = (generation(actual) + 1) + ReplWire.CHECKPOINT_REV_SUFFIX;
                db.putLocalDocument(DOC_PREFIX + client, rev, rq.bodyAsString());
                return new SetOutcome(rev, null);
            });
        } catch (C4Exception e) {
            LOG.warn("saving peer checkpoint {} failed", client, e);
            ReplWire.toBlipError(e).respondTo(rq);
            return;
        }
        if (outcome.refusal() != null) {
            if (outcome.refusal() == ReplWire.TOO_MANY_CHECKPOINTS) {
                LOG.warn("refusing a checkpoint for a new client: {} peer checkpoints stored already",
                        ReplTuning.MAX_PEER_CHECKPOINTS);
            }
            outcome.refusal().respondTo(rq);
            return;
        }
        rq.respond(OutgoingMessage.builder().property(ReplWire.REV_ID, outcome.rev()).build());
    }

    /**
     * Counts one more client ID with a checkpoint, unless the cap is reached (then false). The count is a local
     * document, so the cap holds across restarts. Called inside {@link #handleSet}'s write transaction.
     */
    private boolean countNewClient() {
        LocalDocument counter = db.localDocument(COUNT_DOC);
        long count = counter != null && Body.fromJson(counter.json()).toMap().get("count") instanceof Number n
                ? n.longValue() : 0;
        if (count >= ReplTuning.MAX_PEER_CHECKPOINTS) {
            return false;
        }
        db.putLocalDocument(COUNT_DOC, null, "{\"count\":" + (count + 1) + "}");
        return true;
    }

    private static String clientOf(IncomingMessage rq) {
        String client = rq.property(ReplWire.CLIENT);
        if (client == null || client.isEmpty()) {
            ReplWire.MISSING_CHECKPOINT_ID.respondTo(rq);
            return null;
        }
        if (client.length() > ReplTuning.MAX_PEER_CHECKPOINT_ID) {
            ReplWire.CHECKPOINT_ID_TOO_LONG.respondTo(rq);
            return null;
        }
        return client;
    }

    /** A stored revision that doesn't parse as {@code <n>-...} counts as none, as in LiteCore. */
    private static String validRevOrEmpty(String meta) {
        return meta != null && generation(meta) > 0 ? meta : "";
    }

    private static long generation(String rev) {
        int dash = rev.indexOf('-');
        return dash <= 0 ? 0 : ReplWire.parseLong(rev.substring(0, dash), 0);
    }
}
