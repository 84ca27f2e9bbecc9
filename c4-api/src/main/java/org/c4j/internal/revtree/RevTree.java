package org.c4j.internal.revtree;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.c4j.internal.Errors;

/**
 * A document's revision tree with LiteCore's rules: insertion of new revisions and of revisions with their history
 * (the replicator's path), the current revision by priority (leaves first, then non-conflict, then live before
 * deleted, then open before closed, then the higher revID), conflicts as more than one active leaf, pruning to a
 * maximum depth, purging branches, per-remote "latest revision" markers and rejected-revision markers.
 *
 * <p>Revisions are kept in priority order after {@link #sort()} (done lazily by the accessors), so the current
 * revision is the first. Not thread-safe: a tree is a private working copy of one operation.
 */
public final class RevTree {
    /** Remote ID meaning "no remote". */
    public static final int NO_REMOTE = 0;

    private static final Comparator<Rev> PRIORITY = RevTree::compareRevs;

    private final List<Rev> revs = new ArrayList<>();
    private final TreeMap<Integer, Rev> remoteRevs = new TreeMap<>();
    private final List<Rev> rejected = new ArrayList<>();
    private boolean sorted = true;
    private boolean changed;

    public RevTree() {
    }

    /** Used by the codec to rebuild a stored tree (already in priority order). */
    RevTree(List<Rev> decoded, Map<Integer, Rev> remotes, List<Rev> rejectedRevs) {
        revs.addAll(decoded);
        remoteRevs.putAll(remotes);
        rejected.addAll(rejectedRevs);
    }

    public int size() {
        return revs.size();
    }

    public boolean isEmpty() {
        return revs.isEmpty();
    }

    /** True if anything changed since loading (or since {@link #clearChanged()}). */
    public boolean changed() {
        return changed;
    }

    public void clearChanged() {
        changed = false;
    }

    /** All revisions in priority order (current first). */
    public List<Rev> revisions() {
        sort();
        return Collections.unmodifiableList(revs);
    }

    public Rev get(RevId id) {
        for (Rev r : revs) {
            if (r.id.equals(id)) {
                return r;
            }
        }
        return null;
    }

    public Rev currentRevision() {
        sort();
        return revs.isEmpty() ? null : revs.get(0);
    }

    /** An active revision takes part in conflicts: a leaf that is live, or deleted but some remote's current one. */
    public boolean isActive(Rev r) {
        return r.isLeaf() && (!r.isDeleted() || isLatestRemoteRevision(r));
    }

    /**
     * True if a revision other than the current one is active, as LiteCore decides on a sorted tree: the second
     * revision in priority order is an active leaf. This also covers a local tombstone that stays current beside a
     * live leaf pulled as a conflict (conflict-flagged leaves sort after the others).
     */
    public boolean hasConflict() {
        sort();
        return revs.size() > 1 && isActive(revs.get(1));
    }

    public boolean hasNewRevisions() {
        for (Rev r : revs) {
            if (r.isNew() || r.sequence == 0) {
                return true;
            }
        }
        return false;
    }

    /** True if any revision's body references blobs. */
    public boolean hasAttachments() {
        for (Rev r : revs) {
            if (r.hasAttachments()) {
                return true;
            }
        }
        return false;
    }

    // ---- insertion

    /**
     * Adds a new leaf as a child of {@code parent} (null: a root). Returns null if {@code id} already exists.
     * Throws CONFLICT if {@code allowConflict} is false and the parent isn't a leaf (or, for a root, the tree isn't
     * empty); throws INVALID_PARAMETER if the generation isn't the parent's + 1.
     */
    public Rev insert(RevId id, byte[] body, int flags, Rev parent, boolean allowConflict, boolean markConflict) {
        if (get(id) != null) {
            return null;
        }
        long parentGen;
        if (parent != null) {
            if (!allowConflict && !parent.isLeaf()) {
                throw Errors.conflict("parent revision " + parent.id + " is not a leaf");
            }
            parentGen = parent.id.generation();
        } else {
            if (!allowConflict && !revs.isEmpty()) {
                throw Errors.conflict("document already exists");
            }
            parentGen = 0;
        }
        if (id.generation() != parentGen + 1) {
            throw Errors.invalid("revision " + id + " is not the next generation of its parent");
        }
        return addRev(id, body, parent, flags, markConflict);
    }

