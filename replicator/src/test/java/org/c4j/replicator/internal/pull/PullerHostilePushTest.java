package org.c4j.replicator.internal.pull;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.c4j.Body;
import org.c4j.InsertRequest;
import org.c4j.blip.IncomingMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pushed revisions a hostile peer may send to a passive side (issue 9). */
public class PullerHostilePushTest {
    @TempDir
    Path dir;

    @Test
    void aPushedRemovedMarkerIsRefusedWith403AndPurgesNothing() throws Exception {
        try (PullerHarness h = new PullerHarness(dir)) {
            h.db.defaultCollection().insertExisting(InsertRequest.of("x", List.of("1-aa"),
                    Body.fromJson("{\"keep\":true}")));
            IncomingMessage r = h.call(PullerHarness.rev("x", "2-bb", 3, "1-aa", false, "{\"_removed\":true}").build());
            assertTrue(r.isError());
            assertEquals(403, r.errorCode());
            assertEquals("1-aa", h.db.defaultCollection().get("x").revId(), "the document was purged");
        }
    }

    /**
     * A getAttachment reply longer than the blob's declared length is not kept, even though its digest matches
     * what was sent: the bytes past the length are never written, and the revision fails.
     */
    @Test
    void aBlobReplyLongerThanItsDeclaredLengthIsDiscarded() throws Exception {
        byte[] content = new byte[1 << 20];
        new java.util.Random(5).nextBytes(content);
        org.c4j.BlobKey key = org.c4j.BlobKey.of(content);
        try (PullerHarness h = new PullerHarness(dir)) {
            h.blobs.put(key.toString(), content);
            h.puller.startActive(null, false);
            h.call(PullerHarness.changes("[[1,\"d\",\"1-aa\",0,20]]"));
            IncomingMessage reply = h.call(PullerHarness.rev("d", "1-aa", 1, null, false,
                    "{\"b\":{\"@type\":\"blob\",\"digest\":\"" + key + "\",\"length\":10}}").build());
            assertTrue(reply.isError());
            assertEquals(org.c4j.socket.ErrorCodes.LiteCore.CORRUPT_DATA, reply.errorCode());
            assertEquals(-1, h.db.blobStore().getSize(key));
            assertEquals(null, h.db.defaultCollection().get("d"));
        }
    }

    @Test
    void aPushedHugeGenerationIsRefusedWith400() throws Exception {
        try (PullerHarness h = new PullerHarness(dir)) {
            IncomingMessage r = h.call(PullerHarness.rev("y", "4294967295-aa", 3, null, false, "{}").build());
            assertTrue(r.isError());
            assertEquals(400, r.errorCode());
            assertEquals(null, h.db.defaultCollection().get("y"));
            IncomingMessage ok = h.call(PullerHarness.rev("z", "3-aa", 4, "2-bb,1-cc", false, "{}").build());
            assertFalse(ok.isError(), ok::errorMessage);
        }
    }
}
