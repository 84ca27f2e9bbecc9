package org.c4j.replicator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.c4j.CollectionSpec;
import org.c4j.Database;
import org.c4j.blip.BlipConfig;
import org.c4j.blip.BlipConnection;
import org.c4j.blip.IncomingMessage;
import org.c4j.blip.OutgoingMessage;
import org.c4j.socket.testkit.LoopbackPair;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The passive side driven by a scripted BLIP peer: checkpoints, refused directions, getCollections, status. */
public class PassiveReplicatorTest {
    @TempDir
    Path dir;
    private Database db;
    private LoopbackPair pair;
    private PassiveReplicator passive;
    private BlipConnection peer;

    @BeforeEach
    void open() {
        db = Database.open(dir.resolve("db"));
    }

    @AfterEach
    void close() {
        if (peer != null) {
            peer.close();
        }
        if (passive != null) {
            ReplTestSupport.awaitStopped(passive);
        }
        db.close();
    }

    private void serve(PassiveReplicator.Config config) {
        pair = LoopbackPair.create();
        passive = new PassiveReplicator(pair.server(), config, "test-peer");
        passive.start();
        peer = BlipConnection.create(pair.client(), BlipConfig.defaults());
        peer.start();
    }

    private IncomingMessage call(OutgoingMessage.Builder rq) throws Exception {
        return peer.send(rq.build()).get(10, TimeUnit.SECONDS);
    }

    private static OutgoingMessage.Builder get(String client) {
        OutgoingMessage.Builder b = OutgoingMessage.request("getCheckpoint");
        return client == null ? b : b.property("client", client);
    }

    private static OutgoingMessage.Builder set(String client, String rev, String body) {
        return OutgoingMessage.request("setCheckpoint").property("client", client).property("rev", rev).body(body);
    }

    @Test
    void storesPeerCheckpointsWithMvccRevisions() throws Exception {
        serve(PassiveReplicator.Config.of(db));
        IncomingMessage none = call(get("cp-abc"));
        assertTrue(none.isError());
        assertEquals("HTTP", none.errorDomain());
        assertEquals(404, none.errorCode());

        IncomingMessage first = call(set("cp-abc", "", "{\"time\":1,\"local\":20}"));
        assertFalse(first.isError());
        assertEquals("1-cc", first.property("rev"));

        IncomingMessage got = call(get("cp-abc"));
        assertEquals("1-cc", got.property("rev"));
        assertEquals("{\"time\":1,\"local\":20}", got.bodyAsString());

        IncomingMessage stale = call(set("cp-abc", "", "{\"local\":21}"));
        assertEquals("HTTP", stale.errorDomain());
        assertEquals(409, stale.errorCode());
        assertEquals("revision ID mismatch", stale.errorMessage());

        IncomingMessage second = call(set("cp-abc", "1-cc", "{\"local\":21}"));
        assertEquals("2-cc", second.property("rev"));
        assertEquals("{\"local\":21}", call(get("cp-abc")).bodyAsString());
        assertEquals("2-cc", db.getLocalDocument("peerCheckpoints/cp-abc").meta());
    }

    @Test
    void checkpointRequestWithoutClientIsABadRequest() throws Exception {
        serve(PassiveReplicator.Config.of(db));
        IncomingMessage r = call(get(null));
        assertEquals("BLIP", r.errorDomain());
        assertEquals(400, r.errorCode());
        assertEquals("missing checkpoint ID", r.errorMessage());
    }

    @Test
    void readOnlyRefusesPushesWith403() throws Exception {
        serve(PassiveReplicator.Config.of(db).withAllowPush(false));
        for (String profile : List.of("proposeChanges", "changes", "rev", "norev")) {
            IncomingMessage r = call(OutgoingMessage.request(profile).body("[]"));
            assertEquals("HTTP", r.errorDomain(), profile);
            assertEquals(403, r.errorCode(), profile);
            assertEquals("Attempting to push to a pull-only replicator", r.errorMessage());
        }
    }

    @Test
    void pullRefusedWhenPullsAreNotAllowed() throws Exception {
        serve(PassiveReplicator.Config.of(db).withAllowPull(false));
        IncomingMessage r = call(OutgoingMessage.request("subChanges"));
        assertEquals(403, r.errorCode());
        assertEquals("Attempting to pull from a push-only replicator", r.errorMessage());
    }

    @Test
    void getCollectionsAnswersCheckpointsAndMissingCollections() throws Exception {
        CollectionSpec served = CollectionSpec.of("served");
        db.createCollection(served);
        db.createCollection(CollectionSpec.of("other")); // exists but not served
        db.putLocalDocument("peerCheckpoints/cp-2", "3-cc", "{\"local\":7}");
        serve(PassiveReplicator.Config.of(db).withCollections(List.of(CollectionSpec.DEFAULT, served)));

        IncomingMessage missing = call(OutgoingMessage.request("getCollections")
                .body("{\"checkpoint_ids\":[\"cp-1\",\"cp-x\"],\"collections\":[\"_default\",\"other\"]}"));
        assertEquals("[{},null]", missing.bodyAsString());
    }

    @Test
    void getCollectionsSetsUpLanesAndReturnsStoredCheckpoints() throws Exception {
        CollectionSpec served = CollectionSpec.of("served");
        db.createCollection(served);
        db.putLocalDocument("peerCheckpoints/cp-2", "3-cc", "{\"local\":7}");
        serve(PassiveReplicator.Config.of(db).withCollections(List.of(CollectionSpec.DEFAULT, served)));

        IncomingMessage r = call(OutgoingMessage.request("getCollections")
                .body("{\"checkpoint_ids\":[\"cp-1\",\"cp-2\"],\"collections\":[\"_default\",\"served\"]}"));
        assertEquals("[{},{\"local\":7,\"rev\":\"3-cc\"}]", r.bodyAsString());

        IncomingMessage again = call(OutgoingMessage.request("getCollections")
                .body("{\"checkpoint_ids\":[\"cp-1\"],\"collections\":[\"_default\"]}"));
        assertEquals(400, again.errorCode(), "getCollections must be the first message");
        IncomingMessage badIndex = call(OutgoingMessage.request("subChanges").property("collection", "5"));
        assertEquals("BLIP", badIndex.errorDomain());
        assertEquals(400, badIndex.errorCode());
    }

    @Test
    void statusIsIdleWhileConnectedAndStoppedWithoutErrorAfterAPeerClose() throws Exception {
        serve(PassiveReplicator.Config.of(db));
        call(get("cp-abc")); // the connection is up
        ReplTestSupport.await(() -> passive.status().activity() == ReplicatorActivity.IDLE, "idle");
        peer.close();
        ReplicatorStatus end = ReplTestSupport.awaitStopped(passive);
        assertNull(end.error());
        peer = null;
    }
}
