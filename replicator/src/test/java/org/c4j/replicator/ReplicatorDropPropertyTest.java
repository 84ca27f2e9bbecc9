package org.c4j.replicator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;
import org.c4j.Collection;
import org.c4j.Database;
import org.c4j.Document;
import org.c4j.socket.testkit.LoopbackConfig;
import org.c4j.socket.testkit.Side;

/**
 * Push-and-pull over connections dropped at random points: after the replicator's retries both databases hold
 * exactly the same documents, each at its origin's revision with a single leaf — nothing lost, nothing duplicated.
 */
public class ReplicatorDropPropertyTest {

    /** Where the k-th connection drops: the {@code index}-th message {@code side} writes. */
    record Drop(Side side, int index) {
    }

    @Provide
    Arbitrary<Drop> drops() {
        return Combinators.combine(Arbitraries.of(Side.CLIENT, Side.SERVER), Arbitraries.integers().between(0, 30))
                .as(Drop::new);
    }

    @Property(tries = 100)
    void droppedConnectionsConverge(@ForAll @IntRange(max = 8) int localDocs,
                                    @ForAll @IntRange(max = 8) int remoteDocs,
                                    @ForAll @IntRange(max = 3) int edits,
                                    @ForAll @Size(min = 1, max = 3) List<@net.jqwik.api.From("drops") Drop> schedule)
            throws IOException {
        Path dir = Files.createTempDirectory("c4j-drop");
        try (ReplPeers peers = new ReplPeers(dir)) {
            Map<String, Database> origin = new HashMap<>();
            write(peers.local, "l", localDocs, edits, origin);
            write(peers.remote, "r", remoteDocs, edits, origin);
            peers.loopback = dropping(schedule);
            Replicator r = peers.replicator(peers.config(ReplicatorType.PUSH_AND_PULL).build());
            r.start();
            ReplicatorStatus end = ReplTestSupport.awaitStopped(r);
            assertNull(end.error(), () -> "ended with " + end.error() + " after " + schedule);

            for (Map.Entry<String, Database> e : origin.entrySet()) {
                Document mine = e.getValue().defaultCollection().get(e.getKey());
                for (Database db : List.of(peers.local, peers.remote)) {
                    Document d = db.defaultCollection().get(e.getKey());
                    if (d == null && mine.isDeleted()) {
                        continue; // a first pull into an empty database skips tombstones (activeOnly), as LiteCore
                    }
                    assertEquals(mine.revId(), d == null ? null : d.revId(), e.getKey());
                    assertFalse(d.isConflicted(), e.getKey());
                    assertEquals(1, d.leafRevisions(true).size(), e.getKey());
                }
            }
            assertTrue(origin.keySet().containsAll(ReplPeers.snapshot(peers.local).keySet()), "no strangers");
            assertTrue(origin.keySet().containsAll(ReplPeers.snapshot(peers.remote).keySet()), "no strangers");
            Statistics.label("connections").collect(peers.lastFactory.pairs().size());
        } finally {
            deleteTree(dir);
        }
    }

    /** Creates documents, then updates ({@code edits} times) or deletes some of them. */
    private static void write(Database db, String prefix, int count, int edits, Map<String, Database> origin) {
        for (int i = 0; i < count; i++) {
            String id = prefix + "-" + i;
            ReplPeers.put(db, id, "{\"i\":" + i + "}");
            for (int e = 0; e < edits && i % 2 == 0; e++) {
                ReplPeers.put(db, id, "{\"i\":" + i + ",\"edit\":" + e + "}");
            }
            if (i % 3 == 2) {
                Collection c = db.defaultCollection();
                c.delete(id, c.get(id).revId());
            }
            origin.put(id, db);
        }
    }

    /** A loopback config dropping the k-th connection as {@code schedule.get(k)} says; later ones are healthy. */
    private static LoopbackConfig dropping(List<Drop> schedule) {
        AtomicInteger connection = new AtomicInteger(-1);
        return LoopbackConfig.builder().dropWhen((sender, index, msg) -> {
            int k = sender == Side.CLIENT && index == 0 ? connection.incrementAndGet() : connection.get();
            if (k < 0 || k >= schedule.size()) {
                return false;
            }
            Drop d = schedule.get(k);
            return d.side() == sender && d.index() == index;
        }).build();
    }

    private static void deleteTree(Path dir) throws IOException {
        List<Path> paths = new ArrayList<>();
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(paths::add);
        }
        for (Path p : paths) {
            Files.deleteIfExists(p);
        }
    }
}
