package org.c4j.internal.body;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class LegacyAttachmentsTest {
    private static String strip(String json) {
        byte[] in = JsonToMsgpack.encode(json).msgpack();
        return new String(MsgpackToJson.toJson(LegacyAttachments.strip(in)), StandardCharsets.UTF_8);
    }

    @Test
    void bodiesWithoutMetaPropertiesAreUntouched() {
        byte[] in = JsonToMsgpack.encode("{\"a\":{\"_id\":1}}").msgpack();
        assertFalse(LegacyAttachments.hasMetaProperties(in));
        assertSame(in, LegacyAttachments.strip(in));
    }

    @Test
    void removesMetaPropertiesAndStandIns() {
        assertTrue(LegacyAttachments.hasMetaProperties(JsonToMsgpack.encode("{\"_id\":\"x\"}").msgpack()));
        assertEquals("{\"a\":1}", strip("{\"_id\":\"d\",\"_rev\":\"1-aa\",\"a\":1,\"_revisions\":{},\"_exp\":5}"));
        assertEquals("{\"p\":{\"@type\":\"blob\",\"digest\":\"sha1-A\"}}",
                strip("{\"p\":{\"@type\":\"blob\",\"digest\":\"sha1-A\"},"
                        + "\"_attachments\":{\"blob_/p\":{\"digest\":\"sha1-A\"},\"blob_1\":{\"digest\":\"sha1-Z\"}}}"));
    }

    @Test
    void keepsRealAttachmentsAndFixesChangedBlobs() {
        assertEquals("{\"l\":[{\"@type\":\"blob\",\"digest\":\"sha1-B\",\"length\":9}],"
                        + "\"_attachments\":{\"old.txt\":{\"digest\":\"sha1-C\"}}}",
                strip("{\"l\":[{\"@type\":\"blob\",\"digest\":\"sha1-A\",\"length\":3,\"content_type\":\"x\"}],"
                        + "\"_attachments\":{\"blob_/l/0\":{\"digest\":\"sha1-B\",\"length\":9},"
                        + "\"old.txt\":{\"digest\":\"sha1-C\"}}}"));
    }

    @Test
    void evaluatesJsonPointers() {
        Object root = BodyValues.decode(JsonToMsgpack.encode("{\"a/b\":{\"~\":[0,{\"x\":1}]}}").msgpack());
        assertEquals(1L, LegacyAttachments.evalPointer("/a~1b/~0/1/x", root));
        assertEquals(null, LegacyAttachments.evalPointer("/a~1b/~0/5", root));
        assertEquals(null, LegacyAttachments.evalPointer("nope", root));
    }
}
