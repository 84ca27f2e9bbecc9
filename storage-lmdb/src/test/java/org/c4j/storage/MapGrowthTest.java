package org.c4j.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.c4j.socket.C4Exception;
import org.c4j.socket.ErrorCodes.LiteCore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The map starts tiny and must grow transparently, inside one transaction and across many. */
class MapGrowthTest {
    static final long TINY = 64 * 1024;
    static final int VALUE = 1024;
    static final int FIFTY_MB_OF_VALUES = 50 * 1024;

    @TempDir
    Path dir;

    static byte[] value(int i) {
        byte[] v = new byte[VALUE];
        for (int j = 0; j < v.length; j++) {
            v[j] = (byte) (i * 7 + j);
        }
        return v;
    }

    static void verify(LmdbStore s, KeyStore docs, int n) {
        s.inRead(t -> {
            assertEquals(n, docs.count(t));
            assertEquals(n, docs.lastSequence(t));
            for (int i = 0; i < n; i += 997) {
                assertArrayEquals(value(i), docs.get(t, "doc-" + i).body());
            }
            long seen = 0;
            try (RecordCursor c = docs.bySequence(t, 0, Content.META)) {
                while (c.next()) {
                    seen++;
                }
            }
            assertEquals(n, seen);
            return null;
        });
    }

    @Test
    void fiftyMegabytesInOneTransaction() {
        try (LmdbStore s = LmdbStore.open(dir, StoreOptions.defaults().withInitialMapSize(TINY))) {
            KeyStore docs = s.keyStore("docs", true);
            long before = s.mapSize();
            s.inWrite(t -> {
                for (int i = 0; i < FIFTY_MB_OF_VALUES; i++) {
                    assertEquals(i + 1, docs.put(t, "doc-" + i, null, value(i), null, 0));
                }
                return null;
            });
            assertTrue(s.mapSize() >= 50L << 20, "map grew from " + before + " to " + s.mapSize());
            verify(s, docs, FIFTY_MB_OF_VALUES);
        }
    }

    @Test
    void insertsReplayAfterGrowthWithTheSameResults() {
        try (LmdbStore s = LmdbStore.open(dir, StoreOptions.defaults().withInitialMapSize(TINY))) {
            KeyStore docs = s.keyStore("docs", true);
            s.inWrite(t -> {
                for (int i = 0; i < FIFTY_MB_OF_VALUES; i++) {
                    assertEquals(i + 1, docs.insert(t, "doc-" + i, null, value(i), null, 0));
                    if (i % 1000 == 0) {
                        assertEquals(-1, docs.insert(t, "doc-" + i, null, value(i + 1), null, 0));
                    }
                }
                return null;
            });
            verify(s, docs, FIFTY_MB_OF_VALUES);
        }
    }

    @Test
    void fiftyMegabytesInManyTransactions() {
        try (LmdbStore s = LmdbStore.open(dir, StoreOptions.defaults().withInitialMapSize(TINY))) {
            KeyStore docs = s.keyStore("docs", true);
            int batch = 100;
            for (int b = 0; b < FIFTY_MB_OF_VALUES / batch; b++) {
                int first = b * batch;
                s.inWrite(t -> {
                    for (int i = first; i < first + batch; i++) {
                        docs.put(t, "doc-" + i, null, value(i), null, 0);
                    }
                    return null;
                });
            }
            verify(s, docs, FIFTY_MB_OF_VALUES);
        }
    }

    @Test
    void cursorInWriteTransactionSurvivesGrowth() {
        try (LmdbStore s = LmdbStore.open(dir, StoreOptions.defaults().withInitialMapSize(TINY))) {
            KeyStore docs = s.keyStore("docs", true);
            KeyStore bulk = s.keyStore("bulk", false);
            s.inWrite(t -> {
                for (int i = 0; i < 20; i++) {
                    docs.put(t, String.format("k%02d", i), null, null, null, 0);
                }
                return null;
            });
            s.inWrite(t -> {
                int seen = 0;
                try (RecordCursor c = docs.byKey(t, null, Content.META)) {
                    while (c.next()) {
                        assertEquals(String.format("k%02d", seen), c.record().key());
                        seen++;
                        for (int i = 0; i < 200; i++) {
                            bulk.put(t, seen + "-" + i, null, value(i), null, 0);
                        }
                    }
                }
                assertEquals(20, seen);
                return null;
            });
            long n = s.inRead(bulk::count);
            assertEquals(20 * 200, n);
        }
    }

    @Test
    void growthWaitsForReadersOnOtherThreads() throws Exception {
        try (LmdbStore s = LmdbStore.open(dir, StoreOptions.defaults().withInitialMapSize(TINY))) {
            KeyStore docs = s.keyStore("docs", true);
            CountDownLatch opened = new CountDownLatch(1);
            ExecutorService reader = Executors.newSingleThreadExecutor();
            try {
                Future<?> r = reader.submit(() -> {
                    try (ReadTxn t = s.beginRead()) {
                        opened.countDown();
                        Thread.sleep(300);
                        assertNull(docs.get(t, "doc-0"));
                    }
                    return null;
                });
                opened.await(10, TimeUnit.SECONDS);
                s.inWrite(t -> {
                    for (int i = 0; i < 2000; i++) {
                        docs.put(t, "doc-" + i, null, value(i), null, 0);
                    }
                    return null;
                });
                r.get(10, TimeUnit.SECONDS);
            } finally {
                reader.shutdownNow();
            }
            verify(s, docs, 2000);
        }
    }

    @Test
    void readerThatStaysOpenMakesGrowthFailWithBusyAndNothingIsCommitted() {
        StoreOptions o = StoreOptions.defaults().withInitialMapSize(TINY).withResizeTimeout(Duration.ofMillis(100));
        try (LmdbStore s = LmdbStore.open(dir, o)) {
            KeyStore docs = s.keyStore("docs", true);
            ReadTxn pinned = s.beginRead();
            C4Exception e = assertThrows(C4Exception.class, () -> s.inWrite(t -> {
                for (int i = 0; i < 2000; i++) {
                    docs.put(t, "doc-" + i, null, value(i), null, 0);
                }
                return null;
            }));
            assertEquals(LiteCore.BUSY, e.code());
            pinned.close();
            long count = s.inRead(docs::count);
            assertEquals(0, count);
            s.inWrite(t -> {
                for (int i = 0; i < 2000; i++) {
                    docs.put(t, "doc-" + i, null, value(i), null, 0);
                }
                return null;
            });
            verify(s, docs, 2000);
        }
    }

    @Test
    void transactionBeyondReplayLimitFailsTransientlyThenFitsOnRetry() {
        StoreOptions o = StoreOptions.defaults().withInitialMapSize(TINY).withReplayLimitBytes(64 * 1024);
        try (LmdbStore s = LmdbStore.open(dir, o)) {
            KeyStore docs = s.keyStore("docs", true);
            int attempts = 0;
            while (true) {
                attempts++;
                try {
                    s.inWrite(t -> {
                        for (int i = 0; i < 1000; i++) {
                            docs.put(t, "doc-" + i, null, value(i), null, 0);
                        }
                        return null;
                    });
                    break;
                } catch (C4Exception e) {
                    assertEquals(LiteCore.BUSY, e.code());
                    assertTrue(attempts < 20);
                    long count = s.inRead(docs::count);
                    assertEquals(0, count, "a failed attempt leaves no trace");
                }
            }
            assertTrue(attempts > 1, "the first attempt cannot fit a 64 KiB map");
            verify(s, docs, 1000);
        }
    }
}
