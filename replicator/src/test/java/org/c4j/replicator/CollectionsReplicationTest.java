package org.c4j.replicator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.List;

import org.c4j.Body;
import org.c4j.Collection;
import org.c4j.CollectionSpec;
import org.c4j.Database;
import org.c4j.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Collection-aware (getCollections) replication of several collections, c4j to c4j. */
public class CollectionsReplicationTest {
    private static final CollectionSpec BIRDS = new CollectionSpec("zoo", "birds");
    private static final CollectionSpec FISH = CollectionSpec.of("fish");

    @TempDir
    Path dir;

    private static void put(Database db, CollectionSpec spec, String id, String json) {
        Collection c = db.collection(spec);
        Document d = c.get(id);
        c.save(id, d == null ? null : d.revId(), Body.fromJson(json));
    }

    @Test
    void replicatesSeveralCollectionsBothWaysAndResumes() {
        List<CollectionSpec> specs = List.of(CollectionSpec.DEFAULT, BIRDS, FISH);
        try (ReplPeers peers = new ReplPeers(dir, c -> c.withCollections(specs))) {
            for (Database db : List.of(peers.local, peers.remote)) {
                db.createCollection(BIRDS);
                db.createCollection(FISH);
            }
            put(peers.local, BIRDS, "robin", "{\"wings\":2}");
            put(peers.local, CollectionSpec.DEFAULT, "d1", "{}");
            put(peers.remote, FISH, "cod", "{\"fins\":5}");
            ReplicatorStatus end = peers.runOnce(peers.config(ReplicatorType.PUSH_AND_PULL).collections(specs).build());
            assertNull(end.error());
            for (CollectionSpec s : specs) {
                assertEquals(ReplPeers.snapshot(peers.local.collection(s)), ReplPeers.snapshot(peers.remote.collection(s)),
                        s.toString());
            }
            assertEquals("{\"fins\":5}", peers.local.collection(FISH).get("cod").body().toJson());

            put(peers.local, FISH, "eel", "{}");
            ReplicatorStatus again = peers.runOnce(peers.config(ReplicatorType.PUSH_AND_PULL).collections(specs).build());
            assertNull(again.error());
            assertEquals(1, again.documentCount(), "checkpoints per collection: only the new document moves");
        }
    }

    @Test
    void aCollectionThePeerDoesNotServeStopsWith404() {
        try (ReplPeers peers = new ReplPeers(dir)) {
            peers.local.createCollection(BIRDS);
            ReplicatorStatus end = peers.runOnce(peers.config(ReplicatorType.PUSH).collections(List.of(BIRDS)).build());
            assertEquals(404, end.error().code());
        }
    }
}
