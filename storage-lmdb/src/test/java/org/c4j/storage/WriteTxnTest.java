package org.c4j.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.c4j.socket.C4Exception;
import org.c4j.socket.ErrorCodes.LiteCore;
import org.junit.jupiter.api.Test;

class WriteTxnTest extends StoreFixture {
    WriteTxnTest() {
        super("docs");
    }

    static void assertCode(int code, Runnable r) {
        C4Exception e = assertThrows(C4Exception.class, r::run);
        assertEquals(code, e.code(), e.toString());
    }

    Record read(String key) {
        return store.inRead(t -> docs.get(t, key));
    }

    @Test
    void readsOwnWritesAndCommitsDurably() {
        try (WriteTxn t = store.beginWrite()) {
            docs.put(t, "a", null, b("1"), null, 0);
            assertArrayEquals(b("1"), docs.get(t, "a").body());
            assertEquals(1, docs.count(t));
            assertNull(read("a"), "uncommitted writes are invisible to readers");
            t.commit();
            assertEquals(WriteTxn.State.COMMITTED, t.state());
        }
        assertNotNull(read("a"));
    }

    @Test
    void closeWithoutCommitAborts() {
        try (WriteTxn t = store.beginWrite()) {
            docs.put(t, "a", null, b("1"), null, 0);
        }
        assertNull(read("a"));
        long last = store.inRead(t -> docs.lastSequence(t));
        assertEquals(0, last, "aborted sequences are not consumed");
        long seq = store.inWrite(t -> docs.put(t, "b", null, null, null, 0));
        assertEquals(1, seq);
    }

    @Test
    void nestedCommitsCountAndOnlyOutermostCommits() {
        WriteTxn outer = store.beginWrite();
        docs.put(outer, "a", null, null, null, 0);
        WriteTxn inner = store.beginWrite();
        docs.put(inner, "b", null, null, null, 0);
        inner.commit();
        assertNull(read("b"), "inner commit does not commit");
        assertNotNull(docs.get(outer, "b"));
        outer.commit();
        assertNotNull(read("a"));
        assertNotNull(read("b"));
    }

    @Test
    void innerAbortAbortsEverything() {
        WriteTxn outer = store.beginWrite();
        docs.put(outer, "a", null, null, null, 0);
        try (WriteTxn inner = store.beginWrite()) {
            docs.put(inner, "b", null, null, null, 0);
            inner.abort();
            assertEquals(WriteTxn.State.ABORTED, inner.state());
        }
        assertCode(LiteCore.NOT_IN_TRANSACTION, () -> docs.put(outer, "c", null, null, null, 0));
        assertCode(LiteCore.NOT_IN_TRANSACTION, store::beginWrite);
        assertCode(LiteCore.NOT_IN_TRANSACTION, outer::commit);
        assertEquals(WriteTxn.State.ABORTED, outer.state());
        assertNull(read("a"));
        assertNull(read("b"));
        store.inWrite(t -> docs.put(t, "d", null, null, null, 0));
        assertNotNull(read("d"), "the writer lock was released");
    }

    @Test
    void inWriteAbortsOnException() {
        assertThrows(IllegalStateException.class, () -> store.inWrite(t -> {
            docs.put(t, "a", null, null, null, 0);
            throw new IllegalStateException("boom");
        }));
        assertNull(read("a"));
    }

    @Test
    void endedTransactionGuards() {
        WriteTxn t = store.beginWrite();
        t.commit();
        assertCode(LiteCore.NOT_IN_TRANSACTION, () -> docs.put(t, "a", null, null, null, 0));
        assertCode(LiteCore.NOT_IN_TRANSACTION, () -> docs.get(t, "a"));
        assertCode(LiteCore.NOT_IN_TRANSACTION, t::commit);
        assertCode(LiteCore.NOT_IN_TRANSACTION, t::abort);
        t.close();
    }

