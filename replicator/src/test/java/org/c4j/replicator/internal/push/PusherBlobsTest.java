package org.c4j.replicator.internal.push;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.c4j.BlobKey;
import org.c4j.Body;
import org.c4j.Document;
import org.c4j.blip.IncomingMessage;
import org.c4j.blip.OutgoingMessage;
import org.c4j.replicator.internal.core.Activity;
import org.c4j.replicator.internal.core.ScriptedPeer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Blobs on the push side: getAttachment streaming, proveAttachment, and legacy {@code _attachments} bodies. */
public class PusherBlobsTest {
    @TempDir
    Path tmp;
    PushHarness h;
    Pusher pusher;

    @BeforeEach
    void setUp() {
        h = new PushHarness(tmp);
        pusher = h.pusher();
    }

    @AfterEach
    void tearDown() throws Exception {
        pusher.stop();
        h.awaitActivity(Activity.STOPPED);
        h.close();
    }

    private IncomingMessage ask(OutgoingMessage rq) throws Exception {
        return h.peerConnection.send(rq).get(20, TimeUnit.SECONDS);
    }

    private static OutgoingMessage getAttachment(String digest, boolean compress) {
        OutgoingMessage.Builder b = OutgoingMessage.request("getAttachment").property("digest", digest)
                .property("docID", "doc");
        if (compress) {
            b.property("compress", "true");
        }
        return b.build();
    }

    @Test
    void getAttachmentStreamsA5MBBlobByteExactCompressedOrNot() throws Exception {
        byte[] data = new byte[5 * 1024 * 1024];
        new Random(42).nextBytes(data);
        for (int i = 0; i < data.length; i += 3) {
            data[i] = 'x'; // partly compressible
        }
        BlobKey key = h.localDb.blobStore().create(data);
        h.start();

        IncomingMessage plain = ask(getAttachment(key.toString(), false));
        assertFalse(plain.isError());
        assertFalse(plain.isCompressed());
        assertArrayEquals(data, plain.body());

        IncomingMessage deflated = ask(getAttachment(key.toString(), true));
        assertFalse(deflated.isError());
        assertTrue(deflated.isCompressed());
        assertArrayEquals(data, deflated.body());
    }

    @Test
    void getAttachmentErrorsAreLiteCores() throws Exception {
        h.start();
        IncomingMessage missing = ask(getAttachment(BlobKey.of(new byte[] {1}).toString(), true));
        assertEquals("LiteCore", missing.errorDomain());
        assertEquals(7, missing.errorCode());
        assertEquals("No such blob", missing.errorMessage());

        IncomingMessage bad = ask(getAttachment("md5-xyz", false));
        assertEquals("LiteCore", bad.errorDomain());
        assertEquals(9, bad.errorCode());
        assertEquals("Missing or invalid 'digest'", bad.errorMessage());
    }

    @Test
    void proveAttachmentHashesTheNonceLengthTheNonceAndTheBlob() throws Exception {
        byte[] data = "the blob's contents".getBytes(StandardCharsets.UTF_8);
        BlobKey key = h.localDb.blobStore().create(data);
        h.start();
        byte[] nonce = "a nonce".getBytes(StandardCharsets.UTF_8);
        IncomingMessage proof = ask(OutgoingMessage.request("proveAttachment").property("digest", key.toString())
                .body(nonce).build());
        MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
        sha1.update((byte) nonce.length);
        sha1.update(nonce);
        sha1.update(data);
        assertEquals("sha1-" + Base64.getEncoder().encodeToString(sha1.digest()), proof.bodyAsString());

        IncomingMessage noNonce = ask(OutgoingMessage.request("proveAttachment").property("digest", key.toString())
                .build());
        assertEquals("BLIP", noNonce.errorDomain());
        assertEquals(400, noNonce.errorCode());
        assertEquals("Missing nonce", noNonce.errorMessage());
    }

    @Test
    void aPeerWithoutBlobSupportGetsLegacyAttachments() {
        BlobKey key = h.localDb.blobStore().create("hello".getBytes(StandardCharsets.UTF_8));
        Document doc = h.local.save("doc", null, Body.fromJson("{\"photo\":{\"@type\":\"blob\",\"digest\":\""
                + key + "\",\"length\":5,\"content_type\":\"text/plain\"},\"n\":1}"));
        h.peer.listScript = rq -> new ScriptedPeer.Reply(Map.of("maxHistory", "20"), "[]");
        h.start();
        pusher.startActive(0, false);
        IncomingMessage rev = h.peer.nextRev();
        assertEquals("{\"photo\":{\"@type\":\"blob\",\"digest\":\"" + key + "\",\"length\":5,"
                + "\"content_type\":\"text/plain\"},\"n\":1,\"_attachments\":{\"blob_/photo\":{\"digest\":\"" + key
                + "\",\"length\":5,\"content_type\":\"text/plain\",\"stub\":true,\"revpos\":1}}}",
                ScriptedPeer.text(rev));
        assertEquals(doc.revId(), rev.property("rev"));
        h.awaitActivity(Activity.STOPPED);
    }
}
