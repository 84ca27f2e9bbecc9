package org.c4j;

import java.util.List;

/**
 * A revision from a peer with its history, for {@link Collection#insertExisting} (the replicator's path):
 * {@code history.get(0)} is the revision itself, then its parent, grandparent, ... (as far as the peer sent).
 *
 * <ul>
 *   <li>{@code allowConflict}: if false, a revision that would branch the tree is refused with CONFLICT.</li>
 *   <li>{@code remoteId}: the peer ({@link Database#remoteId}); non-zero marks conflicting branches as
 *       conflicts (never current while a local branch exists), records this revision as the peer's current one
 *       and keeps its body as a merge base. 0: no peer.</li>
 *   <li>{@code external}: observers see the change as external (true for revisions pulled by a replicator).</li>
 * </ul>
 *
 * <p>Immutable; thread-safe.
 */
public record InsertRequest(String docId, List<String> history, Body body, boolean deleted, boolean allowConflict,
                            int remoteId, boolean external) {
    public InsertRequest {
        history = List.copyOf(history);
        if (body == null) {
            body = Body.empty();
        }
    }

    /** A live revision, conflicts refused, no peer, not external. */
    public static InsertRequest of(String docId, List<String> history, Body body) {
        return new InsertRequest(docId, history, body, false, false, 0, false);
    }

    public InsertRequest withDeleted(boolean d) {
        return new InsertRequest(docId, history, body, d, allowConflict, remoteId, external);
    }

    public InsertRequest withAllowConflict(boolean a) {
        return new InsertRequest(docId, history, body, deleted, a, remoteId, external);
    }

    public InsertRequest withRemoteId(int r) {
        return new InsertRequest(docId, history, body, deleted, allowConflict, r, external);
    }

    public InsertRequest withExternal(boolean e) {
        return new InsertRequest(docId, history, body, deleted, allowConflict, remoteId, e);
    }
}
