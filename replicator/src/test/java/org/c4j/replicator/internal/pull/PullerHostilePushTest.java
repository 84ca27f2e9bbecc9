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
