package org.c4j.storage;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.c4j.socket.C4Exception;
import org.c4j.socket.ErrorCodes.LiteCore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordCursorTest {
    @TempDir
    Path dir;
    LmdbStore store;
    KeyStore docs;
    KeyStore neighbour;

    @BeforeEach
    void open() {
        store = LmdbStore.open(dir);
        docs = store.keyStore("docs", true);
        neighbour = store.keyStore("neighbour", true);
        store.inWrite(t -> {
            for (String k : new String[] {"b", "a", "d", "c", "aa"}) {
                docs.put(t, k, b("v-" + k), b("body-" + k), b("x-" + k), k.length());
                neighbour.put(t, k, null, null, null, 0);
            }
            return null;
        });
    }

    @AfterEach
    void close() {
        store.close();
    }

    static byte[] b(String s) {
        return s.getBytes(UTF_8);
    }

    static List<String> keys(RecordCursor c) {
        List<String> out = new ArrayList<>();
        try (c) {
            while (c.next()) {
                out.add(c.record().key());
            }
        }
        return out;
    }

    static List<String> seqs(RecordCursor c) {
        List<String> out = new ArrayList<>();
        try (c) {
            while (c.next()) {
                out.add(c.record().key() + "@" + c.record().sequence());
            }
        }
        return out;
    }

    @Test
    void keyOrderWithStartKey() {
        store.inRead(t -> {
            assertEquals(List.of("a", "aa", "b", "c", "d"), keys(docs.byKey(t, null, Content.META)));
            assertEquals(List.of("b", "c", "d"), keys(docs.byKey(t, "ab", Content.META)));
            assertEquals(List.of("c", "d"), keys(docs.byKey(t, "c", Content.META)));
            assertEquals(List.of(), keys(docs.byKey(t, "e", Content.META)));
            return null;
        });
    }

    @Test
    void contentLevels() {
        store.inRead(t -> {
            try (RecordCursor c = docs.byKey(t, "b", Content.META)) {
                c.next();
                assertNull(c.record().body());
                assertArrayEquals(b("v-b"), c.record().version());
                assertEquals(1, c.record().flags());
            }
            try (RecordCursor c = docs.bySequence(t, 0, Content.ALL)) {
                c.next();
                assertEquals("b", c.record().key());
                assertArrayEquals(b("body-b"), c.record().body());
                assertArrayEquals(b("x-b"), c.record().extra());
            }
            return null;
        });
    }

    @Test
    void bySequenceAfterUpdatesAndDeletes() {
        store.inWrite(t -> {
            docs.put(t, "b", null, b("2"), null, 0);   // 6 (sequences are per store: docs used 1..5)
            docs.delete(t, "d");
            docs.put(t, "e", null, null, null, 0);     // 7
            return docs.put(t, "a", null, b("2"), null, 0); // 8
        });
        store.inRead(t -> {
            assertEquals(List.of("c@4", "aa@5", "b@6", "e@7", "a@8"), seqs(docs.bySequence(t, 0, Content.META)));
            assertEquals(List.of("e@7", "a@8"), seqs(docs.bySequence(t, 6, Content.META)));
            assertEquals(List.of(), seqs(docs.bySequence(t, 8, Content.META)));
            return null;
        });
    }

    @Test
    void iterateWhileWritingInSameTransaction() {
        store.inWrite(t -> {
            try (RecordCursor c = docs.byKey(t, null, Content.META)) {
                while (c.next()) {
                    if (c.record().key().startsWith("a")) {
                        docs.delete(t, c.record().key());
                    }
                }
            }
            assertEquals(List.of("b", "c", "d"), keys(docs.byKey(t, null, Content.META)));
            // Re-putting every record moves it to the end of the sequence order; the cursor must still terminate.
            List<String> seen = new ArrayList<>();
            try (RecordCursor c = docs.bySequence(t, 0, Content.META)) {
                while (c.next() && seen.size() < 10) {
                    seen.add(c.record().key());
                    if (c.record().sequence() <= 5) {
                        docs.put(t, c.record().key(), null, null, null, 0);
                    }
                }
            }
            assertEquals(List.of("b", "d", "c", "b", "d", "c"), seen);
            return null;
        });
    }

    @Test
    void cursorStateMachine() {
        try (ReadTxn t = store.beginRead()) {
            RecordCursor c = docs.byKey(t, null, Content.META);
            assertEquals(RecordCursor.State.BEFORE_FIRST, c.state());
            assertEquals(LiteCore.NOT_FOUND, assertThrows(C4Exception.class, c::record).code());
            while (c.next()) {
                assertEquals(RecordCursor.State.ON_RECORD, c.state());
            }
            assertEquals(RecordCursor.State.AT_END, c.state());
            assertFalse(c.next());
            c.close();
            assertEquals(RecordCursor.State.CLOSED, c.state());
        }
    }

    @Test
    void cursorClosedWhenWriteTxnEnds() {
        WriteTxn t = store.beginWrite();
        RecordCursor c = docs.bySequence(t, 0, Content.META);
        c.next();
        t.commit();
        assertEquals(RecordCursor.State.CLOSED, c.state());
    }

    @Test
    void missingStoreIteratesNothing() {
        KeyStore none = store.keyStore("none", true);
        store.inRead(t -> {
            assertEquals(List.of(), keys(none.byKey(t, null, Content.ALL)));
            assertEquals(List.of(), keys(none.bySequence(t, 0, Content.ALL)));
            return null;
        });
    }

    @Test
    void transitionTable() {
        assertTrue(RecordCursor.State.ON_RECORD.canMoveTo(RecordCursor.State.ON_RECORD), "the next record");
        assertTrue(RecordCursor.State.BEFORE_FIRST.canMoveTo(RecordCursor.State.AT_END));
        assertTrue(RecordCursor.State.AT_END.canMoveTo(RecordCursor.State.CLOSED));
        assertFalse(RecordCursor.State.AT_END.canMoveTo(RecordCursor.State.ON_RECORD));
        for (RecordCursor.State s : RecordCursor.State.values()) {
            assertFalse(s.canMoveTo(RecordCursor.State.BEFORE_FIRST));
            assertFalse(RecordCursor.State.CLOSED.canMoveTo(s));
        }
    }
}
