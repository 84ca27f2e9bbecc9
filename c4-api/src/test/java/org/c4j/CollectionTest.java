package org.c4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.c4j.internal.Errors;
import org.c4j.socket.C4Exception;
import org.c4j.socket.ErrorCodes;
import org.c4j.socket.ErrorDomain;
import org.c4j.socket.testkit.ManualScheduler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CollectionTest {
    @TempDir
    Path tmp;
    Database db;
    Collection c;

    @BeforeEach
    void open() {
        db = Database.open(tmp.resolve("db"));
        c = db.defaultCollection();
    }

    @AfterEach
    void close() {
        db.close();
    }

    private static Body json(String s) {
        return Body.fromJson(s);
    }

    private static void expect(int code, org.junit.jupiter.api.function.Executable op) {
        C4Exception e = assertThrows(C4Exception.class, op);
        assertEquals(ErrorDomain.LITECORE, e.domain(), e.toString());
        assertEquals(code, e.code(), e.toString());
    }

    @Test
    void savesUpdatesAndReads() {
        Document d1 = c.save("doc", null, json("{\"v\":1}"));
        assertTrue(d1.revId().startsWith("1-"));
        assertEquals(1, d1.sequence());
        Document d2 = c.save("doc", d1.revId(), json("{\"v\":2}"));
        assertTrue(d2.revId().startsWith("2-"));
        assertEquals(2, d2.sequence());
        Document read = c.get("doc");
        assertEquals(d2.revId(), read.revId());
        assertEquals("{\"v\":2}", read.body().toJson());
        assertEquals(List.of(d2.revId(), d1.revId()), read.history(d2.revId()));
        assertFalse(read.isDeleted());
        assertFalse(read.isConflicted());
        assertEquals(2, c.lastSequence());
        assertEquals(1, c.count());
        assertNull(c.get("nope"));
    }

    @Test
    void revIdsAreDeterministic() {
        Document a = c.save("a", null, json("{\"x\":1,\"y\":2}"));
        Document b = c.save("b", null, json("{\"y\":2,\"x\":1}"));
        assertEquals(a.revId(), b.revId(), "same canonical body, same parent: same revID");
        Document a2 = c.save("a", a.revId(), json("{\"x\":2}"));
        Document again = c.save("a", a.revId(), json("{\"x\":2}"));
        assertEquals(a2.revId(), again.revId());
        assertEquals(a2.sequence(), again.sequence(), "repeating a save makes no new revision");
        expect(ErrorCodes.LiteCore.CONFLICT, () -> c.save("a", a.revId(), json("{\"x\":3}")));
    }

    @Test
    void wrongParentIsAConflictAndChangesNothing() {
        Document d1 = c.save("doc", null, json("{\"v\":1}"));
        Document d2 = c.save("doc", d1.revId(), json("{\"v\":2}"));
        expect(ErrorCodes.LiteCore.CONFLICT, () -> c.save("doc", d1.revId(), json("{\"v\":3}")));
        expect(ErrorCodes.LiteCore.CONFLICT, () -> c.save("doc", "9-abcd", json("{\"v\":3}")));
        expect(ErrorCodes.LiteCore.CONFLICT, () -> c.save("doc", null, json("{\"v\":3}")));
        expect(ErrorCodes.LiteCore.NOT_FOUND, () -> c.save("other", "1-abcd", json("{}")));
        expect(ErrorCodes.LiteCore.BAD_REVISION_ID, () -> c.save("doc", "bogus", json("{}")));
        Document now = c.get("doc");
        assertEquals(d2.revId(), now.revId());
        assertEquals(2, c.lastSequence());
    }

    @Test
    void badInputIsTypedAndChangesNothing() {
        expect(ErrorCodes.LiteCore.BAD_DOC_ID, () -> c.save("", null, json("{}")));
        expect(ErrorCodes.LiteCore.BAD_DOC_ID, () -> c.save("_design", null, json("{}")));
        expect(ErrorCodes.LiteCore.BAD_DOC_ID, () -> c.save("a\nb", null, json("{}")));
        expect(ErrorCodes.LiteCore.BAD_DOC_ID, () -> c.save("é".repeat(121), null, json("{}")));
        c.save("é".repeat(120), null, json("{}"));
        expect(ErrorCodes.LiteCore.CORRUPT_REVISION_DATA, () -> c.save("a", null, json("{\"_id\":\"a\"}")));
        expect(ErrorCodes.LiteCore.CORRUPT_REVISION_DATA, () -> c.save("a", null, json("{\"_rev\":\"1-aa\"}")));
        Body tooBig = Body.fromMap(java.util.Map.of("s", java.util.Collections.nCopies(21, "x".repeat(1024 * 1024))));
        expect(ErrorCodes.LiteCore.INVALID_PARAMETER, () -> c.save("big", null, tooBig));
        C4Exception e = assertThrows(C4Exception.class, () -> json("{broken"));
        assertEquals(Errors.FLEECE_JSON_ERROR, e.code());
        assertEquals(1, c.lastSequence());
        assertEquals(1, c.count());
    }

    @Test
    void deleteMakesATombstoneAndPurgeRemovesIt() {
        Document d1 = c.save("doc", null, json("{\"v\":1}"));
        expect(ErrorCodes.LiteCore.CONFLICT, () -> c.delete("doc", null));
        expect(ErrorCodes.LiteCore.NOT_FOUND, () -> c.delete("missing", null));
        Document del = c.delete("doc", d1.revId());
        assertTrue(del.isDeleted());
        assertTrue(del.revId().startsWith("2-"));
        assertTrue(c.get("doc").isDeleted());
        assertEquals(0, c.count());
        // re-create on top of the tombstone
        Document again = c.save("doc", null, json("{\"v\":3}"));
        assertTrue(again.revId().startsWith("3-"));
        assertTrue(c.purge("doc"));
        assertFalse(c.purge("doc"));
        assertNull(c.get("doc"));
    }

    @Test
    void insertExistingWithHistoryAndConflicts() {
        InsertResult r = c.insertExisting(InsertRequest.of("doc", List.of("3-cc", "2-bb", "1-aa"), json("{\"v\":3}")));
        assertEquals(3, r.newRevisions());
        assertEquals("3-cc", r.document().revId());
        assertEquals(0, c.insertExisting(InsertRequest.of("doc", List.of("3-cc", "2-bb", "1-aa"), json("{\"v\":3}")))
                .newRevisions());
        long seq = c.lastSequence();
        expect(ErrorCodes.LiteCore.CONFLICT,
                () -> c.insertExisting(InsertRequest.of("doc", List.of("3-dd", "2-bb"), json("{}"))));
        expect(ErrorCodes.LiteCore.BAD_REVISION_ID,
                () -> c.insertExisting(InsertRequest.of("doc", List.of("5-dd", "2-bb"), json("{}"))));
        expect(ErrorCodes.LiteCore.BAD_REVISION_ID,
                () -> c.insertExisting(InsertRequest.of("doc", List.of("x"), json("{}"))));
        expect(ErrorCodes.LiteCore.INVALID_PARAMETER,
                () -> c.insertExisting(InsertRequest.of("doc", List.of(), json("{}"))));
        assertEquals(seq, c.lastSequence());

        InsertResult conflict = c.insertExisting(
                InsertRequest.of("doc", List.of("3-dd", "2-bb"), json("{\"v\":\"d\"}")).withAllowConflict(true));
        assertEquals(1, conflict.newRevisions());
        Document d = conflict.document();
        assertTrue(d.isConflicted());
        assertEquals("3-dd", d.revId(), "higher revID wins without remote markers");
        assertEquals(2, d.leafRevisions(false).size());

        Document resolved = c.resolveConflict("doc", "3-dd", "3-cc", json("{\"merged\":true}"));
        assertFalse(resolved.isConflicted());
        assertTrue(resolved.revId().startsWith("4-"));
        assertEquals("{\"merged\":true}", resolved.body().toJson());
        assertNull(resolved.revision("3-cc"), "losing branch purged");
        assertEquals(List.of(resolved.revId(), "3-dd", "2-bb", "1-aa"), resolved.history(resolved.revId()));
    }

    @Test
    void remoteConflictsStayBehindTheLocalRevision() {
        int remote = db.remoteId("wss://peer/db");
        Document local = c.save("doc", null, json("{\"local\":1}"));
        InsertResult r = c.insertExisting(InsertRequest.of("doc", List.of("1-ffff"), json("{\"remote\":1}"))
                .withAllowConflict(true).withRemoteId(remote).withExternal(true));
        Document d = r.document();
        assertEquals(local.revId(), d.revId(), "remote conflicting revision never becomes current");
        assertTrue(d.isConflicted());
        assertEquals("1-ffff", d.remoteRevId(remote));
        assertTrue(d.revision("1-ffff").conflict());
        Document resolved = c.resolveConflict("doc", "1-ffff", local.revId(), null);
        assertEquals("1-ffff", resolved.revId());
        assertFalse(resolved.isConflicted());
        assertTrue(resolved.sequence() > d.sequence());
        assertEquals("{\"remote\":1}", resolved.body().toJson());
        // the peer re-sends the same revision: nothing new, nothing saved
        InsertResult again = c.insertExisting(InsertRequest.of("doc", List.of("1-ffff"), json("{\"remote\":1}"))
                .withAllowConflict(true).withRemoteId(remote));
        assertEquals(0, again.newRevisions());
        assertEquals(resolved.sequence(), c.lastSequence());
    }

    @Test
    void remoteMarkersCanBeSet() {
        Document d1 = c.save("doc", null, json("{\"v\":1}"));
        Document after = c.setRemoteRevId("doc", 1, d1.revId());
        assertEquals(d1.revId(), after.remoteRevId(1));
        assertEquals(d1.sequence(), after.sequence(), "marker changes keep the sequence");
        assertEquals(1, c.changes(0, ChangesOptions.DEFAULT).size());
        assertEquals(d1.sequence(), c.lastSequence());
        Document rejected = c.markRevisionRejected("doc", d1.revId());
        assertTrue(rejected.isRejected(d1.revId()));
        assertTrue(c.get("doc").isRejected(d1.revId()));
        assertEquals(d1.sequence(), c.get("doc").sequence());
        assertEquals(d1.revId(), c.get("doc").remoteRevId(1));
        assertNull(c.get("doc").remoteRevId(2));
        expect(ErrorCodes.LiteCore.NOT_FOUND, () -> c.setRemoteRevId("doc", 1, "7-abcd"));
        Document d2 = c.save("doc", d1.revId(), json("{\"v\":2}"));
        assertEquals(d1.revId(), d2.remoteRevId(1));
    }

    @Test
    void prunesToTheConfiguredDepth() {
        String rev = null;
        for (int i = 0; i < 30; i++) {
            rev = c.save("doc", rev, json("{\"i\":" + i + "}")).revId();
        }
        Document d = c.get("doc");
        assertEquals(20, d.revisions().size());
        assertEquals(20, d.history(rev).size());
    }

    @Test
    void changesFeedReturnsEachDocumentOnceAtItsLatestSequence() {
        Document a = c.save("a", null, json("{}"));
        Document b = c.save("b", null, json("{}"));
        c.save("a", a.revId(), json("{\"v\":2}"));
        c.delete("b", b.revId());
        c.save("c", null, json("{\"c\":1}"));
        List<Change> all = c.changes(0, ChangesOptions.DEFAULT);
        assertEquals(List.of("a", "b", "c"), all.stream().map(Change::docId).sorted().toList());
        assertEquals(List.of(3L, 4L, 5L), all.stream().map(Change::sequence).toList());
        assertTrue(all.stream().filter(ch -> ch.docId().equals("b")).findFirst().orElseThrow().deleted());
        List<Change> live = c.changes(0, ChangesOptions.DEFAULT.withIncludeDeleted(false).withBodies(true));
        assertEquals(List.of("a", "c"), live.stream().map(Change::docId).toList());
        assertEquals("{\"c\":1}", live.get(1).body().toJson());
        assertEquals(List.of("c"), c.changes(4, ChangesOptions.DEFAULT).stream().map(Change::docId).toList());
        assertEquals(1, c.changes(0, ChangesOptions.DEFAULT.withLimit(1)).size());
        assertEquals(List.of("b", "c"), c.allDocuments("a", ChangesOptions.DEFAULT).stream().map(Change::docId).toList());
        assertEquals(List.of("a"), c.allDocuments(null, ChangesOptions.DEFAULT.withLimit(1)).stream().map(Change::docId)
                .toList());
    }

    @Test
    void expirationPurgesDueDocuments() {
        java.util.concurrent.atomic.AtomicLong now = new java.util.concurrent.atomic.AtomicLong(1_000_000);
        java.time.Clock clock = new java.time.Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return java.time.ZoneOffset.UTC;
            }

            @Override
            public java.time.Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public java.time.Instant instant() {
                return java.time.Instant.ofEpochMilli(now.get());
            }
        };
        db.close();
        db = Database.open(tmp.resolve("db2"), DatabaseConfig.defaults().withClock(clock));
        c = db.defaultCollection();
        c.save("a", null, json("{}"));
        c.save("b", null, json("{}"));
        expect(ErrorCodes.LiteCore.NOT_FOUND, () -> c.setExpiration("zzz", 5));
        long soon = now.get() + 1000;
        long future = now.get() + 3_600_000;
        c.setExpiration("a", soon);
        c.setExpiration("b", future);
        assertEquals(soon, c.getExpiration("a"));
        assertEquals(soon, c.nextExpiration());
        assertEquals(0, c.purgeExpired());
        now.addAndGet(2000);
        assertEquals(1, c.purgeExpired());
        assertNull(c.get("a"));
        assertEquals(future, c.nextExpiration());
        c.setExpiration("b", 0);
        assertEquals(0, c.nextExpiration());
    }

    @Test
    void scheduledPurgeRunsWhileOpen() {
        ManualScheduler time = new ManualScheduler();
        try (Database timed = Database.open(tmp.resolve("timed"),
                DatabaseConfig.defaults().withClock(time.clock()).withExecutor(time))) {
            Collection tc = timed.defaultCollection();
            tc.save("soon", null, json("{}"));
            tc.setExpiration("soon", time.clock().millis() + 200);
            time.advance(Duration.ofMillis(199));
            assertNotNull(tc.get("soon"), "not yet expired");
            time.advance(Duration.ofMillis(1));
            assertNull(tc.get("soon"), "purged when its expiration came, with no one asking");
        }
    }

    @Test
    void bodiesKeepBlobFlag() {
        Document d = c.save("a", null, json("{\"f\":{\"@type\":\"blob\",\"digest\":\"sha1-x\"}}"));
        assertTrue(d.hasAttachments());
        assertTrue(c.changes(0, ChangesOptions.DEFAULT).get(0).hasAttachments());
        assertNotEquals(null, d.body());
    }
}