    @Test
    void writeTxnIsConfinedToItsThread() throws Exception {
        WriteTxn t = store.beginWrite();
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            Future<?> f = other.submit(() -> assertCode(LiteCore.NOT_IN_TRANSACTION,
                    () -> docs.put(t, "a", null, null, null, 0)));
            f.get(10, TimeUnit.SECONDS);
            Future<?> c = other.submit(() -> assertCode(LiteCore.NOT_IN_TRANSACTION, t::commit));
            c.get(10, TimeUnit.SECONDS);
        } finally {
            other.shutdownNow();
        }
        t.abort();
    }

    @Test
    void oneWriterAtATimeAcrossThreads() throws Exception {
        int threads = 4;
        int perThread = 100;
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger maxInside = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            Future<?>[] fs = new Future<?>[threads];
            for (int i = 0; i < threads; i++) {
                int id = i;
                fs[i] = pool.submit(() -> {
                    start.await();
                    for (int j = 0; j < perThread; j++) {
                        try (WriteTxn t = store.beginWrite()) {
                            maxInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
                            docs.put(t, id + "-" + j, null, null, null, 0);
                            Thread.yield();
                            inside.decrementAndGet();
                            t.commit();
                        }
                    }
                    return null;
                });
            }
            start.countDown();
            for (Future<?> f : fs) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, maxInside.get());
        store.inRead(t -> {
            assertEquals(threads * perThread, docs.count(t));
            assertEquals(threads * perThread, docs.lastSequence(t));
            return null;
        });
    }

    @Test
    void secondWriterWaitsForFirst() throws Exception {
        WriteTxn first = store.beginWrite();
        docs.put(first, "first", null, null, null, 0);
        CountDownLatch began = new CountDownLatch(1);
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            Future<Long> second = other.submit(() -> {
                try (WriteTxn t = store.beginWrite()) {
                    began.countDown();
                    long s = docs.put(t, "second", null, null, null, 0);
                    t.commit();
                    return s;
                }
            });
            assertFalse(began.await(200, TimeUnit.MILLISECONDS), "second writer must wait");
            first.commit();
            assertEquals(2L, second.get(10, TimeUnit.SECONDS));
        } finally {
            other.shutdownNow();
        }
    }

    @Test
    void validationErrorKeepsTransactionUsable() {
        try (WriteTxn t = store.beginWrite()) {
            docs.put(t, "a", null, null, null, 0);
            assertCode(LiteCore.INVALID_PARAMETER, () -> docs.put(t, "", null, null, null, 0));
            assertCode(LiteCore.INVALID_PARAMETER, () -> docs.setExpiration(t, "a", -1));
            assertTrue(docs.delete(t, "a"));
            docs.put(t, "b", null, null, null, 0);
            t.commit();
        }
        assertNull(read("a"));
        assertEquals(2, read("b").sequence());
    }

    @Test
    void transitionTable() {
        assertTrue(WriteTxn.State.ACTIVE.canMoveTo(WriteTxn.State.COMMITTED));
        assertTrue(WriteTxn.State.ACTIVE.canMoveTo(WriteTxn.State.ABORTED));
        assertTrue(WriteTxn.State.COMMITTED.canMoveTo(WriteTxn.State.ABORTED), "a commit that failed");
        assertFalse(WriteTxn.State.ABORTED.canMoveTo(WriteTxn.State.COMMITTED));
        for (WriteTxn.State from : WriteTxn.State.values()) {
            assertFalse(from.canMoveTo(WriteTxn.State.ACTIVE));
        }
        // the shared context behind the levels: ACTIVE ends once, COMMITTED or ABORTED
        for (WriteContext.State next : WriteContext.State.values()) {
            assertEquals(next != WriteContext.State.ACTIVE, WriteContext.State.ACTIVE.canMoveTo(next));
            assertFalse(WriteContext.State.COMMITTED.canMoveTo(next));
            assertFalse(WriteContext.State.ABORTED.canMoveTo(next));
        }
    }
}
