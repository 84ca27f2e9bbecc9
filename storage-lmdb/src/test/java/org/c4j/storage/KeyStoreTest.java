package org.c4j.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.c4j.socket.C4Exception;
import org.c4j.socket.ErrorCodes.LiteCore;
import org.c4j.socket.ErrorDomain;
import org.junit.jupiter.api.Test;

class KeyStoreTest extends StoreFixture {
    KeyStoreTest() {
        super("coll:_default._default");
    }

    @Test
    void putGetDelete() {
        long seq = store.inWrite(t -> docs.put(t, "doc1", b("1-a"), b("{\"a\":1}"), b("tree"), 3));
        assertEquals(1, seq);
        Record r = store.inRead(t -> docs.get(t, "doc1"));
        assertEquals("doc1", r.key());
        assertArrayEquals(b("1-a"), r.version());
        assertArrayEquals(b("{\"a\":1}"), r.body());
        assertArrayEquals(b("tree"), r.extra());
        assertEquals(1, r.sequence());
        assertEquals(3, r.flags());
        assertEquals(0, r.expiration());

        Record meta = store.inRead(t -> docs.get(t, "doc1", Content.META));
        assertNull(meta.body());
        assertNull(meta.extra());
        assertArrayEquals(b("1-a"), meta.version());
        Record body = store.inRead(t -> docs.get(t, "doc1", Content.BODY));
        assertNotNull(body.body());
        assertNull(body.extra());

        boolean deleted = store.inWrite(t -> docs.delete(t, "doc1"));
        assertTrue(deleted);
        boolean again = store.inWrite(t -> docs.delete(t, "doc1"));
        assertFalse(again);
        assertNull(store.inRead(t -> docs.get(t, "doc1")));
        long count = store.inRead(t -> docs.count(t));
        assertEquals(0, count);
        long last = store.inRead(t -> docs.lastSequence(t));
        assertEquals(1, last, "sequences are never reused");
    }

    @Test
    void insertWritesOnlyAKeyThatIsNotThere() {
        assertEquals(1, (long) store.inWrite(t -> docs.insert(t, "b", b("1-a"), b("one"), b("tree"), 1)));
        assertEquals(-1, (long) store.inWrite(t -> docs.insert(t, "b", b("2-b"), b("two"), null, 0)));
        Record r = store.inRead(t -> docs.get(t, "b"));
        assertArrayEquals(b("one"), r.body());
        assertEquals(1, r.sequence());
        assertEquals(2, (long) store.inWrite(t -> docs.insert(t, "a", null, b("before"), null, 0)), "not in order");
        assertEquals(3, (long) store.inWrite(t -> docs.insert(t, "c", null, b("after"), null, 0)));
        long count = store.inRead(t -> docs.count(t));
        assertEquals(3, count);
        long last = store.inRead(t -> docs.lastSequence(t));
        assertEquals(3, last, "a refused insert takes no sequence");
        List<String> keys = new ArrayList<>();
        store.inRead(t -> {
            try (RecordCursor c = docs.bySequence(t, 0, Content.META)) {
                while (c.next()) {
                    keys.add(c.record().key());
                }
            }
            return null;
        });
        assertEquals(List.of("b", "a", "c"), keys);
    }

    @Test
    void nullPartsAreStoredEmpty() {
        store.inWrite(t -> docs.put(t, "k", null, null, null, 0));
        Record r = store.inRead(t -> docs.get(t, "k"));
        assertEquals(0, r.version().length);
        assertEquals(0, r.body().length);
        assertEquals(0, r.extra().length);
    }

    @Test
    void sequencesStrictlyIncreaseAndAreReassignedOnUpdate() {
        store.inWrite(t -> {
            assertEquals(1, docs.put(t, "a", null, b("1"), null, 0));
            assertEquals(2, docs.put(t, "b", null, b("1"), null, 0));
            assertEquals(3, docs.put(t, "a", null, b("2"), null, 0));
            return null;
        });
        long c4 = store.inWrite(t -> docs.put(t, "c", null, null, null, 0));
        assertEquals(4, c4);
        store.inRead(t -> {
            assertEquals(3, docs.get(t, "a").sequence());
            assertEquals(4, docs.lastSequence(t));
            assertEquals(3, docs.count(t));
            List<String> order = new ArrayList<>();
            try (RecordCursor c = docs.bySequence(t, 0, Content.META)) {
                while (c.next()) {
                    order.add(c.record().key() + "@" + c.record().sequence());
                }
            }
            assertEquals(List.of("b@2", "a@3", "c@4"), order);
            return null;
        });
    }

