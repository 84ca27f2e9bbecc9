package org.c4j.replicator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

import org.c4j.Database;
import org.c4j.socket.Principal;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

/**
 * Random users, roles, grants and channel moves: after each round of changes, every user's client pulls (auto-purge
 * on) and holds exactly the documents the model says it may read, and no revision it may not read ever arrived
 * (every pulled revision, counted by the client's document events, was readable when it was sent).
 */
public class ChannelAccessPropertyTest {
    private static final String[] CHANNELS = {"a", "b", "c", "d"};
    private static final int USERS = 3;
    private static final int DOCS = 10;
    private static final int ROUNDS = 4;

    private static Set<String> randomChannels(Random r) {
        Set<String> out = new TreeSet<>();
        for (String c : CHANNELS) {
            if (r.nextInt(3) == 0) {
                out.add(c);
            }
        }
        return out;
    }

    private static String json(Set<String> channels) {
        StringBuilder b = new StringBuilder("[");
        for (String c : channels) {
            b.append(b.length() > 1 ? "," : "").append('"').append(c).append('"');
        }
        return b.append(']').toString();
    }

    @Property(tries = 12)
    void everyClientHoldsExactlyWhatItMayRead(@ForAll @LongRange(min = 1) long seed) throws IOException {
        Random r = new Random(seed);
        Map<String, Set<String>> roleChannels = Map.of("r0", randomChannels(r), "r1", randomChannels(r));
        SyncFunction fn = in -> {
            SyncResult res = SyncFunction.DEFAULT.sync(in);
            Map<String, Object> m = in.body().toMap();
            return m.get("grantTo") instanceof String who
                    ? res.withGrant(AccessGrant.user(who, SyncFunction.channelsProperty(m.get("grant")))) : res;
        };
        Path dir = Files.createTempDirectory("channels-prop");
        // model state
        Map<String, Set<String>> docChannels = new HashMap<>();
        Map<String, Set<String>> admin = new HashMap<>();
        Map<String, Set<String>> roles = new HashMap<>();
        Map<String, Set<String>> grants = new HashMap<>(); // grant doc (one per user) -> channels
        try (AccessPeers p = new AccessPeers(dir, fn, "prop", role -> roleChannels.getOrDefault(role, Set.of()),
                UnaryOperator.identity())) {
            for (int i = 0; i < DOCS; i++) {
                docChannels.put("d" + i, randomChannels(r));
            }
            for (int u = 0; u < USERS; u++) {
                admin.put("u" + u, randomChannels(r));
                roles.put("u" + u, r.nextBoolean() ? Set.of("r" + r.nextInt(2)) : Set.of());
                grants.put("u" + u, r.nextInt(3) == 0 ? randomChannels(r) : Set.of());
            }
            docChannels.forEach((id, ch) -> ReplPeers.put(p.server, id, "{\"channels\":" + json(ch) + "}"));
            grants.forEach((u, ch) -> ReplPeers.put(p.server, "grant-" + u,
                    "{\"channels\":\"admin-only\",\"grantTo\":\"" + u + "\",\"grant\":" + json(ch) + "}"));
            for (int round = 0; round < ROUNDS; round++) {
                if (round > 0) {
                    mutate(r, p, docChannels, admin, roles, grants);
                }
                for (int u = 0; u < USERS; u++) {
                    String name = "u" + u;
                    Set<String> readable = new HashSet<>(admin.get(name));
                    readable.add("!");
                    roles.get(name).forEach(role -> readable.addAll(roleChannels.get(role)));
                    readable.addAll(grants.get(name));
                    Set<String> visible = new TreeSet<>();
                    docChannels.forEach((id, ch) -> {
                        if (ch.stream().anyMatch(readable::contains)) {
                            visible.add(id);
                        }
                    });
                    Database c = p.client(name);
                    List<DocumentReplication> events = new ArrayList<>();
                    Principal who = new Principal(name, roles.get(name), admin.get(name));
                    Replicator rep = p.run(p.config(c, who, ReplicatorType.PULL).build(), events);
                    assertEquals(null, rep.status().error(), "seed " + seed);
                    for (DocumentReplication e : events) {
                        if (!e.accessRemoved()) {
                            assertTrue(visible.contains(e.docId()),
                                    "seed " + seed + " round " + round + ": " + name + " was sent " + e.docId());
                        }
                    }
                    assertEquals(visible, AccessPeers.live(c).keySet(), "seed " + seed + " round " + round + " "
                            + name + " readable " + readable);
                }
            }
        }
    }

    private static void mutate(Random r, AccessPeers p, Map<String, Set<String>> docChannels,
                               Map<String, Set<String>> admin, Map<String, Set<String>> roles,
                               Map<String, Set<String>> grants) {
        int changes = 1 + r.nextInt(4);
        for (int i = 0; i < changes; i++) {
            String u = "u" + r.nextInt(USERS);
            switch (r.nextInt(4)) {
                case 0 -> {
                    String id = "d" + r.nextInt(DOCS);
                    Set<String> ch = randomChannels(r);
                    docChannels.put(id, ch);
                    ReplPeers.put(p.server, id, "{\"channels\":" + json(ch) + ",\"v\":" + r.nextInt() + "}");
                }
                case 1 -> admin.put(u, randomChannels(r));
                case 2 -> roles.put(u, r.nextBoolean() ? Set.of("r" + r.nextInt(2)) : Set.of());
                default -> {
                    Set<String> ch = r.nextBoolean() ? randomChannels(r) : Set.of();
                    grants.put(u, ch);
                    ReplPeers.put(p.server, "grant-" + u,
                            "{\"channels\":\"admin-only\",\"grantTo\":\"" + u + "\",\"grant\":" + json(ch)
                                    + ",\"v\":" + r.nextInt() + "}");
                }
            }
        }
    }
}
