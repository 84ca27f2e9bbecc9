package org.c4j.internal.revtree;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.c4j.socket.C4Exception;
import org.c4j.socket.ErrorCodes;
import org.junit.jupiter.api.Test;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class RevTreeTest {
    private static final byte[] BODY = {(byte) 0x80};

    private static RevId id(String s) {
        return RevId.parse(s);
    }

    private static List<RevId> history(String... ids) {
        List<RevId> h = new ArrayList<>();
        for (String s : ids) {
            h.add(id(s));
        }
        return h;
    }

    @Test
    void linearInsertsMoveTheCurrentRevision() {
        RevTree t = new RevTree();
        Rev r1 = t.insert(id("1-aa"), BODY, 0, null, false, false);
        Rev r2 = t.insert(id("2-bb"), BODY, 0, r1, false, false);
        assertSame(r2, t.currentRevision());
        assertFalse(r1.isLeaf());
        assertTrue(r2.isLeaf());
        assertFalse(t.hasConflict());
        assertNull(t.insert(id("2-bb"), BODY, 0, r1, true, false), "existing revision isn't inserted again");
        C4Exception e = assertThrows(C4Exception.class, () -> t.insert(id("2-cc"), BODY, 0, r1, false, false));
        assertEquals(ErrorCodes.LiteCore.CONFLICT, e.code());
        e = assertThrows(C4Exception.class, () -> t.insert(id("1-cc"), BODY, 0, null, false, false));
        assertEquals(ErrorCodes.LiteCore.CONFLICT, e.code());
        e = assertThrows(C4Exception.class, () -> t.insert(id("4-cc"), BODY, 0, r2, false, false));
        assertEquals(ErrorCodes.LiteCore.INVALID_PARAMETER, e.code());
    }

    @Test
    void winnerIsLiveLeafThenHigherRevId() {
        RevTree t = new RevTree();
        Rev r1 = t.insert(id("1-aa"), BODY, 0, null, false, false);
        Rev a = t.insert(id("2-aa"), BODY, 0, r1, true, false);
        Rev b = t.insert(id("2-bb"), BODY, 0, r1, true, false);
        assertSame(b, t.currentRevision());
        assertTrue(t.hasConflict());
        Rev bDel = t.insert(id("3-cc"), BODY, Rev.DELETED, b, false, false);
        assertSame(a, t.currentRevision(), "a live leaf beats a deleted one of higher generation");
        assertFalse(t.hasConflict());
        Rev aDel = t.insert(id("3-00"), BODY, Rev.DELETED, a, false, false);
        assertSame(bDel, t.currentRevision(), "among deleted leaves the higher revID wins");
        assertNotNull(aDel);
    }

    @Test
    void remoteConflictsNeverBecomeCurrentWhileALocalLeafExists() {
        RevTree t = new RevTree();
        t.insertHistory(history("1-aa"), BODY, 0, false, false, 20);
        t.insertHistory(history("2-aa", "1-aa"), BODY, 0, false, false, 20);
        int common = t.insertHistory(history("3-ff", "2-ff", "1-aa"), BODY, 0, true, true, 20);
        assertEquals(2, common);
        assertEquals(id("2-aa"), t.currentRevision().id());
        assertTrue(t.get(id("3-ff")).isConflict());
        assertTrue(t.get(id("2-ff")).isConflict());
        assertTrue(t.hasConflict());
        // the local branch goes away: the conflicting branch becomes main
        t.purge(id("2-aa"));
        assertEquals(id("3-ff"), t.currentRevision().id());
        assertFalse(t.get(id("3-ff")).isConflict());
        assertFalse(t.get(id("2-ff")).isConflict());
    }

    @Test
    void localTombstoneBesideAPulledLiveConflictIsConflicted() {
        RevTree t = new RevTree();
        t.insertHistory(history("1-aa"), BODY, 0, false, false, 20);
        t.insertHistory(history("2-aa", "1-aa"), BODY, Rev.DELETED, false, false, 20);
        t.insertHistory(history("2-ff", "1-aa"), BODY, 0, true, true, 20);
        assertEquals(id("2-aa"), t.currentRevision().id(), "a conflict-flagged branch never becomes current");
        assertTrue(t.hasConflict(), "the live pulled leaf is an unresolved conflict, as in LiteCore");
    }

    @Test
    void insertHistoryChecksHistoryAndConflicts() {
        RevTree t = new RevTree();
        assertEquals(3, t.insertHistory(history("3-cc", "2-bb", "1-aa"), BODY, 0, false, false, 20));
        assertEquals(0, t.insertHistory(history("3-cc", "2-bb", "1-aa"), BODY, 0, false, false, 20));
        assertEquals(1, t.insertHistory(history("4-dd", "3-cc"), BODY, 0, false, false, 20));
        C4Exception e = assertThrows(C4Exception.class,
                () -> t.insertHistory(history("6-ee", "4-dd"), BODY, 0, false, false, 20));
        assertEquals(ErrorCodes.LiteCore.BAD_REVISION_ID, e.code());
        e = assertThrows(C4Exception.class, () -> t.insertHistory(history("4-ee", "3-cc"), BODY, 0, false, false, 20));
        assertEquals(ErrorCodes.LiteCore.CONFLICT, e.code());
        e = assertThrows(C4Exception.class, () -> t.insertHistory(history("1-ff"), BODY, 0, false, false, 20));
        assertEquals(ErrorCodes.LiteCore.CONFLICT, e.code());
        assertEquals(4, t.size(), "failed inserts change nothing");
        assertEquals(1, t.insertHistory(history("4-ee", "3-cc"), BODY, 0, true, false, 20));
        assertTrue(t.hasConflict());
        // a gap is allowed only deeper than the prune depth
        RevTree deep = new RevTree();
        assertEquals(4, deep.insertHistory(history("10-aa", "9-aa", "8-aa", "2-aa"), BODY, 0, false, false, 3));
    }

    @Test
    void ancestorsGetNoBodyAndNonLeafBodiesAreDropped() {
        RevTree t = new RevTree();
        t.insertHistory(history("2-bb", "1-aa"), BODY, 0, false, false, 20);
        assertNull(t.get(id("1-aa")).body());
        assertArrayEquals(BODY, t.get(id("2-bb")).body());
        t.saved(1);
        t.insert(id("3-cc"), BODY, 0, t.get(id("2-bb")), false, false);
        t.removeNonLeafBodies();
        assertNull(t.get(id("2-bb")).body());
        assertArrayEquals(BODY, t.get(id("3-cc")).body());
    }

    @Test
    void prunesToMaxDepthKeepingRemoteAndKeptRevisions() {
        RevTree t = new RevTree();
        Rev parent = null;
        for (int g = 1; g <= 30; g++) {
            parent = t.insert(RevId.of(g, new byte[] {(byte) g}), BODY, 0, parent, false, false);
        }
        Rev remote = t.get(RevId.of(3, new byte[] {3}));
        t.setLatestRevisionOnRemote(1, remote);
        assertEquals(9, t.prune(20));
        assertEquals(21, t.size());
        assertSame(remote, t.latestRevisionOnRemote(1));
        assertSame(remote, t.get(RevId.of(11, new byte[] {11})).parent());
        assertEquals(0, t.prune(21));
    }

    @Test
    void purgeRemovesOnlyTheUnsharedPartOfABranch() {
        RevTree t = new RevTree();
        t.insertHistory(history("3-cc", "2-bb", "1-aa"), BODY, 0, false, false, 20);
        t.insertHistory(history("3-dd", "2-dd", "1-aa"), BODY, 0, true, false, 20);
        assertEquals(0, t.purge(id("2-dd")), "not a leaf");
        assertEquals(2, t.purge(id("3-dd")));
        assertEquals(3, t.size());
        assertFalse(t.hasConflict());
        assertEquals(3, t.purge(id("3-cc")));
        assertTrue(t.isEmpty());
        assertNull(t.currentRevision());
    }

    @Test
    void deletedRemoteRevisionIsActive() {
        RevTree t = new RevTree();
        t.insertHistory(history("2-bb", "1-aa"), BODY, 0, false, false, 20);
        t.insertHistory(history("2-cc", "1-aa"), BODY, Rev.DELETED, true, false, 20);
        assertFalse(t.hasConflict());
        t.setLatestRevisionOnRemote(1, t.get(id("2-cc")));
        assertTrue(t.hasConflict());
    }

    @Test
    void codecRoundTripsEverything() {
        RevTree t = new RevTree();
        t.insertHistory(history("3-cc", "2-bb", "1-aa"), new byte[] {(byte) 0x81, (byte) 0xa1, 'a', 1}, Rev.HAS_ATTACHMENTS,
                false, false, 20);
        t.insertHistory(history("3-dd", "2-dd", "1-aa"), BODY, Rev.DELETED, true, true, 20);
        t.setLatestRevisionOnRemote(1, t.get(id("2-bb")));
        t.setLatestRevisionOnRemote(7, t.get(id("3-dd")));
        t.keepBody(t.get(id("3-cc")));
        t.markRejected(t.get(id("3-dd")));
        t.saved(42);
        byte[] enc = RevTreeCodec.encode(t, true);
        byte[] curBody = t.currentRevision().body();
        RevTree d = RevTreeCodec.decode(enc, curBody);
        assertEquals(t.toString(), d.toString());
        assertArrayEquals(enc, RevTreeCodec.encode(d, true));
        assertArrayEquals(RevTreeCodec.encode(t, false), RevTreeCodec.encode(d, false));
        assertEquals(id("2-bb"), d.latestRevisionOnRemote(1).id());
        assertTrue(d.isRejected(d.get(id("3-dd"))));
        assertEquals(42, d.get(id("1-aa")).sequence());
        assertNull(RevTreeCodec.decode(enc, null).currentRevision().body());
    }

    @Test
    void corruptTreesAreTypedErrors() {
        RevTree t = new RevTree();
        t.insertHistory(history("2-bb", "1-aa"), BODY, 0, false, false, 20);
        byte[] enc = RevTreeCodec.encode(t, false);
        Random rnd = new Random(1);
        for (int i = 0; i < 2000; i++) {
            byte[] bad = enc.clone();
            if (i % 3 == 0) {
                bad = java.util.Arrays.copyOf(bad, rnd.nextInt(bad.length));
            } else {
                bad[rnd.nextInt(bad.length)] = (byte) rnd.nextInt(256);
            }
            byte[] input = bad;
            try {
                RevTreeCodec.decode(input, null);
            } catch (C4Exception e) {
                assertEquals(ErrorCodes.LiteCore.CORRUPT_REVISION_DATA, e.code());
            }
        }
    }

    // ---- the property

    /** A random tree model: parent index per node (-1 for roots); generation = depth. */
    record Model(int[] parent, boolean[] deleted, long seed) {
        RevId id(int node) {
            int depth = 1;
            for (int p = parent[node]; p >= 0; p = parent[p]) {
                depth++;
            }
            return RevId.of(depth, new byte[] {(byte) (seed >>> 8), (byte) seed, (byte) node});
        }

        List<RevId> history(int node) {
            List<RevId> h = new ArrayList<>();
            for (int n = node; n >= 0; n = parent[n]) {
                h.add(id(n));
            }
            return h;
        }

        boolean isLeaf(int node) {
            for (int p : parent) {
                if (p == node) {
                    return false;
                }
            }
            return true;
        }
    }

    @Provide
    Arbitrary<Model> models() {
        return Arbitraries.longs().map(seed -> {
            Random rnd = new Random(seed);
            int n = 1 + rnd.nextInt(25);
            int[] parent = new int[n];
            int[] depth = new int[n];
            boolean[] deleted = new boolean[n];
            for (int i = 0; i < n; i++) {
                int p = i == 0 || rnd.nextInt(10) == 0 ? -1 : rnd.nextInt(i);
                if (p >= 0 && depth[p] >= 18) {
                    p = -1;
                }
                parent[i] = p;
                depth[i] = p < 0 ? 0 : depth[p] + 1;
                deleted[i] = rnd.nextInt(4) == 0;
            }
            return new Model(parent, deleted, seed);
        });
    }

    private static RevTree build(Model m, List<Integer> order) {
        RevTree t = new RevTree();
        for (int node : order) {
            boolean leaf = m.isLeaf(node);
            int flags = leaf && m.deleted()[node] ? Rev.DELETED : 0;
            byte[] body = {(byte) 0x81, (byte) 0xa1, 'n', (byte) (node & 0x7f)};
            t.insertHistory(m.history(node), body, flags, true, false, 20);
        }
        t.saved(1);
        t.removeNonLeafBodies();
        return t;
    }

    /** Inserting the same set of revision histories in any order yields the same tree and the same winner. */
    @Property(tries = 300)
    void insertionOrderDoesNotMatter(@ForAll("models") Model m, @ForAll Random shuffler) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < m.parent().length; i++) {
            order.add(i);
            if (shuffler.nextBoolean()) {
                order.add(i); // some histories arrive twice
            }
        }
        RevTree a = build(m, order);
        Collections.shuffle(order, shuffler);
        RevTree b = build(m, order);
        assertEquals(a.currentRevision().id(), b.currentRevision().id());
        assertEquals(a.hasConflict(), b.hasConflict());
        assertArrayEquals(RevTreeCodec.encode(a, false), RevTreeCodec.encode(b, false), a + "\n" + b);
    }
}
