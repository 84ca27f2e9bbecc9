package org.c4j.internal.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.c4j.internal.body.BodyValues;
import org.c4j.internal.body.JsonToMsgpack;
import org.c4j.socket.C4Exception;
import org.c4j.socket.ErrorCodes;
import org.junit.jupiter.api.Test;

class ValidationTest {
    private static void badDocId(String id) {
        C4Exception e = assertThrows(C4Exception.class, () -> Validation.checkDocId(id), id);
        assertEquals(ErrorCodes.LiteCore.BAD_DOC_ID, e.code());
    }

    @Test
    void docIdsFollowLiteCoreRules() {
        badDocId(null);
        badDocId("");
        badDocId("_local");
        badDocId("a\u0000b");
        badDocId("tab\there");
        badDocId("x".repeat(241));
        badDocId("\ud800lonely");
        Validation.checkDocId("x".repeat(240));
        Validation.checkDocId("a_b-c.d~e f\u00e9\uD83D\uDE00");
        Validation.checkDocId("\uD83D\uDE00".repeat(60)); // 240 bytes
        badDocId("\uD83D\uDE00".repeat(60) + "x");
    }

    @Test
    void namesFollowServerRules() {
        Validation.checkName("_default", "scope");
        Validation.checkName("a%b-c_D9", "scope");
        for (String bad : new String[] {null, "", "_x", "%x", "a.b", "a/b", "é", "x".repeat(252)}) {
            C4Exception e = assertThrows(C4Exception.class, () -> Validation.checkName(bad, "collection"));
            assertEquals(ErrorCodes.LiteCore.INVALID_PARAMETER, e.code());
        }
    }

    @Test
    void bodiesMustBeDictsWithoutReservedKeys() {
        Validation.checkBody(JsonToMsgpack.encode("{\"_attachments\":{},\"_exp\":1,\"a\":{\"_id\":1}}").msgpack());
        for (String key : new String[] {"_id", "_rev", "_deleted"}) {
            C4Exception e = assertThrows(C4Exception.class,
                    () -> Validation.checkBody(JsonToMsgpack.encode("{\"" + key + "\":1}").msgpack()));
            assertEquals(ErrorCodes.LiteCore.CORRUPT_REVISION_DATA, e.code());
        }
        C4Exception e = assertThrows(C4Exception.class, () -> Validation.checkBody(BodyValues.encode(java.util.List.of(1))));
        assertEquals(ErrorCodes.LiteCore.CORRUPT_REVISION_DATA, e.code());
        e = assertThrows(C4Exception.class, () -> Validation.checkBody(new byte[20 * 1024 * 1024 + 1]));
        assertEquals(ErrorCodes.LiteCore.INVALID_PARAMETER, e.code());
    }

    /** What the trusted check relies on: the parser flags a top-level reserved key, and only at the top level. */
    @Test
    void parserNotesReservedTopLevelKeys() {
        for (String json : new String[] {"{\"_id\":1}", "{\"a\":1,\"_rev\":1}", "{\"_deleted\":true}",
                "{\"_\\u0069d\":1}", "{\"_id\":1,\"a\":{}}"}) {
            JsonToMsgpack.Encoded e = JsonToMsgpack.encode(json);
            assertFalse(e.noReservedKeys(), json);
            byte[] utf8 = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            assertFalse(JsonToMsgpack.encode(utf8, 0, utf8.length).noReservedKeys(), json);
            assertThrows(C4Exception.class, () -> Validation.checkBody(e.msgpack(), e.noReservedKeys()), json);
        }
        for (String json : new String[] {"{}", "{\"a\":{\"_id\":1}}", "{\"_ids\":1,\"_re\":2,\"_deleted_\":3}",
                "{\"_attachments\":{},\"x\":[{\"_rev\":1}]}"}) {
            JsonToMsgpack.Encoded e = JsonToMsgpack.encode(json);
            assertTrue(e.noReservedKeys(), json);
            Validation.checkBody(e.msgpack(), e.noReservedKeys());
            Validation.checkBody(e.msgpack());
        }
        C4Exception e = assertThrows(C4Exception.class, () -> Validation.checkBody(new byte[20 * 1024 * 1024 + 1], true));
        assertEquals(ErrorCodes.LiteCore.INVALID_PARAMETER, e.code());
    }
}
