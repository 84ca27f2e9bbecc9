package org.c4j.internal.revtree;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.c4j.internal.Errors;
import org.c4j.internal.Tuning;
import org.c4j.internal.body.MsgpackReader;
import org.c4j.internal.body.MsgpackWriter;

/**
 * Stores a {@link RevTree} as MessagePack:
 * {@code [1, [[revID binary, parent index or -1, flags, sequence, body or nil], ...], {remote: index}, [index]]},
 * revisions in priority order. The current revision's body is normally left out (it is stored separately as the
 * record's body, so reading the current revision doesn't decode the tree) and passed back in to {@link #decode}.
 *
 * <p>Thread-safe (each thread reuses its own writer). Decoding malformed data throws {@code C4Exception(LITECORE, CORRUPT_REVISION_DATA)}.
 */
public final class RevTreeCodec {
    private static final int FORMAT = 1;
    /** Trees up to this many revisions find parent indexes by a linear scan instead of building an index map. */
    private static final int SCAN_MAX_REVS = 32;
    /** One writer per thread, reused: encoding runs on every save (calls don't nest). */
    private static final ThreadLocal<MsgpackWriter> WRITER = ThreadLocal.withInitial(() -> new MsgpackWriter(1024));

    private RevTreeCodec() {
    }

    public static byte[] encode(RevTree tree, boolean omitCurrentBody) {
        List<Rev> revs = tree.revisions();
        Map<Rev, Integer> index = null;
        if (revs.size() > SCAN_MAX_REVS) {
            index = new IdentityHashMap<>();
            for (int i = 0; i < revs.size(); i++) {
                index.put(revs.get(i), i);
            }
        }
        MsgpackWriter w = WRITER.get();
        w.reset(Tuning.BODY_SCRATCH_RETAIN_BYTES);
        w.beginArray();
        w.writeLong(FORMAT);
        w.beginArray();
        for (int i = 0; i < revs.size(); i++) {
            Rev r = revs.get(i);
            w.beginArray();
            w.writeBinary(r.id.toBinary());
            w.writeLong(r.parent == null ? -1 : indexOf(revs, index, r.parent));
            w.writeLong(r.flags & Rev.PERSISTENT);
            w.writeLong(r.sequence);
            if (r.body == null || (i == 0 && omitCurrentBody)) {
                w.writeNil();
            } else {
                w.writeBinary(r.body);
            }
            w.end();
        }
        w.end();
        w.beginMap();
        Map<Integer, Rev> remotes = tree.remoteRevisions();
        if (!remotes.isEmpty()) { // most trees have none: no iterator then
            for (Map.Entry<Integer, Rev> e : remotes.entrySet()) {
                w.writeKey(Integer.toString(e.getKey()));
                w.writeLong(indexOf(revs, index, e.getValue()));
            }
        }
        w.end();
        w.beginArray();
        for (Rev r : tree.rejectedRevisions()) {
            w.writeLong(indexOf(revs, index, r));
        }
        w.end();
        w.end();
        return w.finish();
    }

    /** The position of {@code rev} in {@code revs}: from {@code index} if there is one, else by identity scan. */
    private static int indexOf(List<Rev> revs, Map<Rev, Integer> index, Rev rev) {
        if (index != null) {
            return index.get(rev);
        }
        for (int i = 0; ; i++) {
            if (revs.get(i) == rev) {
                return i;
            }
        }
    }

    /** Decodes a stored tree; {@code currentBody} (may be null) becomes the body of the current revision. */
    public static RevTree decode(byte[] data, byte[] currentBody) {
        MsgpackReader r = new MsgpackReader(data);
        if (r.readArrayHeader() != 4 || r.readLong() != FORMAT) {
            throw Errors.corrupt("unknown revision tree format");
        }
        int n = r.readArrayHeader();
        Rev[] revs = new Rev[n];
        int[] parents = new int[n];
        for (int i = 0; i < n; i++) {
            if (r.readArrayHeader() != 5) {
                throw Errors.corrupt("bad revision entry");
            }
            r.readBinarySlice();
            RevId id = RevId.fromBinary(r.buffer(), r.sliceOffset(), r.sliceLength());
            long parent = r.readLong();
            if (parent < -1 || parent >= n || parent == i) {
                throw Errors.corrupt("bad parent index in revision tree");
            }
            parents[i] = (int) parent;
            int flags = (int) r.readLong() & Rev.PERSISTENT;
            long sequence = r.readLong();
            byte[] body = null;
            if (r.peek() == MsgpackReader.Kind.NIL) {
                r.readNil();
            } else {
                r.readBinarySlice();
                body = Arrays.copyOfRange(r.buffer(), r.sliceOffset(), r.sliceOffset() + r.sliceLength());
            }
            revs[i] = new Rev(id, null, flags, body, sequence);
        }
        for (int i = 0; i < n; i++) {
            revs[i].parent = parents[i] < 0 ? null : revs[parents[i]];
        }
        checkAcyclic(revs);
        Map<Integer, Rev> remotes = new HashMap<>();
        int m = r.readMapHeader();
        for (int i = 0; i < m; i++) {
            int remote;
            try {
                remote = Integer.parseInt(r.readString());
            } catch (NumberFormatException e) {
                throw Errors.corrupt("bad remote ID in revision tree");
            }
            remotes.put(remote, revs[checkIndex(r.readLong(), n)]);
        }
        int k = r.readArrayHeader();
        List<Rev> rejected = new ArrayList<>(k);
        for (int i = 0; i < k; i++) {
            rejected.add(revs[checkIndex(r.readLong(), n)]);
        }
        if (r.hasMore()) {
            throw Errors.corrupt("trailing bytes after revision tree");
        }
        if (currentBody != null && n > 0) {
            revs[0].body = currentBody;
        }
        return new RevTree(Arrays.asList(revs), remotes, rejected);
    }

    private static int checkIndex(long i, int n) {
        if (i < 0 || i >= n) {
            throw Errors.corrupt("bad revision index in revision tree");
        }
        return (int) i;
    }

    private static void checkAcyclic(Rev[] revs) {
        for (Rev start : revs) {
            int steps = 0;
            for (Rev a = start.parent; a != null; a = a.parent) {
                if (++steps > revs.length) {
                    throw Errors.corrupt("cycle in revision tree");
                }
            }
        }
    }
}
