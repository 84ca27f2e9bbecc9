package org.c4j.replicator.internal.push;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.c4j.Document;
import org.c4j.Revision;
import org.c4j.blip.OutgoingMessage;
import org.c4j.replicator.internal.db.DbAccess;
import org.c4j.replicator.internal.db.RevDelta;
import org.c4j.replicator.internal.wire.NoRevMessage;
import org.c4j.replicator.internal.wire.RemoteSequence;
import org.c4j.replicator.internal.wire.ReplWire;
import org.c4j.replicator.internal.wire.RevBody;
import org.c4j.replicator.internal.wire.RevHistory;
import org.c4j.replicator.internal.wire.RevMessage;

/**
 * Builds the message that delivers one revision to the peer (LiteCore's {@code Pusher::sendRevision}): a compressed
 * {@code rev} with the revision's properties, its history cut at what the peer has, and its JSON body; or, if the
 * revision can no longer be read, a no-reply {@code norev} with status 404 (document gone) or 410 (revision
 * obsolete: a newer one replaced it and its body is gone). The body is a delta ({@code deltaSrc}) when the peer
 * takes them and {@link RevDelta} finds one worth sending.
 *
 * <p>Stateless; thread-safe. Reads the database on the calling thread.
 */
public final class RevSender {
    /**
     * @param message   the message to send
     * @param bodyBytes size of the body (for flow control)
     * @param error     0 for a {@code rev}; the {@code norev} status otherwise
     * @param deltaSrc  the base revision if the body is a delta, else null
     */
    record Built(OutgoingMessage message, int bodyBytes, int error, String deltaSrc) {
    }

    private RevSender() {
    }

    /**
     * @param snapshot the document as the changes feed read it and found unchanged when the peer answered the
     *                 change list ({@link ChangesFeedReader#checkSnapshots}), or null to read it now
     */
    static Built build(DbAccess db, RevToSend rev, Document snapshot, int collectionIndex) {
        Document doc = snapshot != null ? snapshot : db.get(rev.docId);
        Revision revision = doc == null ? null : doc.revision(rev.revId);
        if (revision == null || revision.body() == null) {
            int status = doc == null ? ReplWire.STATUS_NOT_FOUND : ReplWire.STATUS_GONE;
            NoRevMessage norev = new NoRevMessage(rev.docId, rev.revId, RemoteSequence.of(rev.sequence), status, null);
            return new Built(message(norev.properties(), collectionIndex).noReply(true).build(), 0, status, null);
        }
        List<String> history = RevHistory.build(doc.history(rev.revId), rev.maxHistory, rev.ancestorsKnownToPeer(),
                ThreadLocalRandom.current());
        // LiteCore drops the leading revision itself; if a known ancestor displaced it (maxHistory 1) nothing is sent.
        List<String> ancestors = history.get(0).equals(rev.revId) ? RevHistory.ancestorsOnly(history) : List.of();
        boolean legacy = rev.legacyAttachments && revision.hasAttachments();
        RevDelta.Outgoing delta = rev.deltaOk && !legacy && !revision.deleted()
                ? RevDelta.create(db, doc, revision.body(), rev.deltaBaseCandidates()) : null;
        RevMessage props = new RevMessage(rev.docId, rev.revId, RemoteSequence.of(rev.sequence), revision.deleted(),
                ancestors, rev.noConflicts, delta == null ? null : delta.deltaSrc(), 0);
        byte[] body = delta != null ? delta.json() : RevBody.json(revision.body(), legacy, revision.generation());
        return new Built(message(props.properties(), collectionIndex).compressed(true).body(body).build(),
                body.length, 0, delta == null ? null : delta.deltaSrc());
    }

    private static OutgoingMessage.Builder message(Map<String, String> properties, int collectionIndex) {
        OutgoingMessage.Builder b = OutgoingMessage.builder();
        properties.forEach(b::property);
        if (collectionIndex >= 0) {
            b.property(ReplWire.COLLECTION, Integer.toString(collectionIndex));
        }
        return b;
    }
}
