package org.c4j.replicator.internal.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.c4j.CollectionSpec;
import org.c4j.socket.C4Exception;
import org.c4j.socket.ErrorDomain;
import org.junit.jupiter.api.Test;

public class CollectionsCodecTest {
    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void pathsOmitTheDefaultScope() {
        assertEquals("things", CollectionsCodec.path(CollectionSpec.of("things")));
        assertEquals("_default", CollectionsCodec.path(CollectionSpec.DEFAULT));
        assertEquals("s1.things", CollectionsCodec.path(new CollectionSpec("s1", "things")));
        assertEquals(new CollectionSpec("s1", "things"), CollectionsCodec.parsePath("s1.things"));
        assertEquals(CollectionSpec.DEFAULT, CollectionsCodec.parsePath("_default"));
    }

    @Test
    void requestRoundTrips() {
        List<CollectionsCodec.Request> rq = List.of(new CollectionsCodec.Request(CollectionSpec.DEFAULT, "cp-a"),
                new CollectionsCodec.Request(new CollectionSpec("s", "c"), "cp-b"));
        byte[] body = CollectionsCodec.encodeRequest(rq);
        assertEquals("{\"checkpoint_ids\":[\"cp-a\",\"cp-b\"],\"collections\":[\"_default\",\"s.c\"]}",
                new String(body, StandardCharsets.UTF_8));
        assertEquals(rq, CollectionsCodec.decodeRequest(body));
    }

    @Test
    void badRequestsAreBlip400() {
        for (String bad : List.of("[]", "{}", "{\"checkpoint_ids\":[\"a\"],\"collections\":[]}",
                "{\"checkpoint_ids\":[\"a\"],\"collections\":[\"x\",\"y\"]}",
                "{\"checkpoint_ids\":[\"a\",\"b\"],\"collections\":[\"x\",\"x\"]}",
                "{\"checkpoint_ids\":[\"a\"],\"collections\":[\"\"]}")) {
            C4Exception e = assertThrows(C4Exception.class, () -> CollectionsCodec.decodeRequest(b(bad)), bad);
            assertTrue(e.is(ErrorDomain.BLIP, 400), bad);
        }
    }

    @Test
    void replyRoundTrips() {
        byte[] body = CollectionsCodec.encodeReply(Arrays.asList(
                new CollectionsCodec.StoredCheckpoint(b("{\"time\":1,\"local\":5}"), "2-cc"),
                new CollectionsCodec.StoredCheckpoint(null, null),
                null));
        assertEquals("[{\"time\":1,\"local\":5,\"rev\":\"2-cc\"},{},null]", new String(body, StandardCharsets.UTF_8));
        List<CollectionsCodec.Reply> r = CollectionsCodec.decodeReply(body, 3);
        assertEquals("2-cc", r.get(0).rev());
        assertEquals(5, r.get(0).checkpoint().localMinSequence());
        assertEquals(CollectionsCodec.Reply.NO_CHECKPOINT, r.get(1));
        assertEquals(CollectionsCodec.Reply.MISSING_COLLECTION, r.get(2));
        assertNull(r.get(1).checkpoint());
        assertThrows(C4Exception.class, () -> CollectionsCodec.decodeReply(body, 2));
    }
}
