package org.c4j.replicator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.c4j.BlobKey;
import org.c4j.Database;
import org.c4j.blip.BlipConfig;
import org.c4j.blip.BlipConnection;
import org.c4j.blip.IncomingMessage;
import org.c4j.blip.OutgoingMessage;
import org.c4j.socket.Principal;
import org.c4j.socket.testkit.LoopbackPair;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A peer asking for blobs by digest gets only those of documents it may read (named by {@code docID}, referenced by
 * their current revision); any other request is answered as for a blob that does not exist. End to end, a c4j puller
 * gets the blobs of the documents it sees.
 */
public class ChannelAccessBlobTest {
    @TempDir
    Path dir;
    private Database db;
    private ChannelAccess access;
    private PassiveReplicator passive;
    private BlipConnection peer;
    private BlobKey visible;
    private BlobKey hidden;

    @BeforeEach
    void open() {
        db = Database.open(dir.resolve("db"));
        access = ChannelAccess.openDefault(db);
        visible = db.blobStore().create("visible bytes".getBytes(StandardCharsets.UTF_8));
        hidden = db.blobStore().create("hidden bytes".getBytes(StandardCharsets.UTF_8));
        ReplPeers.put(db, "seen", "{\"channels\":\"x\",\"f\":" + blob(db, visible) + "}");
        ReplPeers.put(db, "unseen", "{\"channels\":\"y\",\"f\":" + blob(db, hidden) + "}");
    }

    private static String blob(Database d, BlobKey k) {
        long length = d.blobStore().getSize(k);
        return "{\"@type\":\"blob\",\"digest\":\"" + k + "\",\"length\":" + length
                + ",\"content_type\":\"text/plain\"}";
    }

    @AfterEach
    void close() {
        if (peer != null) {
            peer.close();
        }
        if (passive != null) {
            ReplTestSupport.awaitStopped(passive);
        }
        access.close();
        db.close();
    }

    private IncomingMessage ask(String profile, BlobKey key, String docId) throws Exception {
        OutgoingMessage.Builder b = OutgoingMessage.request(profile).property("digest", key.toString());
        if (docId != null) {
            b.property("docID", docId);
        }
        if (profile.equals("proveAttachment")) {
            b.body("nonce-123");
        }
        return peer.send(b.build()).get(10, TimeUnit.SECONDS);
    }

    @Test
    void onlyBlobsOfReadableDocumentsAreServed() throws Exception {
        LoopbackPair pair = LoopbackPair.create();
        passive = new PassiveReplicator(pair.server(), PassiveReplicator.Config.of(db).withAccess(access), "peer",
                new Principal("a", Set.of(), Set.of("x")));
        passive.start();
        peer = BlipConnection.create(pair.client(), BlipConfig.defaults());
        peer.start();

        IncomingMessage ok = ask("getAttachment", visible, "seen");
        assertFalse(ok.isError());
        assertArrayEquals("visible bytes".getBytes(StandardCharsets.UTF_8), ok.body());
        assertFalse(ask("proveAttachment", visible, "seen").isError());

        for (String profile : new String[] {"getAttachment", "proveAttachment"}) {
            IncomingMessage[] refused = {
                ask(profile, hidden, "unseen"), // the document is not readable
                ask(profile, hidden, "seen"), // readable, but it does not reference that blob
                ask(profile, hidden, null), // no document named
                ask(profile, visible, null),
            };
            for (IncomingMessage r : refused) {
                assertTrue(r.isError(), profile);
                assertEquals("LiteCore", r.errorDomain());
                assertEquals("No such blob", r.errorMessage());
            }
        }
    }

    @Test
    void aPullerGetsTheBlobsOfWhatItSees() {
        access.close();
        db.close();
        try (AccessPeers p = new AccessPeers(dir.resolve("peers"))) {
            BlobKey k = p.server.blobStore().create("visible bytes".getBytes(StandardCharsets.UTF_8));
            p.server.blobStore().create("hidden bytes".getBytes(StandardCharsets.UTF_8));
            ReplPeers.put(p.server, "seen", "{\"channels\":\"x\",\"f\":" + blob(p.server, k) + "}");
            ReplPeers.put(p.server, "unseen", "{\"channels\":\"y\",\"f\":" + blob(p.server, hidden) + "}");
            Database c = p.client("a");
            p.pull(c, new Principal("a", Set.of(), Set.of("x")));
            assertEquals(Set.of("seen"), AccessPeers.live(c).keySet());
            assertArrayEquals("visible bytes".getBytes(StandardCharsets.UTF_8), c.blobStore().getContents(k));
            assertEquals(null, c.blobStore().getFilePath(hidden));
        }
        db = Database.open(dir.resolve("db"));
        access = ChannelAccess.openDefault(db);
    }
}
