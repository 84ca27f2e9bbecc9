package org.c4j.replicator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.c4j.CollectionSpec;
import org.c4j.Database;
import org.c4j.blip.BlipConfig;
import org.c4j.blip.BlipConnection;
import org.c4j.blip.OutgoingMessage;
import org.c4j.replicator.internal.checkpoint.CheckpointId;
import org.c4j.replicator.internal.checkpoint.LocalCheckpoints;
import org.c4j.replicator.internal.db.DbAccess;
import org.c4j.socket.OptionsDict;
import org.c4j.socket.testkit.LoopbackSocketFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The active side's checkpoint protocol against a scripted peer: where pushing starts for a matching checkpoint, a
 * missing one, a reset; what setCheckpoint carries; and the 409 refresh.
 */
public class ReplicatorCheckpointTest {
    private static final URI TARGET = URI.create("ws://peer:4984/db");

    @TempDir
    Path dir;
    private Database db;
    private String checkpointId;
    private final List<String> proposedIds = new CopyOnWriteArrayList<>();
    private final List<String> setCheckpoints = new CopyOnWriteArrayList<>();
    private final List<String> getCheckpoints = new CopyOnWriteArrayList<>();
    /** What the peer answers to getCheckpoint: null = 404, else {rev, body}. */
    private volatile String[] peerCheckpoint;
    /** Revs the peer refuses setCheckpoint for with 409, once each. */
    private final List<String> conflictOnce = new CopyOnWriteArrayList<>();
    private volatile int peerRevGen;

    @BeforeEach
    void open() {
        db = Database.open(dir.resolve("db"));
        for (int i = 1; i <= 3; i++) {
            ReplPeers.put(db, "d" + i, "{}");
        }
        checkpointId = LocalCheckpoints.checkpointId(DbAccess.of(db), OptionsDict.EMPTY, CheckpointId.remoteUrl(TARGET),
                CollectionSpec.DEFAULT, false, false, true);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private void scriptedPeer(org.c4j.socket.C4Socket socket) {
        BlipConnection peer = BlipConnection.create(socket, BlipConfig.defaults());
        peer.setRequestHandler("getCheckpoint", rq -> {
            getCheckpoints.add(rq.property("client"));
            String[] cp = peerCheckpoint;
            if (cp == null) {
                rq.respondWithError("HTTP", 404, null);
            } else {
                rq.respond(OutgoingMessage.builder().property("rev", cp[0]).body(cp[1]).build());
            }
        });
        peer.setRequestHandler("setCheckpoint", rq -> {
            String rev = rq.property("rev");
            if (conflictOnce.remove(rev)) {
                rq.respondWithError("HTTP", 409, "revision ID mismatch");
                return;
            }
            setCheckpoints.add(rev + " " + rq.bodyAsString().replaceAll("\"time\":\\d+,?", ""));
            String next = (++peerRevGen) + "-cc";
            peerCheckpoint = new String[] {next, rq.bodyAsString()};
            rq.respond(OutgoingMessage.builder().property("rev", next).build());
        });
        peer.setRequestHandler("proposeChanges", rq -> {
            String body = rq.bodyAsString();
            for (String part : body.split("\\[\"")) {
                if (!part.isEmpty() && !part.startsWith("[")) {
                    proposedIds.add(part.substring(0, part.indexOf('"')));
                }
            }
            rq.respond(OutgoingMessage.builder().body("[]").build());
        });
        peer.setRequestHandler("rev", rq -> rq.respond(OutgoingMessage.builder().build()));
        peer.start();
    }

    private ReplicatorStatus push(boolean reset) {
        LoopbackSocketFactory factory = new LoopbackSocketFactory((socket, request) -> scriptedPeer(socket));
        Replicator r = new Replicator(ReplicatorConfig.builder(db, TARGET).type(ReplicatorType.PUSH)
                .socketFactory(factory).build()); // real 5 s autosave: the only save is the final one
        r.start(reset);
        return ReplTestSupport.awaitStopped(r);
    }

    private static String last(List<String> list) {
        return list.get(list.size() - 1);
    }

    private String localCheckpointJson() {
        return db.getLocalDocument("checkpoints/" + checkpointId).json().replaceAll("\"time\":\\d+,?", "");
    }

    @Test
    void noCheckpointAnywhere_pushesEverythingAndSavesBothCopies() {
        assertNull(push(false).error());
        assertEquals(List.of("d1", "d2", "d3"), proposedIds);
        assertEquals(List.of(checkpointId), getCheckpoints);
        assertEquals(List.of(" {\"local\":3}"), setCheckpoints, "first save carries an empty rev");
        assertEquals("{\"local\":3}", localCheckpointJson());
    }

    @Test
    void matchingCheckpoints_resumeAfterTheSavedSequence() {
        LocalCheckpoints.write(DbAccess.of(db), checkpointId, "{\"time\":1,\"local\":2}".getBytes(StandardCharsets.UTF_8));
        peerCheckpoint = new String[] {"4-cc", "{\"time\":1,\"local\":2}"};
        peerRevGen = 4;
        assertNull(push(false).error());
        assertEquals(List.of("d3"), proposedIds);
        assertEquals(List.of("4-cc {\"local\":3}"), setCheckpoints, "saved over the peer's rev");
    }

    @Test
    void mismatchedCheckpoints_startOver() {
        LocalCheckpoints.write(DbAccess.of(db), checkpointId, "{\"time\":1,\"local\":2}".getBytes(StandardCharsets.UTF_8));
        peerCheckpoint = null; // the peer lost it
        assertNull(push(false).error());
        assertEquals(List.of("d1", "d2", "d3"), proposedIds);
        setCheckpoints.clear();
        proposedIds.clear();

        LocalCheckpoints.write(DbAccess.of(db), checkpointId, "{\"time\":1,\"local\":3}".getBytes(StandardCharsets.UTF_8));
        peerCheckpoint = new String[] {"7-cc", "{\"time\":1,\"local\":1}"};
        assertNull(push(false).error());
        // local 3 vs remote 1: reset to 0; the documents are known to be on the peer already (their remote revs were
        // recorded by the first push), so nothing is proposed, but the feed is read again from 0 and saved
        assertEquals(List.of(), proposedIds);
        assertEquals(List.of("7-cc {\"local\":3}"), setCheckpoints);
    }

    @Test
    void resetIgnoresTheLocalCheckpoint() {
        LocalCheckpoints.write(DbAccess.of(db), checkpointId, "{\"time\":1,\"local\":3}".getBytes(StandardCharsets.UTF_8));
        peerCheckpoint = new String[] {"1-cc", "{\"time\":1,\"local\":3}"};
        peerRevGen = 1;
        assertNull(push(true).error());
        assertEquals(List.of("d1", "d2", "d3"), proposedIds);
        assertEquals("{\"local\":3}", last(setCheckpoints).substring(last(setCheckpoints).indexOf(' ') + 1),
                "progress from 0 is saved");
    }

    @Test
    void aConflictingSaveRereadsThePeerRevAndSavesAgain() {
        conflictOnce.add("");
        peerCheckpoint = null;
        peerRevGen = 1; // the first save (rev "") gets 409
        assertNull(push(false).error());
        assertEquals(2, getCheckpoints.size(), "the initial read and the refresh after the 409");
        assertEquals(1, setCheckpoints.size());
        assertTrue(setCheckpoints.get(0).endsWith("{\"local\":3}"));
        assertEquals("{\"local\":3}", localCheckpointJson());
    }
}
