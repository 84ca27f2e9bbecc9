package org.c4j.replicator.internal.pull;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.c4j.Body;
import org.c4j.Collection;
import org.c4j.Document;
import org.c4j.InsertRequest;
import org.c4j.blip.IncomingMessage;
import org.c4j.replicator.Conflict;
import org.c4j.replicator.ConflictResolver;
import org.c4j.replicator.internal.core.ReplicationHooks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pulled revision that conflicts with a local change is inserted as a conflict, then resolved: the remote revision
 * always wins in the tree, with the resolver's content on top of it when that differs.
 */
public class PullerConflictTest {
    @TempDir
    Path dir;

    /** Local doc "c": 1-aa (known to the peer), then a local edit; returns the local leaf. */
    private static String localEdit(PullerHarness h, boolean deleteLocally) {
        Collection coll = h.db.defaultCollection();
        coll.insertExisting(InsertRequest.of("c", List.of("1-aa"), Body.fromJson("{\"v\":0}"))
                .withRemoteId(h.ctx.remoteId()));
        return deleteLocally ? coll.delete("c", "1-aa").revId()
                : coll.save("c", "1-aa", Body.fromJson("{\"v\":\"local\"}")).revId();
    }

    private static void pull(PullerHarness h, String remoteRev, String remoteBody) throws Exception {
        pull(h, remoteRev, remoteBody, false);
    }

    private static void pull(PullerHarness h, String remoteRev, String remoteBody, boolean deleted)
            throws Exception {
        h.puller.startActive(null, false);
        IncomingMessage reply = h.call(PullerHarness.changes("[[9,\"c\",\"" + remoteRev + "\"," + (deleted ? 1 : 0)
                + ",20]]"));
        assertTrue(reply.bodyAsString().startsWith("[["), "the conflicting revision is still wanted");
        IncomingMessage r = h.call(PullerHarness.rev("c", remoteRev, 9, "1-aa", deleted, remoteBody).build());
        assertFalse(r.isError(), r::errorMessage);
        assertNull(h.ctx.takeEnded(1).get(0).error());
    }

    @Test
    void higherRemoteRevisionWinsAsIs() throws Exception {
        try (PullerHarness h = new PullerHarness(dir)) {
            String local = localEdit(h, false);
            pull(h, "2-ffff", "{\"v\":\"remote\"}");
            Document d = h.db.defaultCollection().get("c");
            assertFalse(d.isConflicted());
            assertEquals("2-ffff", d.revId());
            assertEquals("{\"v\":\"remote\"}", d.body().toJson());
            assertNull(d.revision(local), "the losing local branch is gone");
        }
    }

    @Test
    void higherLocalRevisionWinsOnTopOfTheRemoteOne() throws Exception {
        try (PullerHarness h = new PullerHarness(dir)) {
            localEdit(h, false);
            pull(h, "2-0000", "{\"v\":\"remote\"}");
            Document d = h.db.defaultCollection().get("c");
            assertFalse(d.isConflicted());
            assertEquals(3, d.revisions().get(0).generation());
            assertEquals(List.of(d.revId(), "2-0000", "1-aa"), d.history(d.revId()));
            assertEquals("{\"v\":\"local\"}", d.body().toJson());
        }
    }

    @Test
    void localDeletionWins() throws Exception {
        try (PullerHarness h = new PullerHarness(dir)) {
            localEdit(h, true);
            pull(h, "2-ffff", "{\"v\":\"remote\"}");
            Document d = h.db.defaultCollection().get("c");
            assertFalse(d.isConflicted());
            assertTrue(d.isDeleted());
            assertEquals(List.of(d.revId(), "2-ffff", "1-aa"), d.history(d.revId()));
        }
    }

    @Test
    void remoteDeletionWinsOverALocalEdit() throws Exception {
        try (PullerHarness h = new PullerHarness(dir)) {
            String local = localEdit(h, false);
            pull(h, "2-0000", "{}", true);
            Document d = h.db.defaultCollection().get("c");
            assertTrue(d.isDeleted());
            assertEquals("2-0000", d.revId());
            assertNull(d.revision(local));
        }
    }

    @Test
    void customResolverMergesAndSeesBothSides() throws Exception {
        AtomicReference<Conflict> seen = new AtomicReference<>();
        ConflictResolver merge = c -> {
            seen.set(c);
            return new ConflictResolver.Resolution(true, Body.fromJson("{\"v\":\"merged\"}"));
        };
        try (PullerHarness h = new PullerHarness(dir, c -> c.hooks(new ReplicationHooks(null, null, merge)))) {
            String local = localEdit(h, false);
            pull(h, "2-ffff", "{\"v\":\"remote\"}");
            Conflict c = seen.get();
            assertEquals(local, c.localRevId());
            assertEquals("{\"v\":\"local\"}", c.localBody().toJson());
            assertEquals("2-ffff", c.remoteRevId());
            assertEquals("{\"v\":\"remote\"}", c.remoteBody().toJson());
            Document d = h.db.defaultCollection().get("c");
            assertEquals("{\"v\":\"merged\"}", d.body().toJson());
            assertEquals("2-ffff", d.history(d.revId()).get(1));
        }
    }
}
