package org.c4j.replicator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

import org.c4j.CollectionSpec;
import org.c4j.Database;
import org.c4j.socket.Principal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** c4j <-> c4j over loopback with per-user access: channels, roles, grants, push rejection, persistence. */
public class ChannelAccessTest {
    @TempDir
    Path dir;

    private static Principal user(String name, String... channels) {
        return new Principal(name, Set.of(), Set.of(channels));
    }

    private static void seed(Database server) {
        ReplPeers.put(server, "x1", "{\"channels\":\"x\",\"n\":1}");
        ReplPeers.put(server, "x2", "{\"channels\":[\"x\"],\"n\":2}");
        ReplPeers.put(server, "y1", "{\"channels\":\"y\"}");
        ReplPeers.put(server, "xy", "{\"channels\":[\"x\",\"y\"]}");
        ReplPeers.put(server, "none", "{\"n\":0}");
        ReplPeers.put(server, "pub", "{\"channels\":\"!\"}");
    }

    @Test
    void aUserPullsExactlyItsChannelsAndThePublicOne() {
        try (AccessPeers p = new AccessPeers(dir)) {
            seed(p.server);
            assertEquals(ReplicatorActivity.STOPPED, p.pull(p.client("a"), user("a", "x")).activity());
            assertEquals(Set.of("x1", "x2", "xy", "pub"), AccessPeers.live(p.client("a")).keySet());

            p.pull(p.client("star"), user("star", "*"));
            assertEquals(Set.of("x1", "x2", "y1", "xy", "none", "pub"), AccessPeers.live(p.client("star")).keySet());

            p.pull(p.client("guest"), Principal.guest(Set.of(), Set.of("y")));
            assertEquals(Set.of("y1", "xy"), AccessPeers.live(p.client("guest")).keySet(), "GUEST: no public channel");

            p.pull(p.client("anon"), Principal.ANONYMOUS);
            assertEquals(Set.of(), AccessPeers.live(p.client("anon")).keySet());
        }
    }

    @Test
    void theClientsChannelsNarrowNeverWiden() {
        try (AccessPeers p = new AccessPeers(dir)) {
            seed(p.server);
            Database c = p.client("star");
            p.run(p.config(c, user("star", "*"), ReplicatorType.PULL).channels(List.of("x")).build(), null);
            assertEquals(Set.of("x1", "x2", "xy"), AccessPeers.live(c).keySet());

            Database d = p.client("y-asks-x");
            p.run(p.config(d, user("b", "y"), ReplicatorType.PULL).channels(List.of("x", "nope")).build(), null);
            assertEquals(Set.of("xy"), AccessPeers.live(d).keySet(), "x asked, only y readable: just [x,y]");
        }
    }

    @Test
    void rolesAndGrantsFromTheSyncFunctionOpenChannels() {
        SyncFunction fn = in -> {
            SyncResult r = SyncFunction.DEFAULT.sync(in);
            Map<String, Object> m = in.body().toMap();
            if (m.get("grantTo") instanceof String who) {
                r = r.withGrant(AccessGrant.user(who, SyncFunction.channelsProperty(m.get("grant"))));
            }
            if (m.get("grantRole") instanceof String role) {
                r = r.withGrant(AccessGrant.role(role, SyncFunction.channelsProperty(m.get("grant"))));
            }
            return r;
        };
        RoleChannels roles = role -> role.equals("readers-y") ? Set.of("y") : Set.of();
        try (AccessPeers p = new AccessPeers(dir, fn, "grants-1", roles, UnaryOperator.identity())) {
            seed(p.server);
            p.pull(p.client("r"), new Principal("r", Set.of("readers-y"), Set.of()));
            assertEquals(Set.of("y1", "xy", "pub"), AccessPeers.live(p.client("r")).keySet());

            ReplPeers.put(p.server, "g1", "{\"channels\":\"admin\",\"grantTo\":\"c\",\"grant\":[\"y\"]}");
            ReplPeers.put(p.server, "g2", "{\"channels\":\"admin\",\"grantRole\":\"ops\",\"grant\":\"x\"}");
            p.pull(p.client("c"), user("c"));
            assertEquals(Set.of("y1", "xy", "pub"), AccessPeers.live(p.client("c")).keySet());
            p.pull(p.client("ops"), new Principal("o", Set.of("ops"), Set.of()));
            assertEquals(Set.of("x1", "x2", "xy", "pub"), AccessPeers.live(p.client("ops")).keySet());
            assertEquals(Set.of("y", "!"), p.access.channelsOf(user("c")));
        }
    }