    @Test
    void updateKeepsSequenceAndOrder() {
        store.inWrite(t -> {
            docs.put(t, "a", b("1-a"), b("1"), null, 0);
            docs.put(t, "b", b("1-b"), b("1"), null, 0);
            assertTrue(docs.update(t, "a", b("1-a"), b("marked"), b("remote"), 5));
            assertFalse(docs.update(t, "missing", null, null, null, 0));
            return null;
        });
        store.inRead(t -> {
            Record a = docs.get(t, "a");
            assertEquals(1, a.sequence());
            assertArrayEquals(b("marked"), a.body());
            assertArrayEquals(b("remote"), a.extra());
            assertEquals(5, a.flags());
            assertEquals(2, docs.lastSequence(t));
            assertEquals(2, docs.count(t));
            assertNull(docs.get(t, "missing"));
            return null;
        });
    }

    @Test
    void storesWithoutSequencesReturnZero() {
        KeyStore local = store.keyStore("local", false);
        long seq = store.inWrite(t -> local.put(t, "checkpoint", b("1-cc"), b("{}"), null, 0));
        assertEquals(0, seq);
        assertEquals(0, store.inRead(t -> local.get(t, "checkpoint")).sequence());
        C4Exception e = assertThrows(C4Exception.class, () -> store.inRead(t -> local.bySequence(t, 0, Content.ALL)));
        assertEquals(LiteCore.INVALID_PARAMETER, e.code());
    }

    @Test
    void storesAreIndependent() {
        KeyStore other = store.keyStore("coll:s.c", true);
        store.inWrite(t -> {
            docs.put(t, "x", null, b("docs"), null, 0);
            other.put(t, "x", null, b("other"), null, 0);
            other.put(t, "y", null, b("other"), null, 0);
            return null;
        });
        store.inRead(t -> {
            assertArrayEquals(b("docs"), docs.get(t, "x").body());
            assertArrayEquals(b("other"), other.get(t, "x").body());
            assertEquals(1, docs.count(t));
            assertEquals(2, other.count(t));
            assertEquals(1, docs.lastSequence(t));
            assertEquals(2, other.lastSequence(t));
            return null;
        });
    }

    @Test
    void invalidKeysAreRejectedAndChangeNothing() {
        String tooLong = "x".repeat(KeyStore.MAX_KEY_BYTES + 1);
        String maxLen = "é".repeat(KeyStore.MAX_KEY_BYTES / 2);
        try (WriteTxn t = store.beginWrite()) {
            docs.put(t, "ok", null, null, null, 0);
            for (String bad : new String[] {"", tooLong, "a\uD800b"}) {
                C4Exception e = assertThrows(C4Exception.class, () -> docs.put(t, bad, null, null, null, 0));
                assertEquals(ErrorDomain.LITECORE, e.domain());
                assertEquals(LiteCore.INVALID_PARAMETER, e.code());
            }
            docs.put(t, maxLen, null, null, null, 0);
            t.commit();
        }
        store.inRead(t -> {
            assertEquals(2, docs.count(t));
            assertNotNull(docs.get(t, maxLen));
            return null;
        });
    }

    @Test
    void unicodeKeys() {
        String[] keys = {"ascii", "ünïcödé", "日本語", "emoji-\uD83D\uDE00"};
        store.inWrite(t -> {
            for (String k : keys) {
                docs.put(t, k, null, b(k), null, 0);
            }
            return null;
        });
        store.inRead(t -> {
            for (String k : keys) {
                assertArrayEquals(b(k), docs.get(t, k).body());
            }
            return null;
        });
    }

    @Test
    void largeValues() {
        byte[] big = new byte[3 * 1024 * 1024];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 31);
        }
        store.inWrite(t -> docs.put(t, "big", b("v"), big, big, 0));
        Record r = store.inRead(t -> docs.get(t, "big"));
        assertArrayEquals(big, r.body());
        assertArrayEquals(big, r.extra());
    }
}
