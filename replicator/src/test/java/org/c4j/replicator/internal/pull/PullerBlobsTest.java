package org.c4j.replicator.internal.pull;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.c4j.BlobKey;
import org.c4j.blip.IncomingMessage;
import org.c4j.replicator.internal.core.DocumentEnded;
import org.c4j.socket.ErrorCodes;
import org.c4j.socket.ErrorDomain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Blobs referenced by pulled revisions: fetched with getAttachment, streamed to the blob store, verified. */
public class PullerBlobsTest {
    @TempDir
    Path dir;

    private static String blobDict(BlobKey key, int length, String contentType) {
        return "{\"@type\":\"blob\",\"digest\":\"" + key + "\",\"length\":" + length + ",\"content_type\":\""
                + contentType + "\"}";
    }

    @Test
    void emptyAndFiveMegabyteBlobsArriveByteExact() throws Exception {
        byte[] big = new byte[5 * 1024 * 1024];
        new Random(42).nextBytes(big);
        byte[] empty = new byte[0];
        BlobKey bigKey = BlobKey.of(big);
        BlobKey emptyKey = BlobKey.of(empty);
        try (PullerHarness h = new PullerHarness(dir)) {
            h.blobs.put(bigKey.toString(), big);
            h.blobs.put(emptyKey.toString(), empty);
            h.puller.startActive(null, false);
            h.call(PullerHarness.changes("[[1,\"withBlobs\",\"1-aa\",0,300]]"));
            String body = "{\"photo\":" + blobDict(bigKey, big.length, "image/jpeg") + ",\"list\":["
                    + blobDict(emptyKey, 0, "application/octet-stream") + "]}";
            IncomingMessage reply = h.call(PullerHarness.rev("withBlobs", "1-aa", 1, null, false, body).build());
            assertFalse(reply.isError(), reply::errorMessage);

            IncomingMessage first = h.attachmentRequests.poll(1, TimeUnit.SECONDS);
            IncomingMessage second = h.attachmentRequests.poll(1, TimeUnit.SECONDS);
            assertEquals(bigKey.toString(), first.property("digest"));
            assertEquals("withBlobs", first.property("docID"));
            assertNull(first.property("compress"), "JPEG isn't worth deflating");
            assertEquals(emptyKey.toString(), second.property("digest"));
            assertEquals("true", second.property("compress"));

            var store = h.db.blobStore();
            assertArrayEquals(big, store.getContents(bigKey));
            assertEquals(0, store.getSize(emptyKey));
            assertNotNull(h.db.defaultCollection().get("withBlobs"));
            assertNull(h.ctx.takeEnded(1).get(0).error());
        }
    }

    @Test
    void blobsAlreadyStoredAreNotFetchedAgain() throws Exception {
        try (PullerHarness h = new PullerHarness(dir)) {
            BlobKey key = h.db.blobStore().create("have it".getBytes());
            h.puller.startActive(null, false);
            h.call(PullerHarness.changes("[[1,\"d\",\"1-aa\",0,20]]"));
            IncomingMessage reply = h.call(PullerHarness.rev("d", "1-aa", 1, null, false,
                    "{\"b\":" + blobDict(key, 7, "text/plain") + "}").build());
            assertFalse(reply.isError());
            assertTrue(h.attachmentRequests.isEmpty());
        }
    }

    @Test
    void legacyAttachmentsAreFetchedToo() throws Exception {
        byte[] content = "legacy attachment".getBytes();
        BlobKey key = BlobKey.of(content);
        try (PullerHarness h = new PullerHarness(dir)) {
            h.blobs.put(key.toString(), content);
            h.puller.startActive(null, false);
            h.call(PullerHarness.changes("[[1,\"old\",\"1-aa\",0,20]]"));
            IncomingMessage reply = h.call(PullerHarness.rev("old", "1-aa", 1, null, false,
                    "{\"_attachments\":{\"a.txt\":{\"digest\":\"" + key + "\",\"length\":17,\"stub\":true}}}")
                    .build());
            assertFalse(reply.isError(), reply::errorMessage);
            assertArrayEquals(content, h.db.blobStore().getContents(key));
            assertTrue(h.db.defaultCollection().get("old").body().toJson().contains("_attachments"));
        }
    }

    @Test
    void missingBlobFailsTheRevision() throws Exception {
        BlobKey key = BlobKey.of("nobody has me".getBytes());
        try (PullerHarness h = new PullerHarness(dir)) {
            h.puller.startActive(null, false);
            h.call(PullerHarness.changes("[[1,\"d\",\"1-aa\",0,20]]"));
            IncomingMessage reply = h.call(PullerHarness.rev("d", "1-aa", 1, null, false,
                    "{\"b\":" + blobDict(key, 13, "text/plain") + "}").build());
            assertTrue(reply.isError());
            assertEquals("LiteCore", reply.errorDomain());
            assertEquals(ErrorCodes.LiteCore.NOT_FOUND, reply.errorCode());
            assertNull(h.db.defaultCollection().get("d"));
            DocumentEnded e = h.ctx.takeEnded(1).get(0);
            assertEquals(ErrorDomain.LITECORE, e.error().domain());
            assertEquals(-1, h.db.blobStore().getSize(key));
        }
    }

    @Test
    void blobWhoseContentDoesNotMatchItsDigestIsRejected() throws Exception {
        BlobKey key = BlobKey.of("the real content".getBytes());
        try (PullerHarness h = new PullerHarness(dir)) {
            h.blobs.put(key.toString(), "something else".getBytes());
            h.puller.startActive(null, false);
            h.call(PullerHarness.changes("[[1,\"d\",\"1-aa\",0,20]]"));
            IncomingMessage reply = h.call(PullerHarness.rev("d", "1-aa", 1, null, false,
                    "{\"b\":" + blobDict(key, 16, "text/plain") + "}").build());
            assertTrue(reply.isError());
            assertEquals(ErrorCodes.LiteCore.CORRUPT_DATA, reply.errorCode());
            assertEquals(-1, h.db.blobStore().getSize(key));
            assertNull(h.db.defaultCollection().get("d"));
        }
    }
}
