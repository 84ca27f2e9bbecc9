package org.c4j.replicator.internal.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;

import org.c4j.Body;
import org.junit.jupiter.api.Test;

/** Outgoing rev bodies: as stored, or with legacy {@code _attachments} stubs for a peer without blob support. */
public class RevBodyTest {
    private static final String BLOB = "{\"@type\":\"blob\",\"digest\":\"sha1-AAAAAAAAAAAAAAAAAAAAAAAAAAA=\","
            + "\"length\":3,\"stub\":true}";

    private static String json(String body, boolean legacy, long gen) {
        return new String(RevBody.json(Body.fromJson(body), legacy, gen), StandardCharsets.UTF_8);
    }

    @Test
    void bodiesGoAsStoredUnlessLegacyAttachmentsAreWanted() {
        assertEquals("{}", json("{}", true, 1));
        assertEquals("{\"a\":" + BLOB + "}", json("{\"a\":" + BLOB + "}", false, 1));
        assertEquals("{\"_attachments\":{\"x\":{\"digest\":\"d\"}},\"n\":1}",
                json("{\"_attachments\":{\"x\":{\"digest\":\"d\"}},\"n\":1}", false, 1));
    }

    @Test
    void everyBlobGetsAStubNamedByItsJsonPointer() {
        String out = json("{\"_attachments\":{\"old.txt\":{\"digest\":\"d1\"},\"blob_/gone\":{\"digest\":\"d2\"}},"
                + "\"list\":[1," + BLOB + "],\"a/b~c\":{\"deep\":" + BLOB + "}}", true, 7);
        String stub = "{\"digest\":\"sha1-AAAAAAAAAAAAAAAAAAAAAAAAAAA=\",\"length\":3,\"stub\":true,\"revpos\":7}";
        assertEquals("{\"list\":[1," + BLOB + "],\"a/b~c\":{\"deep\":" + BLOB + "},"
                + "\"_attachments\":{\"old.txt\":{\"digest\":\"d1\"},\"blob_/list/1\":" + stub
                + ",\"blob_/a~1b~0c/deep\":" + stub + "}}", out);
    }
}