    @Test
    void aPushTheSyncFunctionRejectsIsADocumentErrorAndNothingIsStored() {
        SyncFunction fn = in -> in.body().toMap().containsKey("forbidden") ? SyncResult.reject("no forbidden docs")
                : SyncFunction.DEFAULT.sync(in);
        try (AccessPeers p = new AccessPeers(dir, fn, "reject-1", RoleChannels.NONE, UnaryOperator.identity())) {
            Database c = p.client("a");
            ReplPeers.put(c, "ok", "{\"channels\":\"x\"}");
            ReplPeers.put(c, "bad", "{\"forbidden\":true}");
            List<DocumentReplication> events = new ArrayList<>();
            Replicator r = p.run(p.config(c, user("a", "x"), ReplicatorType.PUSH).build(), events);
            assertEquals(ReplicatorActivity.STOPPED, r.status().activity());
            assertNotNull(p.server.defaultCollection().get("ok"));
            assertNull(p.server.defaultCollection().get("bad"), "nothing stored");
            DocumentReplication bad = events.stream().filter(e -> e.docId().equals("bad")).reduce((a, b) -> b)
                    .orElseThrow();
            assertNotNull(bad.error());
            assertEquals(403, bad.error().code());
            assertTrue(bad.error().getMessage().contains("no forbidden docs"), bad.error().getMessage());
            assertEquals(Set.of("x"), p.access.documentChannels(CollectionSpec.DEFAULT, "ok"));
        }
    }

    @Test
    void theSyncFunctionSeesThePusherAndTheOldBody() {
        List<SyncInput> seen = new ArrayList<>();
        SyncFunction fn = in -> {
            if (in.principal() != null) {
                synchronized (seen) {
                    seen.add(in);
                }
            }
            return SyncFunction.DEFAULT.sync(in);
        };
        try (AccessPeers p = new AccessPeers(dir, fn, "spy-1", RoleChannels.NONE, UnaryOperator.identity())) {
            ReplPeers.put(p.server, "d", "{\"channels\":\"x\",\"v\":1}");
            Database c = p.client("a");
            p.pull(c, user("a", "x"));
            ReplPeers.put(c, "d", "{\"channels\":\"x\",\"v\":2}");
            p.run(p.config(c, user("a", "x"), ReplicatorType.PUSH).build(), null);
            assertEquals(1, seen.size());
            assertEquals("a", seen.get(0).principal().name());
            assertEquals(1L, seen.get(0).oldBody().toMap().get("v"));
            assertEquals(2L, seen.get(0).body().toMap().get("v"));
        }
    }

    @Test
    void stateSurvivesARestartAndIsRecomputedForANewFunction() {
        Path serverDir = dir.resolve("server");
        Database db = Database.open(serverDir);
        SyncFunction grantY = in -> SyncFunction.DEFAULT.sync(in).withGrant(AccessGrant.user("c", Set.of("y")));
        ChannelAccess a = ChannelAccess.open(db, grantY, "v1", RoleChannels.NONE);
        ReplPeers.put(db, "g", "{\"channels\":\"x\"}");
        assertEquals(Set.of("x"), a.documentChannels(CollectionSpec.DEFAULT, "g"));
        assertEquals(Set.of("y", "!"), a.channelsOf(user("c")));
        a.close();
        db.close();

        db = Database.open(serverDir);
        SyncFunction failing = in -> {
            throw new AssertionError("same version: not run again");
        };
        a = ChannelAccess.open(db, failing, "v1", RoleChannels.NONE);
        assertEquals(Set.of("y", "!"), a.channelsOf(user("c")), "grant loaded from the database");
        assertEquals(Set.of("x"), a.documentChannels(CollectionSpec.DEFAULT, "g"));
        a.close();
        // written while no access state was open: processed when opened
        ReplPeers.put(db, "h", "{\"channels\":\"z\"}");
        a = ChannelAccess.open(db, grantY, "v1", RoleChannels.NONE);
        assertEquals(Set.of("z"), a.documentChannels(CollectionSpec.DEFAULT, "h"));
        a.close();

        SyncFunction everythingInW = in -> SyncResult.channels(Set.of("w"));
        a = ChannelAccess.open(db, everythingInW, "v2", RoleChannels.NONE);
        assertEquals(Set.of("w"), a.documentChannels(CollectionSpec.DEFAULT, "g"));
        assertEquals(Set.of("!"), a.channelsOf(user("c")), "the old function's grant is gone");
        a.close();
        db.close();
    }

    @Test
    void aDeletionStaysInItsChannelsSoReadersLearnOfIt() {
        try (AccessPeers p = new AccessPeers(dir)) {
            ReplPeers.put(p.server, "d", "{\"channels\":\"x\"}");
            Database c = p.client("a");
            p.pull(c, user("a", "x"));
            assertEquals(Set.of("d"), AccessPeers.live(c).keySet());
            p.server.defaultCollection().delete("d", p.server.defaultCollection().get("d").revId());
            p.pull(c, user("a", "x"));
            assertEquals(Set.of(), AccessPeers.live(c).keySet());
            assertTrue(c.defaultCollection().get("d").isDeleted());
        }
    }

    @Test
    void withoutAccessControlTheByChannelFilterReadsTheChannelsProperty() {
        try (ReplPeers peers = new ReplPeers(dir.resolve("plain"))) {
            seed(peers.remote);
            peers.runOnce(peers.config(ReplicatorType.PULL).channels(List.of("y")).build());
            assertEquals(Set.of("y1", "xy"), AccessPeers.live(peers.local).keySet());
        }
    }
}
