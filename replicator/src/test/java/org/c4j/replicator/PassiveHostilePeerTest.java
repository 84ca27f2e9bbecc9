package org.c4j.replicator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.c4j.BlobKey;
import org.c4j.Body;
import org.c4j.Database;
import org.c4j.InsertRequest;
import org.c4j.blip.BlipConfig;
import org.c4j.blip.BlipConnection;
import org.c4j.blip.IncomingMessage;
import org.c4j.blip.OutgoingMessage;
import org.c4j.replicator.internal.core.ReplTuning;
import org.c4j.socket.testkit.LoopbackPair;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scripted BLIP peer attacking the passive side (issue 9): checkpoint floods, attachment floods, conflicting
 * pushes to a listener. Each is refused with its status, and the connection still works afterwards.
 */
public class PassiveHostilePeerTest {
    @TempDir
    Path dir;
    private Database db;
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
        LoopbackPair pair = LoopbackPair.create();
        passive = new PassiveReplicator(pair.server(), config, "hostile-peer");
        passive.start();
        peer = BlipConnection.create(pair.client(), BlipConfig.defaults());
        peer.start();
    }

    private IncomingMessage call(OutgoingMessage.Builder rq) throws Exception {
        return peer.send(rq.build()).get(20, TimeUnit.SECONDS);
    }

    private static OutgoingMessage.Builder setCheckpoint(String client, String body) {
        return OutgoingMessage.request("setCheckpoint").property("client", client).property("rev", "").body(body);
    }

    @Test
    void oversizeCheckpointBodiesAndClientIdsAreRefused() throws Exception {
        serve(PassiveReplicator.Config.of(db));
        String big = "{\"x\":\"" + "a".repeat(ReplTuning.MAX_PEER_CHECKPOINT_BODY) + "\"}";
        IncomingMessage tooBig = call(setCheckpoint("cp", big));
        assertTrue(tooBig.isError());
        assertEquals(413, tooBig.errorCode());
        IncomingMessage longId = call(setCheckpoint("c".repeat(ReplTuning.MAX_PEER_CHECKPOINT_ID + 1), "{}"));
        assertEquals(400, longId.errorCode());
        assertFalse(call(setCheckpoint("cp", "{\"local\":1}")).isError(), "a normal checkpoint still works");
    }

    /** A new client is counted only with its checkpoint stored: a body that can't be stored leaves the count alone. */
    @Test
    void aCheckpointThatCannotBeStoredIsNotCounted() throws Exception {
        serve(PassiveReplicator.Config.of(db));
        for (int i = 0; i < 5; i++) {
            IncomingMessage r = call(setCheckpoint("broken-" + i, "{not json"));
            assertTrue(r.isError(), "a malformed checkpoint body was stored");
        }
        assertNull(db.getLocalDocument("peerCheckpointCount"), "clients counted without a stored checkpoint");
        assertFalse(call(setCheckpoint("good", "{\"local\":1}")).isError());
        assertEquals("{\"count\":1}", db.getLocalDocument("peerCheckpointCount").json());
    }

    @Test
    void aCheckpointFloodStopsAtTheCapWhileKnownClientsStillUpdate() throws Exception {
        // Pretend the cap is nearly reached, as after a long flood (the count persists in the database).
        db.putLocalDocument("peerCheckpointCount", null, "{\"count\":" + (ReplTuning.MAX_PEER_CHECKPOINTS - 3) + "}");
        serve(PassiveReplicator.Config.of(db));
        int stored = 0;
        int refused = 0;
        for (int i = 0; i < 10; i++) {
            IncomingMessage r = call(setCheckpoint("flood-" + i, "{\"local\":" + i + "}"));
            if (r.isError()) {
                assertEquals(507, r.errorCode(), r::errorMessage);
                refused++;
            } else {
                stored++;
            }
        }
        assertEquals(3, stored);
        assertEquals(7, refused);
        IncomingMessage update = call(OutgoingMessage.request("setCheckpoint").property("client", "flood-0")
                .property("rev", "1-cc").body("{\"local\":99}"));
        assertFalse(update.isError(), update::errorMessage);
        assertEquals("2-cc", update.property("rev"));
    }

    @Test
    void aGetAttachmentFloodHoldsFewFilesAndRefusesPastTheQueue() throws Exception {
        byte[] data = new byte[256 * 1024];
        new java.util.Random(3).nextBytes(data);
        BlobKey key = db.blobStore().create(data);
        serve(PassiveReplicator.Config.of(db));
        int n = ReplTuning.MAX_OPEN_BLOB_STREAMS + ReplTuning.MAX_PENDING_BLOB_REQUESTS + 50;
        List<CompletableFuture<IncomingMessage>> replies = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            replies.add(peer.send(OutgoingMessage.request("getAttachment").property("digest", key.toString())
                    .property("docID", "d").build()));
        }
        int ok = 0;
        int refused = 0;
        for (CompletableFuture<IncomingMessage> f : replies) {
            IncomingMessage r = f.get(60, TimeUnit.SECONDS);
            if (r.isError()) {
                assertEquals(503, r.errorCode(), r::errorMessage);
                refused++;
            } else {
                assertEquals(data.length, r.body().length);
                ok++;
            }
        }
        assertTrue(refused > 0, "nothing refused");
        assertTrue(ok >= ReplTuning.MAX_OPEN_BLOB_STREAMS + ReplTuning.MAX_PENDING_BLOB_REQUESTS,
                "served " + ok);
    }

    /** A conflicting rev pushed straight to a listener-configured passive side gets 409 and no branch. */
    @Test
    void aConflictingPushToAListenerIsRefused() throws Exception {
        db.defaultCollection().insertExisting(InsertRequest.of("c", List.of("1-aa"), Body.fromJson("{}")));
        db.defaultCollection().save("c", "1-aa", Body.fromJson("{\"mine\":true}"));
        serve(Listener.withListenerDefaults(PassiveReplicator.Config.of(db)));
        IncomingMessage changes = call(OutgoingMessage.request("changes").body("[[1,\"c\",\"2-bb\"]]"));
        assertTrue(changes.isError(), "changes (not proposeChanges) accepted from a pusher");
        assertEquals(409, changes.errorCode());
        IncomingMessage rev = call(OutgoingMessage.request("rev").property("id", "c").property("rev", "2-bb")
                .property("history", "1-aa").property("sequence", "1").body("{\"theirs\":true}"));
        assertTrue(rev.isError(), "a conflicting rev was stored");
        assertFalse(db.defaultCollection().get("c").isConflicted());
    }

    /** The listener default yields to an explicit {@code noIncomingConflicts: false}. */
    @Test
    void anExplicitNoIncomingConflictsFalseIsKept() throws Exception {
        PassiveReplicator.Config off = Listener.withListenerDefaults(PassiveReplicator.Config.of(db)
                .withOptions(org.c4j.socket.OptionsDict.builder()
                        .put(org.c4j.socket.OptionKeys.NO_INCOMING_CONFLICTS, false).build()));
        assertFalse(off.options().getBool(org.c4j.socket.OptionKeys.NO_INCOMING_CONFLICTS, true));
        serve(off);
        IncomingMessage changes = call(OutgoingMessage.request("changes").body("[[1,\"c\",\"2-bb\"]]"));
        assertFalse(changes.isError(), changes::errorMessage);
    }
}
