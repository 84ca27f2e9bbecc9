package org.c4j.internal.db;

import java.util.Set;

import org.c4j.BlobKey;
import org.c4j.internal.Errors;
import org.c4j.internal.body.BlobRefs;
import org.c4j.internal.revtree.Rev;
import org.c4j.internal.revtree.RevId;
import org.c4j.internal.revtree.RevTree;
import org.c4j.internal.revtree.RevTreeCodec;
import org.c4j.storage.Record;

/**
 * A document as stored in a collection's key store: the record's key is the doc ID, its version the current
 * revID (binary form), its flags the document flags below, its body the current revision's body and its extra the
 * revision tree without that body ({@link RevTreeCodec}). So the current revision and the changes feed never
 * decode the tree.
 *
 * <p>A working copy: not thread-safe; each operation loads its own.
 */
public final class StoredDoc {
    /** Document flags as stored (LiteCore's DocumentFlags values). */
    public static final int DELETED = 0x01;
    public static final int CONFLICTED = 0x02;
    public static final int HAS_ATTACHMENTS = 0x04;

    private final String docId;
    private final RevTree tree;
    private final long sequence;

    private StoredDoc(String docId, RevTree tree, long sequence) {
        this.docId = docId;
        this.tree = tree;
        this.sequence = sequence;
    }

    /** A document that isn't stored yet. */
    public static StoredDoc absent(String docId) {
        return new StoredDoc(docId, new RevTree(), 0);
    }

    /** Decodes a record read with all its content. */
    public static StoredDoc of(Record r) {
        if (r.extra() == null || r.body() == null) {
            throw new IllegalArgumentException("record read without its tree");
        }
        RevTree tree = RevTreeCodec.decode(r.extra(), r.body());
        if (tree.isEmpty()) {
            throw Errors.corrupt("document '" + r.key() + "' has an empty revision tree");
        }
        // revisions stored without a sequence were added by the save that gave the record its sequence
        tree.saved(r.sequence());
        return new StoredDoc(r.key(), tree, r.sequence());
    }

    public String docId() {
        return docId;
    }

    public RevTree tree() {
        return tree;
    }

    /** Sequence when loaded (0 if absent). */
    public long sequence() {
        return sequence;
    }

    public boolean exists() {
        return sequence != 0;
    }

    /** The flags to store for the tree as it is now. */
    public int flags() {
        return flagsOf(tree);
    }

    public static int flagsOf(RevTree tree) {
        Rev cur = tree.currentRevision();
        int f = 0;
        if (cur == null || cur.isDeleted()) {
            f |= DELETED;
        }
        if (tree.hasConflict()) {
            f |= CONFLICTED;
        }
        if (tree.hasAttachments()) {
            f |= HAS_ATTACHMENTS;
        }
        return f;
    }

    /** The version part of a record: the current revID in binary form. */
    public static byte[] version(RevTree tree) {
        return tree.currentRevision().id().toBinary();
    }

    /** Adds the keys of the blobs any of the document's stored revision bodies references. */
    public void addBlobKeys(Set<BlobKey> keys) {
        for (Rev r : tree.revisions()) {
            if (r.body() != null && r.hasAttachments()) {
                for (var ref : BlobRefs.find(r.body())) {
                    Object digest = ref.get(BlobRefs.DIGEST_PROPERTY);
                    BlobKey k = digest instanceof String ? BlobKey.tryParse((String) digest) : null;
                    if (k != null) {
                        keys.add(k);
                    }
                }
            }
        }
    }

    /** The current revID stored in a record's version. */
    public static RevId revIdOf(Record r) {
        byte[] v = r.version();
        return RevId.fromBinary(v, 0, v.length);
    }
}
