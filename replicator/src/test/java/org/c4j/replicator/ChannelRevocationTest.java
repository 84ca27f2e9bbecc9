package org.c4j.replicator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

import org.c4j.Database;
import org.c4j.socket.Principal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Revocation c4j <-> c4j, as Sync Gateway 3 does for clients asking {@code revocations: true}: when a user loses
 * access (admin channels, a role, a grant) or a document leaves its channels, the next pull purges it (auto-purge on)
 * and reports it access-removed, or keeps it (auto-purge off).
 */
public class ChannelRevocationTest {
    @TempDir
    Path dir;

    private static Principal user(String name, String... channels) {
        return new Principal(name, Set.of(), Set.of(channels));
    }

    private static void seed(Database server) {
        ReplPeers.put(server, "x1", "{\"channels\":\"x\"}");
        ReplPeers.put(server, "x2", "{\"channels\":\"x\"}");
        ReplPeers.put(server, "y1", "{\"channels\":\"y\"}");
        ReplPeers.put(server, "xy", "{\"channels\":[\"x\",\"y\"]}");
    }

    private static Set<String> removed(List<DocumentReplication> events) {
        Set<String> out = new TreeSet<>();
        for (DocumentReplication e : events) {
            if (e.accessRemoved()) {
                out.add(e.docId());
            }
        }
        return out;
    }

    private List<DocumentReplication> pull(AccessPeers p, Database c, Principal who, boolean autoPurge) {
        List<DocumentReplication> events = new ArrayList<>();
        Replicator r = p.run(p.config(c, who, ReplicatorType.PULL).autoPurge(autoPurge).build(), events);
        assertNull(r.status().error());
        return events;
    }

    @Test
    void losingAChannelPurgesItsDocumentsOnTheNextPull() {
        try (AccessPeers p = new AccessPeers(dir)) {
            seed(p.server);
            Database c = p.client("a");
            pull(p, c, user("a", "x"), true);
            assertEquals(Set.of("x1", "x2", "xy"), AccessPeers.live(c).keySet());

            List<DocumentReplication> events = pull(p, c, user("a", "y"), true); // the admin took x away, gave y
            assertEquals(Set.of("x1", "x2"), removed(events));
            assertEquals(Set.of("y1", "xy"), AccessPeers.live(c).keySet());
            assertNull(c.defaultCollection().get("x1"), "purged, not deleted");
        }
    }

    @Test
    void withAutoPurgeOffTheDocumentsAreKept() {
        try (AccessPeers p = new AccessPeers(dir)) {
            seed(p.server);
            Database c = p.client("a");
            pull(p, c, user("a", "x"), false);
            pull(p, c, user("a"), false);
            assertEquals(Set.of("x1", "x2", "xy"), AccessPeers.live(c).keySet());
        }
    }

    @Test
    void aDocumentLeavingTheChannelIsRemoved() {
        try (AccessPeers p = new AccessPeers(dir)) {
            seed(p.server);
            Database c = p.client("a");
            pull(p, c, user("a", "x"), true);
            ReplPeers.put(p.server, "x1", "{\"channels\":\"z\"}");
            List<DocumentReplication> events = pull(p, c, user("a", "x"), true);
            assertEquals(Set.of("x1"), removed(events));
            assertEquals(Set.of("x2", "xy"), AccessPeers.live(c).keySet());
            // back in x: it comes back
            ReplPeers.put(p.server, "x1", "{\"channels\":\"x\",\"back\":true}");
            pull(p, c, user("a", "x"), true);
            assertEquals(Set.of("x1", "x2", "xy"), AccessPeers.live(c).keySet());
        }
    }

    @Test
    void aRemovedGrantOrRoleRevokes() {
        SyncFunction fn = in -> {
            SyncResult r = SyncFunction.DEFAULT.sync(in);
            Map<String, Object> m = in.body().toMap();
            return m.get("grantTo") instanceof String who
                    ? r.withGrant(AccessGrant.user(who, SyncFunction.channelsProperty(m.get("grant")))) : r;
        };
        RoleChannels roles = role -> role.equals("ry") ? Set.of("y") : Set.of();
        try (AccessPeers p = new AccessPeers(dir, fn, "g1", roles, UnaryOperator.identity())) {
            seed(p.server);
            ReplPeers.put(p.server, "grant", "{\"grantTo\":\"g\",\"grant\":\"x\"}");
            Database c = p.client("g");
            pull(p, c, user("g"), true);
            assertEquals(Set.of("x1", "x2", "xy"), AccessPeers.live(c).keySet());
            ReplPeers.put(p.server, "grant", "{\"grantTo\":\"someone-else\",\"grant\":\"x\"}");
            assertEquals(Set.of("x1", "x2", "xy"), removed(pull(p, c, user("g"), true)));
            assertEquals(Set.of(), AccessPeers.live(c).keySet());

            Database d = p.client("r");
            pull(p, d, new Principal("r", Set.of("ry"), Set.of()), true);
            assertEquals(Set.of("y1", "xy"), AccessPeers.live(d).keySet());
            assertEquals(Set.of("y1", "xy"), removed(pull(p, d, user("r"), true)));
            assertEquals(Set.of(), AccessPeers.live(d).keySet());
        }
    }

    @Test
    void regainingTheChannelBringsTheDocumentsBack() {
        try (AccessPeers p = new AccessPeers(dir)) {
            seed(p.server);
            Database c = p.client("a");
            pull(p, c, user("a", "x"), true);
            pull(p, c, user("a"), true);
            assertTrue(AccessPeers.live(c).isEmpty());
            pull(p, c, user("a", "x"), true);
            assertEquals(Set.of("x1", "x2", "xy"), AccessPeers.live(c).keySet());
        }
    }
}
