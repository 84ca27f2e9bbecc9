package org.c4j.replicator.internal.db;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.c4j.Body;
import org.c4j.Document;
import org.c4j.socket.C4Exception;
import org.c4j.socket.ErrorCodes;
import org.c4j.socket.ErrorDomain;

/**
 * Delta sync for one {@code rev}, both ways (LiteCore's {@code Pusher::createRevisionDelta} and
 * {@code DBAccess::applyDelta}).
 *
 * <p>Sending: the first candidate base (the proposed parent, or the ancestors the peer listed, in order) that this
 * side has is the only one tried, as in LiteCore; a tombstone or a base whose body is gone means no delta.
 * {@link DbAccess#deltaToSend} decides whether the delta beats the body.
 *
 * <p>Receiving: the base is the revision {@code deltaSrc} names, from the tree or the kept previous bodies; a delta
 * that mentions {@code _attachments} applies to the base in legacy form, as in LiteCore. An unknown base is
 * {@code (LITECORE, DELTA_BASE_UNKNOWN)}, a delta that doesn't apply {@code (LITECORE, CORRUPT_DELTA)}: both go back
 * to the sender as HTTP 422, which makes it resend the full body.
 *
 * <p>Stateless; thread-safe. Reads the database on the calling thread.
 */
public final class RevDelta {
    /** HTTP status a receiver answers a delta it can't use with (LiteCore maps its delta errors to it). */
    public static final int STATUS_UNPROCESSABLE = 422;

    private static final byte[] ATTACHMENTS_KEY =
            ("\"" + DbAccess.ATTACHMENTS_PROPERTY + "\"").getBytes(StandardCharsets.US_ASCII);

    /** A delta to send: the base revision and the delta's JSON. */
    public record Outgoing(String deltaSrc, byte[] json) {
    }

    private RevDelta() {
    }

    /** The delta to send instead of {@code body}, or null to send the body whole. */
    public static Outgoing create(DbAccess db, Document doc, Body body, List<String> candidates) {
        for (String base : candidates) {
            if (doc.revision(base) == null && db.previousBody(doc.id(), base) == null) {
                continue; // not here at all: LiteCore's selectRevision fails and it tries the next one
            }
            Body baseBody = DeltaBases.sendableBase(db, doc, base);
            if (baseBody == null) {
                return null; // a tombstone, or its body is gone
            }
            byte[] json = DbAccess.deltaToSend(baseBody, body);
            return json == null ? null : new Outgoing(base, json);
        }
        return null;
    }

    /**
     * The body {@code deltaJson} makes of revision {@code deltaSrc} of {@code docId}.
     *
     * @param toLegacy turns a base into its legacy-attachments form (used when the delta mentions
     *                 {@code _attachments})
     */
    public static Body apply(DbAccess db, String docId, String deltaSrc, byte[] deltaJson,
                             UnaryOperator<Map<String, Object>> toLegacy) {
        Document doc = db.get(docId);
        Body base = doc == null ? null : DeltaBases.body(db, doc, deltaSrc);
        if (base == null) {
            throw new C4Exception(ErrorDomain.LITECORE, ErrorCodes.LiteCore.DELTA_BASE_UNKNOWN,
                    "Couldn't apply delta: Don't have body of '" + docId + "' #" + deltaSrc);
        }
        if (base.mayHaveBlobs() && contains(deltaJson, ATTACHMENTS_KEY)) {
            base = Body.fromMap(toLegacy.apply(base.toMap()));
        }
        return DbAccess.applyDelta(base, deltaJson);
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /** True for the errors a receiver answers with 422 so that the full body comes instead. */
    public static boolean isDeltaFailure(C4Exception e) {
        return (e.domain() == ErrorDomain.LITECORE && (e.code() == ErrorCodes.LiteCore.DELTA_BASE_UNKNOWN
                || e.code() == ErrorCodes.LiteCore.CORRUPT_DELTA))
                || (e.domain() == ErrorDomain.WEBSOCKET && e.code() == STATUS_UNPROCESSABLE);
    }
}
