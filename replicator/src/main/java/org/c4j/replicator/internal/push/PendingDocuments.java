package org.c4j.replicator.internal.push;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import org.c4j.Body;
import org.c4j.Change;
import org.c4j.ChangesOptions;
import org.c4j.CollectionSpec;
import org.c4j.Database;
import org.c4j.Document;
import org.c4j.replicator.ReplicationFilter;
import org.c4j.replicator.internal.checkpoint.CheckpointBody;
import org.c4j.replicator.internal.checkpoint.Checkpointer;
import org.c4j.replicator.internal.checkpoint.LocalCheckpoints;
import org.c4j.replicator.internal.checkpoint.SequenceSet;
import org.c4j.replicator.internal.db.DbAccess;
import org.c4j.socket.C4Exception;
import org.c4j.socket.ErrorCodes;
import org.c4j.socket.ErrorDomain;
import org.c4j.socket.OptionKeys;
import org.c4j.socket.OptionsDict;

/**
 * What a push replicator has not pushed yet, as LiteCore's {@code Checkpointer::pendingDocumentIDs} /
 * {@code isDocumentPending} compute it: documents whose current sequence is past the saved push checkpoint (and not
 * among its out-of-order completed sequences) and that pass the docIDs option (which takes precedence) or the push
 * filter. Reads the saved checkpoint, not a running replicator's progress.
 *
 * <p>Immutable after construction; thread-safe.
 */
public final class PendingDocuments {
    private final DbAccess collection;
    private final Set<String> docIds;
    private final ReplicationFilter pushFilter;
    private final SequenceSet completed;
    private final long since;

    /**
     * @throws C4Exception LITECORE UNSUPPORTED if the replicator doesn't push; NOT_FOUND if the collection doesn't
     *                     exist
     */
    public PendingDocuments(Database db, CollectionSpec spec, OptionsDict options, String remoteUrl,
                            boolean collectionAware, boolean pushes, boolean pulls, ReplicationFilter pushFilter) {
        if (!pushes) {
            throw new C4Exception(ErrorDomain.LITECORE, ErrorCodes.LiteCore.UNSUPPORTED,
                    "pending documents are only known for a push replicator");
        }
        DbAccess access = DbAccess.of(db);
        collection = access.forCollection(spec);
        if (collection == null) {
            throw new C4Exception(ErrorDomain.LITECORE, ErrorCodes.LiteCore.NOT_FOUND, "no collection " + spec);
        }
        List<String> ids = options.getStringList(OptionKeys.DOC_IDS);
        docIds = ids == null || ids.isEmpty() ? null : new HashSet<>(ids);
        this.pushFilter = docIds == null ? pushFilter : null;
        String id = LocalCheckpoints.checkpointId(access, options, remoteUrl, spec, collectionAware, pulls, pushes);
        CheckpointBody body = LocalCheckpoints.read(access, id);
        completed = body == null ? new SequenceSet() : body.completed();
        since = body == null ? 0 : body.localMinSequence();
    }

    /** Calls {@code action} with each pending document's current change, in sequence order. */
    public void forEachPending(Consumer<Change> action) {
        ChangesOptions opts = ChangesOptions.DEFAULT.withBodies(pushFilter != null);
        long after = since;
        List<Change> batch;
        do {
            batch = collection.changes(after, opts);
            for (Change c : batch) {
                after = c.sequence();
                if (!completed.contains(c.sequence()) && allowed(c.docId(), c.revId(), c.deleted(), c.body())) {
                    action.accept(c);
                }
            }
        } while (!batch.isEmpty());
    }

    /** Whether the document is pending. */
    public boolean isPending(String docId) {
        Document doc = collection.get(docId);
        return doc != null && doc.sequence() > since && !completed.contains(doc.sequence())
                && allowed(docId, doc.revId(), doc.isDeleted(), doc.body());
    }

    private boolean allowed(String docId, String revId, boolean deleted, Body body) {
        if (docIds != null) {
            return docIds.contains(docId);
        }
        return pushFilter == null || pushFilter.test(collection.spec(), docId, revId, deleted,
                deleted || body == null ? Body.empty() : body);
    }
}
