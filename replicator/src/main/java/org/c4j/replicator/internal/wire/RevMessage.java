package org.c4j.replicator.internal.wire;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.c4j.replicator.internal.core.ReplTuning;
import org.c4j.replicator.internal.db.DbAccess;
import org.c4j.replicator.internal.pull.IncomingRev;
import org.c4j.socket.C4Exception;
import org.c4j.socket.ErrorDomain;

/**
 * The properties of a {@code rev} message, which carries one revision; its body is the revision's JSON (a delta
 * when {@code deltaSrc} is set), {@link #EMPTY_BODY} for an empty body or a tombstone.
 *
 * @param sequence    the sender's sequence (required from a passive pusher; the active puller checkpoints it)
 * @param history     ancestors newest first, without {@code revId} itself (see {@link RevHistory})
 * @param noConflicts the receiver must refuse the revision if it would create a conflict
 * @param deltaSrc    revID the body is a delta against, or null
 * @param peerError   a non-zero {@code error} property: the sender failed to read the revision after promising it
 *
 * <p>Immutable; thread-safe.
 */
public record RevMessage(String docId, String revId, RemoteSequence sequence, boolean deleted, List<String> history,
                         boolean noConflicts, String deltaSrc, int peerError) {
    /** What LiteCore sends as the body of a revision with no properties (every tombstone in the vectors). */
    public static final byte[] EMPTY_BODY = "{}".getBytes(StandardCharsets.US_ASCII);

    public RevMessage {
        Objects.requireNonNull(docId, "docId");
        Objects.requireNonNull(revId, "revId");
        history = List.copyOf(history);
    }

    /** A revision to send: no delta, no error. */
    public static RevMessage of(String docId, String revId, long sequence, boolean deleted, List<String> history,
                                boolean noConflicts) {
        return new RevMessage(docId, revId, RemoteSequence.of(sequence), deleted, history, noConflicts, null, 0);
    }

    /**
     * The properties in LiteCore's order ({@code Profile}, id, rev, sequence, noconflicts, deleted, history, deltaSrc),
     * flags as {@code "1"}, absent ones omitted. The map is fresh and mutable so the caller can add
     * {@code collection}.
     */
    public Map<String, String> properties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put(ReplWire.PROFILE, ReplWire.REV);
        p.put(ReplWire.ID, docId);
        p.put(ReplWire.REV_ID, revId);
        if (sequence != null) {
            p.put(ReplWire.SEQUENCE, sequence.toJson());
        }
        if (noConflicts) {
            p.put(ReplWire.NO_CONFLICTS, ReplWire.ONE);
        }
        if (deleted) {
            p.put(ReplWire.DELETED, ReplWire.ONE);
        }
        if (!history.isEmpty()) {
            p.put(ReplWire.HISTORY, String.join(",", history));
        }
        if (deltaSrc != null) {
            p.put(ReplWire.DELTA_SRC, deltaSrc);
        }
        if (peerError != 0) {
            p.put(ReplWire.ERROR, Integer.toString(peerError));
        }
        return p;
    }

    /**
     * Reads and validates a received rev's properties as LiteCore's IncomingRev does; failures are
     * {@code C4Exception(WEBSOCKET, 400)} with LiteCore's messages, which go back to the sender as HTTP 400.
     * Validation is skipped when {@code error} is set (the revision won't be inserted).
     *
     * @param sequenceRequired true for an active puller, which must checkpoint the sequence
     */
    public static RevMessage parse(Map<String, String> properties, boolean sequenceRequired) {
        String docId = properties.getOrDefault(ReplWire.ID, "");
        String revId = properties.getOrDefault(ReplWire.REV_ID, "");
        int peerError = (int) ReplWire.parseLong(properties.get(ReplWire.ERROR), 0);
        RemoteSequence sequence = RemoteSequence.fromJson(properties.get(ReplWire.SEQUENCE));
        RevMessage m = new RevMessage(docId, revId, sequence,
                ReplWire.parseBool(properties.get(ReplWire.DELETED), false),
                splitHistory(properties.get(ReplWire.HISTORY)),
                ReplWire.parseBool(properties.get(ReplWire.NO_CONFLICTS), false),
                emptyToNull(properties.get(ReplWire.DELTA_SRC)), peerError);
        if (peerError != 0) {
            return m;
        }
        if (docId.isEmpty()) {
            throw badRequest("received invalid docID ''");
        }
        long generation = DbAccess.generationIfValid(revId);
        if (generation < 0) {
            throw badRequest("received invalid version ID");
        }
        if (sequence == null && sequenceRequired) {
            throw badRequest("received 'rev' message with missing 'sequence'");
        }
        checkHistory(generation, m.history());
        return m;
    }

    /**
     * A received history must be bounded ({@link ReplTuning#MAX_HISTORY_RECEIVED}), under the generation bound
     * ({@link ReplTuning#MAX_GENERATION_RECEIVED}) and in order: each ancestor a valid revision ID of a lower
     * generation than the one before it (not necessarily one lower: a history may skip to a known ancestor).
     */
    private static void checkHistory(long generation, List<String> history) {
        if (generation > ReplTuning.MAX_GENERATION_RECEIVED) {
            throw badRequest("revision generation " + generation + " is over the limit of "
                    + ReplTuning.MAX_GENERATION_RECEIVED);
        }
        if (history.size() > ReplTuning.MAX_HISTORY_RECEIVED) {
            throw badRequest("revision history of " + history.size() + " is over the limit of "
                    + ReplTuning.MAX_HISTORY_RECEIVED);
        }
        long previous = generation;
        for (String ancestor : history) {
            long g = DbAccess.generationIfValid(ancestor);
            if (g < 0 || g >= previous) {
                throw badRequest("invalid revision history: generation numbers not in order");
            }
            previous = g;
        }
    }

    /** The revision and its ancestors, newest first: what the database inserts ({@code RevToInsert::history}). */
    public List<String> fullHistory() {
        List<String> all = new ArrayList<>(history.size() + 1);
        all.add(revId);
        all.addAll(history);
        return all;
    }

    /** Splits a {@code history} property; null or empty gives an empty list. */
    public static List<String> splitHistory(String history) {
        if (history == null || history.isEmpty()) {
            return List.of();
        }
        return List.of(history.split(",", -1));
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static C4Exception badRequest(String message) {
        return new C4Exception(ErrorDomain.WEBSOCKET, ReplWire.STATUS_BAD_REQUEST, message);
    }
}
