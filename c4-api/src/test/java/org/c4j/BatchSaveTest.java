package org.c4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.c4j.socket.C4Exception;
import org.c4j.socket.ErrorCodes;
import org.c4j.socket.ErrorDomain;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Collection#saveAll}: what it stores, returns and reports, its failures, and its transactions. */
class BatchSaveTest {
    @TempDir
    Path dir;
    private Database db;
    private Collection c;

    @BeforeEach
    void open() {
        db = Database.open(dir.resolve("db"), DatabaseConfig.defaults().withDurable(false));
        c = db.defaultCollection();
    }

    @AfterEach
    void close() {
        db.close();
    }

    private static List<SaveRequest> newDocs(String prefix, int n) {
        List<SaveRequest> rqs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rqs.add(SaveRequest.ofJson(prefix + i, null, "{\"n\":" + i + ",\"s\":\"" + "x".repeat(i % 50) + "\"}"));
        }
        return rqs;
    }

    @Test
    void storesEveryDocumentInOrderWithTheRevisionsASingleSaveMakes() {
        List<Document> saved = c.saveAll(newDocs("d", 1000));
        assertEquals(1000, saved.size());
        try (Database other = Database.open(dir.resolve("other"), DatabaseConfig.defaults().withDurable(false))) {
            Collection o = other.defaultCollection();
            for (int i = 0; i < 1000; i++) {
                Document one = o.save("d" + i, null, Body.fromJson("{\"n\":" + i + ",\"s\":\"" + "x".repeat(i % 50) + "\"}"));
                Document d = saved.get(i);
                assertEquals("d" + i, d.id());
                assertEquals(i + 1, d.sequence());
                assertEquals(one.revId(), d.revId());
                assertEquals(one.body(), d.body());
                assertEquals(d.revId(), c.get("d" + i).revId());
            }
        }
        assertEquals(1000, c.count());
        assertEquals(1000, c.lastSequence());
    }

    @Test
    void bodiesAndJsonMixAndExistingDocumentsTakeTheSingleSavePath() {
        Document old = c.save("a", null, Body.fromJson("{\"v\":1}"));
        Document gone = c.delete("b", c.save("b", null, Body.fromJson("{\"v\":1}")).revId());
        List<Document> saved = c.saveAll(List.of(
                SaveRequest.of("a", old.revId(), Body.fromJson("{\"v\":2}")),
                SaveRequest.ofJson("b", null, "{\"v\":3}"),
                SaveRequest.ofJson("c", null, "{\"v\":4}")));
        assertTrue(saved.get(0).revId().startsWith("2-"));
        assertTrue(saved.get(1).revId().startsWith("3-"), "re-creates the deleted document on its tombstone");
        assertEquals(gone.revId(), c.get("b").history(saved.get(1).revId()).get(1));
        assertEquals(List.of(4L, 5L, 6L), saved.stream().map(Document::sequence).toList());
        assertEquals(6, c.lastSequence());
    }

    @Test
    void aFailureSavesNothingAndThrowsTheFirstFailureInListOrder() {
        List<SaveRequest> rqs = newDocs("d", 100);
        rqs.set(70, SaveRequest.ofJson("_bad", null, "{}"));
        rqs.set(40, SaveRequest.ofJson("ok", null, "{\"a\":"));
        C4Exception e = assertThrows(C4Exception.class, () -> c.saveAll(rqs));
        assertEquals(ErrorDomain.FLEECE, e.domain());
        assertEquals(0, c.lastSequence());
        assertNull(c.get("d0"));

        c.save("x", null, Body.fromJson("{}"));
        C4Exception conflict = assertThrows(C4Exception.class,
                () -> c.saveAll(List.of(SaveRequest.ofJson("y", null, "{}"), SaveRequest.ofJson("x", null, "{\"v\":1}"))));
        assertEquals(ErrorCodes.LiteCore.CONFLICT, conflict.code());
        assertNull(c.get("y"));
        assertEquals(1, c.lastSequence());
    }

    @Test
    void insideABatchItJoinsTheBatchTransaction() {
        assertThrows(IllegalStateException.class, () -> db.inBatch(() -> {
            c.saveAll(newDocs("d", 50));
            assertEquals(50, c.count()); // visible inside the batch
            throw new IllegalStateException("abort");
        }));
        assertEquals(0, c.count());
        db.inBatch(() -> {
            c.save("first", null, Body.fromJson("{}"));
            c.saveAll(newDocs("d", 50));
        });
        assertEquals(51, c.count());
        assertEquals(1, c.get("first").sequence());
    }

    @Test
    void aFailureOfTheFirstRequestLeavesTheEnclosingBatchUsable() {
        db.inBatch(() -> {
            c.save("first", null, Body.fromJson("{}"));
            assertThrows(C4Exception.class, () -> c.saveAll(List.of(SaveRequest.ofJson("_bad", null, "{}"))));
            c.save("second", null, Body.fromJson("{}"));
        });
        assertEquals(2, c.count());
    }

    @Test
    void observersSeeTheBatchAfterItCommits() throws Exception {
        List<CollectionChange> seen = new CopyOnWriteArrayList<>();
        c.addChangeListener(seen::add);
        c.saveAll(newDocs("d", 100));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (seen.stream().mapToInt(ch -> ch.changes().size()).sum() < 100 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        List<DocumentChange> all = new ArrayList<>();
        seen.forEach(ch -> all.addAll(ch.changes()));
        assertEquals(100, all.size());
        for (int i = 0; i < 100; i++) {
            assertEquals("d" + i, all.get(i).docId());
            assertEquals(i + 1, all.get(i).sequence());
        }
    }

    @Test
    void concurrentBatchesOnOneDatabaseEachCommitWhole() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<List<Document>>> results = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                String prefix = "t" + t + "-";
                results.add(pool.submit(() -> c.saveAll(newDocs(prefix, 700))));
            }
            for (Future<List<Document>> f : results) {
                List<Document> docs = f.get(60, TimeUnit.SECONDS);
                for (int i = 1; i < docs.size(); i++) {
                    assertEquals(docs.get(i - 1).sequence() + 1, docs.get(i).sequence(), "one transaction each");
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(2100, c.count());
        assertEquals(2100, c.lastSequence());
    }

    @Test
    void anEmptyListSavesNothing() {
        assertEquals(List.of(), c.saveAll(List.of()));
        assertEquals(0, c.lastSequence());
    }

    @Test
    void inTransactionsOfAGivenSizeEachCommitsAndAFailureKeepsTheOnesBefore() {
        c.saveAll(newDocs("d", 2500), 1000);
        assertEquals(2500, c.lastSequence());
        for (int i = 0; i < 2500; i++) {
            assertEquals(i + 1, c.get("d" + i).sequence());
        }
        List<SaveRequest> rqs = newDocs("e", 2500);
        rqs.set(1500, SaveRequest.ofJson("e1500", null, "not json"));
        assertThrows(C4Exception.class, () -> c.saveAll(rqs, 1000));
        assertEquals(3500, c.lastSequence(), "the first transaction committed, the failing one rolled back");
        assertEquals(1000, c.get("e999").sequence() - 2500);
        assertNull(c.get("e1000"));
        assertNull(c.get("e2499"));
        C4Exception e = assertThrows(C4Exception.class, () -> c.saveAll(rqs, 0));
        assertEquals(ErrorCodes.LiteCore.INVALID_PARAMETER, e.code());
    }

    @Test
    void inTransactionsInsideABatchEverythingJoinsTheBatch() {
        assertThrows(IllegalStateException.class, () -> db.inBatch(() -> {
            c.saveAll(newDocs("d", 300), 100);
            throw new IllegalStateException("abort");
        }));
        assertEquals(0, c.count());
    }

    @Test
    void helpersBusyElsewhereOnlyMeanTheSaverPreparesEverything() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        for (int i = 0; i < Math.max(1, org.c4j.internal.db.SaveHelpers.count()); i++) {
            org.c4j.internal.db.SaveHelpers.submit(() -> {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        try {
            List<Document> saved = c.saveAll(newDocs("d", 1000));
            assertEquals(1000, saved.size());
            c.saveAll(newDocs("e", 3000), 1000);
            assertEquals(4000, c.lastSequence());
        } finally {
            release.countDown();
        }
    }
}