    /**
     * Adds a revision with its history ({@code history.get(0)} is the new revision, then its parent, ...), inserting
     * the missing ancestors without bodies. Returns the index in {@code history} of the first revision already in
     * the tree (the common ancestor), i.e. how many revisions were new; 0 means the revision already existed.
     * Throws BAD_REVISION_ID for a history whose generations aren't consecutive (except a gap deeper than
     * {@code pruneDepth - 1}), CONFLICT if {@code allowConflict} is false and the insertion would branch.
     */
    public int insertHistory(List<RevId> history, byte[] body, int flags, boolean allowConflict,
                             boolean markConflict, int pruneDepth) {
        if (history.isEmpty()) {
            throw Errors.invalid("empty revision history");
        }
        long lastGen = 0;
        Rev parent = null;
        int i;
        for (i = 0; i < history.size(); i++) {
            long gen = history.get(i).generation();
            if (lastGen > 0 && gen != lastGen - 1 && !(gen < lastGen && i >= pruneDepth - 1)) {
                throw Errors.badRevId("bad revision history (non-sequential)");
            }
            lastGen = gen;
            parent = get(history.get(i));
            if (parent != null) {
                break;
            }
        }
        if (!allowConflict && ((parent != null && !parent.isLeaf()) || (parent == null && !revs.isEmpty()))) {
            throw Errors.conflict("revision " + history.get(0) + " would create a conflict");
        }
        if (i > 0) {
            for (int j = i - 1; j > 0; j--) {
                parent = addRev(history.get(j), null, parent, 0, markConflict);
            }
            addRev(history.get(0), body, parent, flags, markConflict);
        }
        return i;
    }

    private Rev addRev(RevId id, byte[] body, Rev parent, int flags, boolean markConflict) {
        int keep = flags & (Rev.DELETED | Rev.CLOSED | Rev.HAS_ATTACHMENTS | Rev.KEEP_BODY);
        Rev rev = new Rev(id, parent, Rev.LEAF | Rev.NEW | keep, body, 0);
        if (parent != null) {
            if (markConflict && (!parent.isLeaf() || parent.isConflict())) {
                rev.addFlag(Rev.IS_CONFLICT);
            }
            parent.clearFlag(Rev.LEAF);
        } else if (markConflict && !revs.isEmpty()) {
            rev.addFlag(Rev.IS_CONFLICT);
        }
        revs.add(rev);
        if ((keep & Rev.KEEP_BODY) != 0) {
            keepBody(rev);
        }
        changed = true;
        if (revs.size() > 1) {
            sorted = false;
        }
        return rev;
    }

    // ---- conflicts and bodies

    /** Clears the conflict flag on a branch; on the winning branch keeps only the newest keep-body mark. */
    public void markBranchAsNotConflict(Rev branch, boolean winningBranch) {
        boolean keepBodies = winningBranch;
        for (Rev r = branch; r != null; r = r.parent) {
            if (r.isConflict()) {
                r.clearFlag(Rev.IS_CONFLICT);
                changed = true;
                if (!winningBranch) {
                    return;
                }
            }
            if (r.keepsBody()) {
                if (keepBodies) {
                    keepBodies = false;
                } else {
                    r.clearFlag(Rev.KEEP_BODY);
                    changed = true;
                }
            }
        }
    }

    /** Marks a revision's body as kept; only one revision per branch keeps its body (remote revisions excepted). */
    public void keepBody(Rev rev) {
        rev.addFlag(Rev.KEEP_BODY);
        boolean conflict = rev.isConflict();
        for (Rev a = rev.parent; a != null; a = a.parent) {
            if (conflict && !a.isConflict()) {
                break;
            }
            if (!isLatestRemoteRevision(a)) {
                a.clearFlag(Rev.KEEP_BODY);
            }
        }
        changed = true;
    }

    public void removeBody(Rev rev) {
        if (rev.body != null) {
            rev.body = null;
            rev.clearFlag(Rev.KEEP_BODY | Rev.HAS_ATTACHMENTS);
            changed = true;
        }
    }

    /** Drops the bodies of saved revisions that are no longer leaves (unless kept or a remote's latest). */
    public void removeNonLeafBodies() {
        for (Rev r : revs) {
            // a remote's latest revision keeps its body too: it is the base of the delta we push it next
            if (r.body != null && (r.flags & (Rev.LEAF | Rev.NEW | Rev.KEEP_BODY)) == 0 && !isLatestRemoteRevision(r)) {
                r.body = null;
                r.clearFlag(Rev.HAS_ATTACHMENTS);
                changed = true;
            }
        }
    }

    // ---- removal

