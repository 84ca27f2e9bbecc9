package org.c4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import org.c4j.socket.C4Exception;
import org.c4j.socket.ErrorCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {
    @TempDir
    Path tmp;

    @Test
    void createsAndReopensWithStableUuids() {
        Path dir = tmp.resolve("db");
        UUID pub;
        UUID priv;
        try (Database db = Database.open(dir)) {
            pub = db.publicUuid();
            priv = db.privateUuid();
            assertNotEquals(pub, priv);
            assertNotNull(db.defaultCollection());
            assertEquals(List.of(CollectionSpec.DEFAULT), db.collectionSpecs());
            db.defaultCollection().save("a", null, Body.fromJson("{\"x\":1}"));
        }
        try (Database db = Database.open(dir)) {
            assertEquals(pub, db.publicUuid());
            assertEquals(priv, db.privateUuid());
            assertEquals("{\"x\":1}", db.defaultCollection().get("a").body().toJson());
        }
    }

    @Test
    void closedDatabaseRefusesWork() {
        Database db = Database.open(tmp.resolve("db"));
        Collection c = db.defaultCollection();
        db.close();
        db.close();
        assertEquals(Database.State.CLOSED, db.state());
        C4Exception e = assertThrows(C4Exception.class, db::defaultCollection);
        assertEquals(ErrorCodes.LiteCore.NOT_OPEN, e.code());
        e = assertThrows(C4Exception.class, () -> c.get("a"));
        assertEquals(ErrorCodes.LiteCore.NOT_OPEN, e.code());
    }

    @Test
    void collectionsCanBeCreatedListedAndDeleted() {
        try (Database db = Database.open(tmp.resolve("db"))) {
            CollectionSpec birds = new CollectionSpec("zoo", "birds");
            assertNull(db.collection(birds));
            Collection c = db.createCollection(birds);
            assertEquals(c, db.createCollection(birds));
            c.save("tweety", null, Body.fromJson("{}"));
            db.createCollection(CollectionSpec.of("cats"));
            assertEquals(List.of(CollectionSpec.DEFAULT, CollectionSpec.of("cats"), birds), db.collectionSpecs());
            assertEquals(List.of("_default", "zoo"), db.scopeNames());
            assertTrue(db.deleteCollection(birds));
            assertFalse(db.deleteCollection(birds));
            assertNull(db.collection(birds));
            C4Exception e = assertThrows(C4Exception.class, () -> c.get("tweety"));
            assertEquals(ErrorCodes.LiteCore.NOT_OPEN, e.code());
            e = assertThrows(C4Exception.class, () -> db.deleteCollection(CollectionSpec.DEFAULT));
            assertEquals(ErrorCodes.LiteCore.INVALID_PARAMETER, e.code());
            Collection again = db.createCollection(birds);
            assertNull(again.get("tweety"), "a re-created collection starts empty");
        }
    }

    @Test
    void rejectsBadCollectionNames() {
        for (String bad : new String[] {"", "_x", "%x", "a.b", "a b", "x".repeat(252)}) {
            C4Exception e = assertThrows(C4Exception.class, () -> CollectionSpec.of(bad), bad);
            assertEquals(ErrorCodes.LiteCore.INVALID_PARAMETER, e.code());
        }
        CollectionSpec.of("Ok_-%9");
    }

    @Test
    void localDocumentsAndRemoteIds() {
        try (Database db = Database.open(tmp.resolve("db"))) {
            assertNull(db.getLocalDocument("cp"));
            db.putLocalDocument("cp", "1-cc", "{\"local\":5}");
            assertEquals(new LocalDocument("cp", "1-cc", "{\"local\":5}"), db.getLocalDocument("cp"));
            db.putLocalDocument("cp", null, "{\"local\":6}");
            assertEquals(new LocalDocument("cp", null, "{\"local\":6}"), db.getLocalDocument("cp"));
            assertTrue(db.deleteLocalDocument("cp"));
            assertFalse(db.deleteLocalDocument("cp"));
            assertThrows(C4Exception.class, () -> db.putLocalDocument("x", null, "not json"));
            int a = db.remoteId("wss://a/db");
            int b = db.remoteId("wss://b/db");
            assertEquals(1, a);
            assertEquals(2, b);
            assertEquals(a, db.remoteId("wss://a/db"));
        }
    }

    @Test
    void deleteAndCopy() {
        Path src = tmp.resolve("src");
        Path dst = tmp.resolve("dst");
        UUID pub;
        BlobKey key;
        try (Database db = Database.open(src)) {
            pub = db.publicUuid();
            key = db.blobStore().create(new byte[] {1, 2, 3});
            db.defaultCollection().save("a", null, Body.fromJson("{\"b\":{\"@type\":\"blob\",\"digest\":\"" + key + "\"}}"));
            db.putLocalDocument("cp", null, "{}");
            Database.copy(src, dst, DatabaseConfig.defaults());
            C4Exception e = assertThrows(C4Exception.class, () -> Database.delete(src));
            assertEquals(ErrorCodes.LiteCore.BUSY, e.code());
        }
        try (Database copy = Database.open(dst)) {
            assertNotEquals(pub, copy.publicUuid());
            assertNotNull(copy.defaultCollection().get("a"));
            assertNotNull(copy.getLocalDocument("cp"));
            assertEquals(3, copy.blobStore().getSize(key));
        }
        Database.delete(src);
        assertFalse(Files.exists(src));
        Database.delete(src);
    }

    @Test
    void concurrentWritersAndReaders() throws Exception {
        try (Database db = Database.open(tmp.resolve("db"))) {
            Collection c = db.defaultCollection();
            int threads = 4;
            int perThread = 150;
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads + 1);
            List<java.util.concurrent.Future<?>> futures = new java.util.ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int me = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        String id = "t" + me + "-" + (i % 50);
                        Document cur = c.get(id);
                        c.save(id, cur == null ? null : cur.revId(), Body.fromJson("{\"i\":" + i + "}"));
                    }
                }));
            }
            futures.add(pool.submit(() -> {
                long last = 0;
                for (int i = 0; i < 200; i++) {
                    long seq = c.lastSequence();
                    assertTrue(seq >= last);
                    last = seq;
                    c.changes(0, ChangesOptions.DEFAULT);
                }
            }));
            for (java.util.concurrent.Future<?> f : futures) {
                f.get();
            }
            pool.shutdown();
            assertEquals(threads * 50, c.count());
            assertEquals(threads * perThread, c.lastSequence());
            assertEquals(threads * 50, c.changes(0, ChangesOptions.DEFAULT.withLimit(10_000)).size());
        }
    }

    @Test
    void compactDeletesUnreferencedBlobs() {
        try (Database db = Database.open(tmp.resolve("db"))) {
            BlobStore blobs = db.blobStore();
            BlobKey used = blobs.create("used".getBytes());
            BlobKey legacy = blobs.create("legacy".getBytes());
            BlobKey unused = blobs.create("unused".getBytes());
            Collection c = db.defaultCollection();
            c.save("a", null, Body.fromJson("{\"x\":[{\"@type\":\"blob\",\"digest\":\"" + used + "\"}]}"));
            c.save("b", null, Body.fromJson("{\"_attachments\":{\"f\":{\"digest\":\"" + legacy + "\"}}}"));
            assertTrue(c.get("a").hasAttachments());
            assertEquals(1, db.compact());
            assertEquals(-1, blobs.getSize(unused));
            assertTrue(blobs.getSize(used) > 0);
            assertTrue(blobs.getSize(legacy) > 0);
        }
    }

    @Test
    void inBatchCommitsTogetherOrNotAtAll() {
        try (Database db = Database.open(tmp.resolve("db"))) {
            Collection c = db.defaultCollection();
            db.inBatch(() -> {
                for (int i = 0; i < 100; i++) {
                    c.save("d" + i, null, Body.fromJson("{\"i\":" + i + "}"));
                }
            });
            assertEquals(100, c.count());
            db.inBatch(() -> {
                Document d = c.save("seen", null, Body.fromJson("{\"in\":\"batch\"}"));
                assertEquals(d.revId(), c.get("seen").revId(), "reads inside a batch see its writes");
                assertEquals(d.sequence(), c.lastSequence());
            });
            assertThrows(IllegalStateException.class, () -> db.inBatch(() -> {
                c.save("x", null, Body.empty());
                throw new IllegalStateException("boom");
            }));
            assertNull(c.get("x"));
            // a rejected operation inside a batch doesn't spoil the batch
            db.inBatch(() -> {
                c.save("y", null, Body.empty());
                assertThrows(C4Exception.class, () -> c.save("d1", null, Body.empty()));
                c.save("z", null, Body.empty());
            });
            assertNotNull(c.get("y"));
            assertNotNull(c.get("z"));
            C4Exception e = assertThrows(C4Exception.class, () -> db.inBatch(db::close));
            assertEquals(ErrorCodes.LiteCore.TRANSACTION_NOT_CLOSED, e.code());
        }
    }

    @Test
    void transitionTables() {
        assertTrue(Database.State.OPEN.canMoveTo(Database.State.CLOSED));
        assertFalse(Database.State.CLOSED.canMoveTo(Database.State.OPEN));
        assertFalse(Database.State.CLOSED.canMoveTo(Database.State.CLOSED));
        assertTrue(Collection.State.VALID.canMoveTo(Collection.State.INVALID));
        assertFalse(Collection.State.INVALID.canMoveTo(Collection.State.VALID));
        assertFalse(Collection.State.INVALID.canMoveTo(Collection.State.INVALID));
    }

    /** The collection is invalidated when its write finds it deleted, and again (a no-op) when the database closes. */
    @Test
    void collectionDeletedThroughAnotherHandleThenClose() {
        CollectionSpec birds = new CollectionSpec("zoo", "birds");
        Database a = Database.open(tmp.resolve("db"));
        Collection c = a.createCollection(birds);
        try (Database b = Database.open(tmp.resolve("db"))) {
            assertTrue(b.deleteCollection(birds));
        }
        C4Exception e = assertThrows(C4Exception.class, () -> c.save("tweety", null, Body.fromJson("{}")));
        assertEquals(ErrorCodes.LiteCore.NOT_OPEN, e.code());
        a.close();
        assertEquals(Database.State.CLOSED, a.state());
    }
}
