package org.c4j.storage;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.c4j.socket.C4Exception;
import org.c4j.socket.ErrorCodes.LiteCore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LmdbStoreTest {
    @TempDir
    Path dir;

    static byte[] b(String s) {
        return s.getBytes(UTF_8);
    }

    static void assertCode(int code, Runnable r) {
        C4Exception e = assertThrows(C4Exception.class, r::run);
        assertEquals(code, e.code(), e.toString());
    }

    @Test
    void dataSurvivesReopen() {
        try (LmdbStore s = LmdbStore.open(dir)) {
            KeyStore docs = s.keyStore("docs", true);
            s.inWrite(t -> {
                docs.put(t, "a", b("1-a"), b("A"), null, 0);
                return docs.put(t, "b", b("1-b"), b("B"), null, 0);
            });
        }
        try (LmdbStore s = LmdbStore.open(dir)) {
            KeyStore docs = s.keyStore("docs", true);
            s.inRead(t -> {
                assertArrayEquals(b("A"), docs.get(t, "a").body());
                assertEquals(2, docs.lastSequence(t));
                assertEquals(2, docs.count(t));
                return null;
            });
            long seq = s.inWrite(t -> docs.put(t, "c", null, null, null, 0));
            assertEquals(3, seq, "sequences continue after reopen");
        }
    }

    @Test
    void sameDirectorySharesOneEnvironment() {
        try (LmdbStore a = LmdbStore.open(dir); LmdbStore b = LmdbStore.open(dir.resolve("."))) {
            KeyStore ka = a.keyStore("docs", true);
            KeyStore kb = b.keyStore("docs", true);
            assertSame(ka, kb);
            a.inWrite(t -> ka.put(t, "x", null, b("1"), null, 0));
            assertArrayEquals(b("1"), b.inRead(t -> kb.get(t, "x")).body());
            a.close();
            assertEquals(LmdbStore.State.CLOSED, a.state());
            assertArrayEquals(b("1"), b.inRead(t -> kb.get(t, "x")).body(), "env stays open for b");
        }
    }

    @Test
    void closedStoreGuards() {
        LmdbStore s = LmdbStore.open(dir);
        KeyStore docs = s.keyStore("docs", true);
        s.close();
        s.close();
        assertCode(LiteCore.NOT_OPEN, s::beginRead);
        assertCode(LiteCore.NOT_OPEN, s::beginWrite);
        assertCode(LiteCore.NOT_OPEN, () -> s.keyStore("docs", true));
        assertCode(LiteCore.NOT_OPEN, s::mapSize);
        assertEquals("docs", docs.name());
    }

    @Test
    void closeWithOpenTransactionFails() {
        LmdbStore s = LmdbStore.open(dir);
        ReadTxn r = s.beginRead();
        assertCode(LiteCore.TRANSACTION_NOT_CLOSED, s::close);
        r.close();
        assertEquals(LmdbStore.State.OPEN, s.state(), "a refused close leaves the store open");
        WriteTxn w = s.beginWrite();
        assertCode(LiteCore.TRANSACTION_NOT_CLOSED, s::close);
        w.abort();
        s.close();
        assertEquals(LmdbStore.State.CLOSED, s.state());
    }

    @Test
    void deleteRemovesFilesAndRefusesWhileOpen() {
        LmdbStore s = LmdbStore.open(dir);
        KeyStore docs = s.keyStore("docs", true);
        s.inWrite(t -> docs.put(t, "x", null, null, null, 0));
        assertCode(LiteCore.BUSY, () -> LmdbStore.delete(dir));
        s.close();
        LmdbStore.delete(dir);
        assertFalse(Files.exists(dir.resolve("data.mdb")));
        try (LmdbStore again = LmdbStore.open(dir)) {
            assertNull(again.inRead(t -> again.keyStore("docs", true).get(t, "x")));
        }
    }

    @Test
    void keyStoreNamesAndDeletion() {
        try (LmdbStore s = LmdbStore.open(dir)) {
            KeyStore a = s.keyStore("coll:a", true);
            KeyStore b = s.keyStore("local", false);
            assertEquals(List.of(), s.inRead(s::keyStoreNames), "handles alone create nothing");
            s.inWrite(t -> {
                a.put(t, "1", null, null, null, 0);
                a.put(t, "2", null, null, null, 0);
                a.setExpiration(t, "2", 5);
                return b.put(t, "cp", null, null, null, 0);
            });
            assertEquals(List.of("coll:a", "local"), s.inRead(s::keyStoreNames));
            boolean deleted = s.inWrite(t -> s.deleteKeyStore(t, "coll:a"));
            assertTrue(deleted);
            boolean missing = s.inWrite(t -> s.deleteKeyStore(t, "nope"));
            assertFalse(missing);
            s.inRead(t -> {
                assertEquals(List.of("local"), s.keyStoreNames(t));
                assertNull(a.get(t, "1"));
                assertEquals(0, a.count(t));
                assertEquals(0, a.nextExpiration(t));
                try (RecordCursor c = a.byKey(t, null, Content.META)) {
                    assertFalse(c.next());
                }
                return null;
            });
            long seq = s.inWrite(t -> a.put(t, "1", null, null, null, 0));
            assertEquals(1, seq, "a re-created store starts over");
        }
    }

    @Test
    void sequencesFlagMustMatch() {
        try (LmdbStore s = LmdbStore.open(dir)) {
            KeyStore a = s.keyStore("a", true);
            s.inWrite(t -> a.put(t, "1", null, null, null, 0));
            assertCode(LiteCore.INVALID_PARAMETER, () -> s.keyStore("a", false));
        }
        try (LmdbStore s = LmdbStore.open(dir)) {
            assertCode(LiteCore.INVALID_PARAMETER, () -> s.keyStore("a", false));
            assertCode(LiteCore.INVALID_PARAMETER, () -> s.keyStore("", false));
        }
    }

    @Test
    void copyToMakesAnOpenableCopy() {
        Path copy = dir.resolve("copy");
        try (LmdbStore s = LmdbStore.open(dir.resolve("orig"))) {
            KeyStore docs = s.keyStore("docs", true);
            s.inWrite(t -> docs.put(t, "x", null, b("X"), null, 0));
            s.copyTo(copy);
            assertCode(LiteCore.INVALID_PARAMETER, () -> s.copyTo(copy));
        }
        try (LmdbStore c = LmdbStore.open(copy)) {
            KeyStore docs = c.keyStore("docs", true);
            assertArrayEquals(b("X"), c.inRead(t -> docs.get(t, "x")).body());
            long seq = c.inWrite(t -> docs.put(t, "y", null, null, null, 0));
            assertEquals(2, seq);
        }
    }

    @Test
    void garbageFileIsNotADatabase() throws Exception {
        Files.write(dir.resolve("data.mdb"), new byte[64 * 1024]);
        assertCode(LiteCore.NOT_A_DATABASE_FILE, () -> LmdbStore.open(dir));
    }

    @Test
    void transactionOfOtherStoreIsRejected() {
        try (LmdbStore a = LmdbStore.open(dir.resolve("a")); LmdbStore b = LmdbStore.open(dir.resolve("b"))) {
            KeyStore kb = b.keyStore("docs", true);
            try (ReadTxn t = a.beginRead()) {
                assertCode(LiteCore.INVALID_PARAMETER, () -> kb.get(t, "x"));
                assertCode(LiteCore.INVALID_PARAMETER, () -> b.keyStoreNames(t));
            }
        }
    }

    @Test
    void transitionTable() {
        assertTrue(LmdbStore.State.OPEN.canMoveTo(LmdbStore.State.CLOSING));
        assertFalse(LmdbStore.State.OPEN.canMoveTo(LmdbStore.State.CLOSED), "always through CLOSING");
        assertTrue(LmdbStore.State.CLOSING.canMoveTo(LmdbStore.State.OPEN), "a refused close");
        assertTrue(LmdbStore.State.CLOSING.canMoveTo(LmdbStore.State.CLOSED));
        for (LmdbStore.State next : LmdbStore.State.values()) {
            assertFalse(LmdbStore.State.CLOSED.canMoveTo(next));
        }
    }
}
