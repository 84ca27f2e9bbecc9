package org.c4j.internal.revtree;

/**
 * One revision in a {@link RevTree}: its ID, parent, flags, sequence and (for leaves and kept revisions) body.
 *
 * <p>Owned by its tree and mutated only through it; not thread-safe. The body array is shared, never modified.
 */
public final class Rev {
    /** A deletion (tombstone). */
    public static final int DELETED = 0x01;
    /** Has no children. */
    public static final int LEAF = 0x02;
    /** Inserted since the tree was loaded (not stored). */
    public static final int NEW = 0x04;
    /** The body references blobs. */
    public static final int HAS_ATTACHMENTS = 0x08;
    /** Keep the body even when no longer a leaf (e.g. the remote peer's current revision, a merge base). */
    public static final int KEEP_BODY = 0x10;
    /** On a conflicting branch that arrived from a remote; never chosen as current while a non-conflict leaf exists. */
    public static final int IS_CONFLICT = 0x20;
    /** A tombstone closing a resolved conflicting branch. */
    public static final int CLOSED = 0x40;
    /** Transient: marked for removal by prune/purge. */
    static final int PURGE = 0x80;

    /** Flags that are stored with the tree. */
    static final int PERSISTENT = DELETED | LEAF | HAS_ATTACHMENTS | KEEP_BODY | IS_CONFLICT | CLOSED;

    final RevId id;
    Rev parent;
    int flags;
    byte[] body;
    long sequence;

    Rev(RevId id, Rev parent, int flags, byte[] body, long sequence) {
        this.id = id;
        this.parent = parent;
        this.flags = flags;
        this.body = body;
        this.sequence = sequence;
    }

    public RevId id() {
        return id;
    }

    public Rev parent() {
        return parent;
    }

    public int flags() {
        return flags;
    }

    /** The stored body (MessagePack), or null if not kept. */
    public byte[] body() {
        return body;
    }

    /** The sequence the revision was saved at, 0 if not saved yet. */
    public long sequence() {
        return sequence;
    }

    public boolean isLeaf() {
        return (flags & LEAF) != 0;
    }

    public boolean isDeleted() {
        return (flags & DELETED) != 0;
    }

    public boolean hasAttachments() {
        return (flags & HAS_ATTACHMENTS) != 0;
    }

    public boolean keepsBody() {
        return (flags & KEEP_BODY) != 0;
    }

    public boolean isConflict() {
        return (flags & IS_CONFLICT) != 0;
    }

    public boolean isClosed() {
        return (flags & CLOSED) != 0;
    }

    public boolean isNew() {
        return (flags & NEW) != 0;
    }

    boolean isMarkedForPurge() {
        return (flags & PURGE) != 0;
    }

    void addFlag(int f) {
        flags |= f;
    }

    void clearFlag(int f) {
        flags &= ~f;
    }

    /** True if this revision is {@code rev} or one of its ancestors. */
    public boolean isAncestorOf(Rev rev) {
        for (Rev r = rev; r != null; r = r.parent) {
            if (r == this) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return id + (isLeaf() ? " leaf" : "") + (isDeleted() ? " del" : "") + (isConflict() ? " conflict" : "")
                + (isClosed() ? " closed" : "") + " seq=" + sequence;
    }
}
