package org.c4j.internal.body;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.c4j.internal.Errors;
import org.c4j.internal.body.JsonValues.JValue;
import org.c4j.socket.C4Exception;
import org.c4j.socket.ErrorDomain;
import org.junit.jupiter.api.Test;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class JsonToMsgpackTest {

    private static String roundTrip(String json) {
        return new String(MsgpackToJson.toJson(JsonToMsgpack.encode(json).msgpack()), StandardCharsets.UTF_8);
    }

    @Test
    void keepsNumbersExactlyAsWritten() {
        for (String n : new String[] {"0", "-0", "1.0", "1e5", "1E+5", "-1.25e-7", "0.1", "123456789012345678901234567890",
                "-9223372036854775808", "9223372036854775808", "3.141592653589793238462643383279", "1E400"}) {
            assertEquals("[" + n + "]", roundTrip("[ " + n + " ]"), n);
        }
    }

    @Test
    void storesCommonNumbersCompactly() {
        byte[] small = JsonToMsgpack.encode("[1,-1,300,0.5]").msgpack();
        // fixarray, 1, -1 (fixint), uint16 300, float64
        assertEquals(1 + 1 + 1 + 3 + 9, small.length);
    }

    @Test
    void keepsKeyOrderUnicodeAndEscapes() {
        String json = "{\"z\":1,\"a\":\"h\\u00e9llo \\ud83d\\ude00 \\\"q\\\" \\\\ \\n\\t\\u0001\\u007f\",\"m\":[]}";
        assertEquals("{\"z\":1,\"a\":\"héllo \uD83D\uDE00 \\\"q\\\" \\\\ \\n\\t\\u0001\\u007f\",\"m\":[]}", roundTrip(json));
    }

    @Test
    void bigContainersUseLongHeaders() {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < 70000; i++) {
            sb.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":[").append(i % 20 == 0 ? "1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17" : "").append("]");
        }
        String json = sb.append("}").toString();
        assertEquals(json, roundTrip(json));
    }

    @Test
    void rejectsInvalidJson() {
        for (String bad : new String[] {"", "{", "{\"a\":}", "{} {}", "{}x", "[1,]", "{'a':1}", "NaN", "{\"a\":1,\"a\":2}",
                "[01]", "{\"a\" 1}"}) {
            C4Exception e = assertThrows(C4Exception.class, () -> JsonToMsgpack.encode(bad), bad);
            assertEquals(ErrorDomain.FLEECE, e.domain(), bad);
            assertEquals(Errors.FLEECE_JSON_ERROR, e.code(), bad);
        }
    }

    @Test
    void rejectsUnpairedSurrogates() {
        C4Exception e = assertThrows(C4Exception.class, () -> JsonToMsgpack.encode("[\"\\ud800x\"]"));
        assertEquals(ErrorDomain.FLEECE, e.domain());
        assertEquals(Errors.FLEECE_INVALID_DATA, e.code());
    }

    @Test
    void notesBlobs() {
        assertTrue(JsonToMsgpack.encode("{\"a\":{\"x\":[{\"@type\":\"blob\",\"digest\":\"d\"}]}}").mayHaveBlobs());
        assertTrue(JsonToMsgpack.encode("{\"_attachments\":{\"f\":{\"digest\":\"d\"}}}").mayHaveBlobs());
        assertFalse(JsonToMsgpack.encode("{\"a\":{\"_attachments\":{}}, \"@type\":\"blobby\", \"t\":\"blob\"}").mayHaveBlobs());
        assertFalse(JsonToMsgpack.encode("{\"_attachments\":3}").mayHaveBlobs());
    }

    @Test
    void acceptsUtf8Bytes() {
        byte[] json = "{\"ü\":\"€\"}".getBytes(StandardCharsets.UTF_8);
        byte[] mp = JsonToMsgpack.encode(json, 0, json.length).msgpack();
        assertArrayEquals(json, MsgpackToJson.toJson(mp));
    }

    /** The property: JSON -> stored -> JSON is the identity for arbitrary JSON values. */
    @Property(tries = 400)
    void jsonRoundTripIsIdentity(@ForAll("jsonValues") JValue value, @ForAll boolean pretty, @ForAll boolean escape) {
        String input = JsonValues.render(value, pretty, escape);
        byte[] stored = JsonToMsgpack.encode(input).msgpack();
        String output = new String(MsgpackToJson.toJson(stored), StandardCharsets.UTF_8);
        assertEquals(value, JsonValues.parse(output));
        // the output is already in stored form's canonical text: encoding it again gives the same bytes
        assertArrayEquals(stored, JsonToMsgpack.encode(output).msgpack());
    }

    /** Java values survive stored form too (numbers as their Java types). */
    @Property(tries = 200)
    void javaValuesRoundTrip(@ForAll("jsonValues") JValue value) {
        byte[] stored = JsonToMsgpack.encode(JsonValues.render(value, false, false)).msgpack();
        Object java = BodyValues.decode(stored);
        byte[] again = BodyValues.encode(java);
        assertEquals(numbersAsDecimals(java), numbersAsDecimals(BodyValues.decode(again)));
    }

    /** Java number types may change (an integral BigDecimal comes back as BigInteger); values may not. */
    private static Object numbersAsDecimals(Object v) {
        if (v instanceof Number) {
            java.math.BigDecimal d = new java.math.BigDecimal(v.toString());
            return d.signum() == 0 ? java.math.BigDecimal.ZERO : d.stripTrailingZeros();
        }
        if (v instanceof java.util.Map) {
            java.util.Map<Object, Object> m = new java.util.LinkedHashMap<>();
            ((java.util.Map<?, ?>) v).forEach((k, x) -> m.put(k, numbersAsDecimals(x)));
            return m;
        }
        if (v instanceof java.util.List) {
            java.util.List<Object> l = new java.util.ArrayList<>();
            ((java.util.List<?>) v).forEach(x -> l.add(numbersAsDecimals(x)));
            return l;
        }
        return v;
    }

    @Provide
    Arbitrary<JValue> jsonValues() {
        return JsonValues.values();
    }
}
