package org.c4j.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.c4j.socket.C4Exception;
import org.c4j.socket.ErrorCodes.LiteCore;
import org.junit.jupiter.api.Test;

class ReadTxnTest extends StoreFixture {
    ReadTxnTest() {
        super("docs");
    }

    @Test
    void readerSeesSnapshotWhileWriterWritesAndIsNotBlocked() throws Exception {
        store.inWrite(t -> docs.put(t, "a", null, b("v1"), null, 0));
        ReadTxn before = store.beginRead();
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch readDone = new CountDownLatch(1);
        ExecutorService writer = Executors.newSingleThreadExecutor();
        try {
            Future<?> w = writer.submit(() -> {
                try (WriteTxn t = store.beginWrite()) {
                    docs.put(t, "a", null, b("v2"), null, 0);
                    docs.put(t, "b", null, b("new"), null, 0);
                    writing.countDown();
                    // Hold the write transaction open while the main thread reads.
                    readDone.await(10, TimeUnit.SECONDS);
                    t.commit();
                }
                return null;
            });
            writing.await(10, TimeUnit.SECONDS);
            try (ReadTxn during = store.beginRead()) {
                assertArrayEquals(b("v1"), docs.get(during, "a").body());
                assertNull(docs.get(during, "b"));
                assertEquals(1, docs.lastSequence(during));
            }
            readDone.countDown();
            w.get(10, TimeUnit.SECONDS);
        } finally {
            writer.shutdownNow();
        }
        assertArrayEquals(b("v1"), docs.get(before, "a").body(), "old snapshot unchanged after commit");
        try (ReadTxn after = store.beginRead()) {
            assertEquals(before.snapshotId() + 1, after.snapshotId());
        }
        assertEquals(1, docs.count(before));
        assertEquals(1, docs.lastSequence(before));
        before.close();
        store.inRead(t -> {
            assertArrayEquals(b("v2"), docs.get(t, "a").body());
            assertEquals(3, docs.lastSequence(t));
            assertEquals(2, docs.count(t));
            return null;
        });
    }

    @Test
    void oldSnapshotSeesStoreStateOfItsTime() {
        KeyStore other = store.keyStore("other", true);
        ReadTxn empty = store.beginRead();
        for (int i = 0; i < 5; i++) {
            int n = i;
            store.inWrite(t -> other.put(t, "k" + n, null, null, null, 0));
        }
        ReadTxn mid = store.beginRead();
        store.inWrite(t -> store.deleteKeyStore(t, "other"));
        store.inWrite(t -> other.put(t, "fresh", null, null, null, 0));
        assertEquals(0, other.count(empty));
        assertNull(other.get(empty, "k0"));
        assertEquals(5, other.count(mid));
        assertEquals(5, other.lastSequence(mid));
        assertEquals(0, other.get(mid, "k0").flags());
        empty.close();
        mid.close();
        store.inRead(t -> {
            assertEquals(1, other.count(t));
            assertNull(other.get(t, "k0"));
            return null;
        });
    }

    @Test
    void readTxnMayMoveBetweenThreads() throws Exception {
        store.inWrite(t -> docs.put(t, "a", null, b("x"), null, 0));
        ReadTxn t = store.beginRead();
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            byte[] body = other.submit(() -> docs.get(t, "a").body()).get(10, TimeUnit.SECONDS);
            assertArrayEquals(b("x"), body);
            other.submit(t::close).get(10, TimeUnit.SECONDS);
        } finally {
            other.shutdownNow();
        }
        assertEquals(ReadTxn.State.CLOSED, t.state());
    }

    @Test
    void closedReadTxnGuards() {
        ReadTxn t = store.beginRead();
        RecordCursor c = docs.byKey(t, null, Content.META);
        t.close();
        t.close();
        C4Exception e = assertThrows(C4Exception.class, () -> docs.get(t, "a"));
        assertEquals(LiteCore.NOT_IN_TRANSACTION, e.code());
        assertEquals(RecordCursor.State.CLOSED, c.state());
        assertEquals(LiteCore.NOT_OPEN, assertThrows(C4Exception.class, c::next).code());
    }

    @Test
    void transitionTable() {
        assertTrue(ReadTxn.State.ACTIVE.canMoveTo(ReadTxn.State.CLOSED));
        assertFalse(ReadTxn.State.CLOSED.canMoveTo(ReadTxn.State.ACTIVE));
        assertFalse(ReadTxn.State.CLOSED.canMoveTo(ReadTxn.State.CLOSED));
        assertTrue(SharedEnv.State.OPEN.canMoveTo(SharedEnv.State.CLOSED));
        assertFalse(SharedEnv.State.CLOSED.canMoveTo(SharedEnv.State.OPEN));
    }
}
