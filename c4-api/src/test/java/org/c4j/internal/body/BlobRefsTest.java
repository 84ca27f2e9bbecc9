package org.c4j.internal.body;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class BlobRefsTest {
    private static byte[] mp(String json) {
        return JsonToMsgpack.encode(json).msgpack();
    }

    @Test
    void findsBlobsAnywhereAndLegacyAttachments() {
        byte[] body = mp("{\"a\":{\"@type\":\"blob\",\"digest\":\"sha1-1\",\"inner\":{\"@type\":\"blob\",\"digest\":\"no\"}},"
                + "\"l\":[1,{\"@type\":\"blob\",\"digest\":\"sha1-2\"}],"
                + "\"_attachments\":{\"f\":{\"digest\":\"sha1-3\"},\"g\":7}}");
        List<Map<String, Object>> refs = BlobRefs.find(body);
        assertEquals(List.of("sha1-1", "sha1-2", "sha1-3"), refs.stream().map(m -> m.get("digest")).toList());
        assertTrue(BlobRefs.mayHaveBlobs(body));
    }

    @Test
    void quickScanMatchesEncoderHint() {
        for (String json : new String[] {"{}", "{\"x\":[{\"@type\":\"blob\"}]}", "{\"@type\":\"blob\"}",
                "{\"_attachments\":{}}", "{\"_attachments\":[]}", "{\"y\":{\"_attachments\":{}}}", "{\"@type\":1}"}) {
            assertEquals(JsonToMsgpack.encode(json).mayHaveBlobs(), BlobRefs.mayHaveBlobs(mp(json)), json);
        }
        assertFalse(BlobRefs.mayHaveBlobs(mp("{\"t\":\"blob\"}")));
    }
}
