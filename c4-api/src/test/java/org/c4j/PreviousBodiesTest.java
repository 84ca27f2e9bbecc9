package org.c4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The previous bodies a collection keeps for delta sync (internal/db/PreviousBodies through
 * {@link Collection#previousBody}): kept when the revision tree drops them, one per document, bounded in count,
 * size and age, pruned by compaction, forgotten on purge.
 */
class PreviousBodiesTest {
    @TempDir
    Path tmp;

    /** A clock tests move by hand. */
    static final class HandClock extends Clock {
        long millis = 1_700_000_000_000L;

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }
    }

    private static Body body(String field, int size) {
        return Body.fromJson("{\"f\":\"" + field + "\",\"pad\":\"" + "x".repeat(size) + "\"}");
    }

    @Test
    void theReplacedBodyIsKeptUntilTheNextEdit() {
        try (Database db = Database.open(tmp.resolve("db"))) {
            Collection c = db.defaultCollection();
            Document v1 = c.save("d", null, body("one", 300));
            Document v2 = c.save("d", v1.revId(), body("two", 300));
            assertNull(c.get("d").revision(v1.revId()).body(), "the tree dropped it");
            assertEquals(body("one", 300), c.previousBody("d", v1.revId()));
            assertNull(c.previousBody("d", v2.revId()), "the current body is in the tree, not here");

            Document v3 = c.save("d", v2.revId(), body("three", 300));
            assertEquals(body("two", 300), c.previousBody("d", v2.revId()));
            assertNull(c.previousBody("d", v1.revId()), "one previous body per document");
            assertEquals(1, c.previousBodiesSize()[0]);

            c.delete("d", v3.revId());
            assertEquals(body("three", 300), c.previousBody("d", v3.revId()));
            c.purge("d");
            assertNull(c.previousBody("d", v3.revId()));
            assertEquals(0, c.previousBodiesSize()[0]);
        }
    }

    @Test
    void smallBodiesAndTombstonesAreNotKept() {
        try (Database db = Database.open(tmp.resolve("db"))) {
            Collection c = db.defaultCollection();
            Document v1 = c.save("d", null, body("one", 10));
            c.save("d", v1.revId(), body("two", 300));
            assertNull(c.previousBody("d", v1.revId()));
            Document t = c.delete("e", c.save("e", null, body("x", 300)).revId());
            c.save("e", t.revId(), body("back", 300));
            assertNull(c.previousBody("e", t.revId()));
        }
    }

    @Test
    void replicatedRevisionsKeepThePriorBodyToo() {
        try (Database db = Database.open(tmp.resolve("db"))) {
            Collection c = db.defaultCollection();
            Document v1 = c.save("d", null, body("one", 300));
            String rev2 = "2-" + "ab".repeat(20);
            c.insertExisting(InsertRequest.of("d", List.of(rev2, v1.revId()), body("two", 300)).withExternal(true));
            assertEquals(rev2, c.get("d").revId());
            assertEquals(body("one", 300), c.previousBody("d", v1.revId()));
        }
    }

    @Test
    void aPurgedAndReinsertedDocumentKeepsItsPriorBodyOnTheNextEdit() {
        try (Database db = Database.open(tmp.resolve("db"))) {
            Collection c = db.defaultCollection();
            Document v1 = c.save("d", null, body("one", 300));
            c.setRemoteRevId("d", db.remoteId("ws://peer/db"), v1.revId());
            c.purge("d");
            c.insertExisting(InsertRequest.of("d", List.of(v1.revId()), body("other", 400)));
            c.save("d", v1.revId(), body("two", 300));
            assertEquals(body("other", 400), c.previousBody("d", v1.revId()));
        }
    }

    @Test
    void boundedByAgeAndPrunedByCompaction() {
        HandClock clock = new HandClock();
        DatabaseConfig config = DatabaseConfig.defaults().withClock(clock)
                .withPreviousBodies(100, 1 << 20, Duration.ofMinutes(10));
        try (Database db = Database.open(tmp.resolve("db"), config)) {
            Collection c = db.defaultCollection();
            Document v1 = c.save("d", null, body("one", 300));
            c.save("d", v1.revId(), body("two", 300));
            clock.millis += Duration.ofMinutes(11).toMillis();
            assertNull(c.previousBody("d", v1.revId()), "too old to be used");
            assertEquals(1, c.previousBodiesSize()[0]);
            db.compact();
            assertEquals(0, c.previousBodiesSize()[0]);
        }
    }

    @Test
    void boundedByCountAndBytesOldestFirst() {
        HandClock clock = new HandClock();
        DatabaseConfig config = DatabaseConfig.defaults().withClock(clock)
                .withPreviousBodies(10, 1 << 20, Duration.ofHours(1));
        try (Database db = Database.open(tmp.resolve("db"), config)) {
            Collection c = db.defaultCollection();
            String[] first = new String[20];
            for (int i = 0; i < 20; i++) {
                first[i] = c.save("d" + i, null, body("one", 300)).revId();
            }
            for (int i = 0; i < 20; i++) {
                clock.millis += 1000;
                c.save("d" + i, first[i], body("two", 300));
                assertEquals(true, c.previousBodiesSize()[0] <= 10);
            }
            assertNull(c.previousBody("d0", first[0]), "oldest evicted");
            assertEquals(body("one", 300), c.previousBody("d19", first[19]));
        }
        config = DatabaseConfig.defaults().withClock(clock).withPreviousBodies(1000, 2000, Duration.ofHours(1));
        try (Database db = Database.open(tmp.resolve("db2"), config)) {
            Collection c = db.defaultCollection();
            for (int i = 0; i < 20; i++) {
                clock.millis += 1000;
                String r = c.save("d" + i, null, body("one", 300)).revId();
                c.save("d" + i, r, body("two", 300));
                assertEquals(true, c.previousBodiesSize()[1] <= 2000);
            }
        }
    }

    @Test
    void turnedOffKeepsNothing() {
        DatabaseConfig config = DatabaseConfig.defaults().withPreviousBodies(0, 0, Duration.ZERO);
        try (Database db = Database.open(tmp.resolve("db"), config)) {
            Collection c = db.defaultCollection();
            Document v1 = c.save("d", null, body("one", 300));
            c.save("d", v1.revId(), body("two", 300));
            assertNull(c.previousBody("d", v1.revId()));
        }
    }

    @Test
    void survivesReopening() {
        String rev1;
        try (Database db = Database.open(tmp.resolve("db"))) {
            Collection c = db.defaultCollection();
            rev1 = c.save("d", null, body("one", 300)).revId();
            c.save("d", rev1, body("two", 300));
        }
        try (Database db = Database.open(tmp.resolve("db"))) {
            assertArrayEquals(body("one", 300).toJsonBytes(),
                    db.defaultCollection().previousBody("d", rev1).toJsonBytes());
            assertEquals(1, db.defaultCollection().previousBodiesSize()[0]);
        }
    }
}