    /** Removes ancestors deeper than {@code maxDepth} below any leaf (kept bodies and remote revisions stay). */
    public int prune(int maxDepth) {
        if (maxDepth <= 0) {
            throw new IllegalArgumentException("maxDepth must be positive");
        }
        if (revs.size() <= maxDepth) {
            return 0;
        }
        int pruned = 0;
        for (Rev r : revs) {
            if (r.isLeaf()) {
                int depth = 0;
                for (Rev a = r; a != null; a = a.parent) {
                    if (++depth > maxDepth && !a.keepsBody() && !a.isMarkedForPurge()) {
                        a.addFlag(Rev.PURGE);
                        pruned++;
                    }
                }
            }
        }
        for (Rev r : remoteRevs.values()) {
            if (r.isMarkedForPurge()) {
                r.clearFlag(Rev.PURGE);
                pruned--;
            }
        }
        if (pruned == 0) {
            return 0;
        }
        for (Rev r : revs) {
            if (!r.isMarkedForPurge()) {
                while (r.parent != null && r.parent.isMarkedForPurge()) {
                    r.parent = r.parent.parent;
                }
            }
        }
        compact();
        return pruned;
    }

    /** Removes a leaf and its ancestors not shared with another branch; returns how many revisions went. */
    public int purge(RevId leafId) {
        Rev rev = get(leafId);
        if (rev == null || !rev.isLeaf()) {
            return 0;
        }
        int n = 0;
        do {
            n++;
            rev.addFlag(Rev.PURGE);
            Rev parent = rev.parent;
            rev.parent = null;
            rev = parent;
        } while (rev != null && confirmLeaf(rev));
        compact();
        checkForResolvedConflict();
        return n;
    }

    private boolean confirmLeaf(Rev test) {
        for (Rev r : revs) {
            if (r.parent == test && !r.isMarkedForPurge()) {
                return false;
            }
        }
        test.addFlag(Rev.LEAF);
        return true;
    }

    private void compact() {
        revs.removeIf(Rev::isMarkedForPurge);
        remoteRevs.values().removeIf(Rev::isMarkedForPurge);
        rejected.removeIf(Rev::isMarkedForPurge);
        changed = true;
    }

    // ---- order and saving

    /** Priority order: higher priority first. */
    private static int compareRevs(Rev a, Rev b) {
        if (a.isLeaf() != b.isLeaf()) {
            return a.isLeaf() ? -1 : 1;
        }
        if (a.isConflict() != b.isConflict()) {
            return a.isConflict() ? 1 : -1;
        }
        if (a.isDeleted() != b.isDeleted()) {
            return a.isDeleted() ? 1 : -1;
        }
        if (a.isClosed() != b.isClosed()) {
            return a.isClosed() ? 1 : -1;
        }
        return b.id.compareTo(a.id);
    }

    public void sort() {
        if (sorted) {
            return;
        }
        revs.sort(PRIORITY);
        sorted = true;
        checkForResolvedConflict();
    }

    /** If no non-conflict leaf is left, the best conflicting branch becomes the main one. */
    private void checkForResolvedConflict() {
        if (sorted && !revs.isEmpty() && revs.get(0).isConflict()) {
            markBranchAsNotConflict(revs.get(0), true);
        }
    }

    /** After a save at {@code sequence}: new revisions get it and stop being new. */
    public void saved(long sequence) {
        for (Rev r : revs) {
            r.clearFlag(Rev.NEW);
            if (r.sequence == 0) {
                r.sequence = sequence;
            }
        }
    }

    /** Makes a revision look unsaved so the next save gives it a fresh sequence (a resolved conflict's winner). */
    public void resetSequence(Rev rev) {
        rev.sequence = 0;
        changed = true;
    }

    // ---- remotes

    public boolean isLatestRemoteRevision(Rev rev) {
        return remoteRevs.containsValue(rev);
    }

    public Rev latestRevisionOnRemote(int remote) {
        checkRemote(remote);
        return remoteRevs.get(remote);
    }

    /** Records (or with null, forgets) the revision a remote peer is known to have. */
    public void setLatestRevisionOnRemote(int remote, Rev rev) {
        checkRemote(remote);
        if (rev != null) {
            remoteRevs.put(remote, rev);
        } else {
            remoteRevs.remove(remote);
        }
        changed = true;
    }

    public Map<Integer, Rev> remoteRevisions() {
        return Collections.unmodifiableMap(remoteRevs);
    }

    public void markRejected(Rev rev) {
        if (!rejected.contains(rev)) {
            rejected.add(rev);
            changed = true;
        }
    }

    public boolean isRejected(Rev rev) {
        return rejected.contains(rev);
    }

    List<Rev> rejectedRevisions() {
        return rejected;
    }

    private static void checkRemote(int remote) {
        if (remote <= NO_REMOTE) {
            throw Errors.invalid("invalid remote ID " + remote);
        }
    }

    @Override
    public String toString() {
        sort();
        StringBuilder sb = new StringBuilder("RevTree{");
        for (Rev r : revs) {
            sb.append("\n  ").append(r);
            for (Map.Entry<Integer, Rev> e : remoteRevs.entrySet()) {
                if (e.getValue() == r) {
                    sb.append(" <-remote#").append(e.getKey());
                }
            }
        }
        return sb.append("}").toString();
    }
}
