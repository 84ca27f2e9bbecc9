package org.c4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.c4j.internal.Errors;
import org.c4j.socket.C4Exception;
import org.c4j.socket.ErrorDomain;
import org.junit.jupiter.api.Test;

class BodyTest {

    @Test
    void jsonRoundTrip() {
        String json = "{\"b\":[1,2.5,\"x\",null,true],\"a\":{\"n\":123456789012345678901234567890,\"d\":1.10}}";
        Body b = Body.fromJson(json);
        assertEquals(json, b.toJson());
        assertEquals(b, Body.fromJson(b.toJsonBytes()));
        assertEquals(b.hashCode(), Body.fromJson(json).hashCode());
    }

    @Test
    void mapRoundTrip() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("s", "str");
        m.put("l", 5L);
        m.put("i", 7);
        m.put("d", 0.25);
        m.put("big", new BigInteger("123456789012345678901234567890"));
        m.put("dec", new BigDecimal("1.50"));
        m.put("list", List.of(1, "two", Map.of("x", false)));
        m.put("nil", null);
        Body b = Body.fromMap(m);
        assertEquals("{\"s\":\"str\",\"l\":5,\"i\":7,\"d\":0.25,\"big\":123456789012345678901234567890,\"dec\":1.50,"
                + "\"list\":[1,\"two\",{\"x\":false}],\"nil\":null}", b.toJson());
        Map<String, Object> back = b.toMap();
        assertEquals(5L, back.get("l"));
        assertEquals(7L, back.get("i"));
        assertEquals(new BigDecimal("1.50"), back.get("dec"));
        assertEquals(new BigInteger("123456789012345678901234567890"), back.get("big"));
        assertEquals(b, Body.fromMap(back));
    }

    @Test
    void rejectsNonObjectsAndBadValues() {
        for (String json : new String[] {"[1]", "1", "\"s\"", "null"}) {
            C4Exception e = assertThrows(C4Exception.class, () -> Body.fromJson(json));
            assertEquals(ErrorDomain.FLEECE, e.domain());
            assertEquals(Errors.FLEECE_INVALID_DATA, e.code());
        }
        C4Exception e = assertThrows(C4Exception.class, () -> Body.fromJson("{nope"));
        assertEquals(Errors.FLEECE_JSON_ERROR, e.code());
        e = assertThrows(C4Exception.class, () -> Body.fromMap(Map.of("x", Double.NaN)));
        assertEquals(Errors.FLEECE_INVALID_DATA, e.code());
        e = assertThrows(C4Exception.class, () -> Body.fromMap(Map.of("x", new Object())));
        assertEquals(Errors.FLEECE_INVALID_DATA, e.code());
        e = assertThrows(C4Exception.class, () -> Body.fromMap(Map.of("x", Map.of(1, 2))));
        assertEquals(Errors.FLEECE_INVALID_DATA, e.code());
    }

    @Test
    void stripsMetaPropertiesForReplication() {
        Body plain = Body.fromJson("{\"a\":1}");
        assertFalse(plain.hasMetaProperties());
        assertTrue(plain == plain.withoutMetaProperties());
        Body wire = Body.fromJson("{\"_id\":\"d\",\"_rev\":\"2-aa\",\"_revisions\":{},\"a\":1,"
                + "\"_attachments\":{\"old\":{\"digest\":\"sha1-x\"}}}");
        assertTrue(wire.hasMetaProperties());
        Body stored = wire.withoutMetaProperties();
        assertEquals("{\"a\":1,\"_attachments\":{\"old\":{\"digest\":\"sha1-x\"}}}", stored.toJson());
        assertTrue(stored.mayHaveBlobs());
    }

    @Test
    void notesBlobs() {
        assertTrue(Body.fromMap(Map.of("a", List.of(Map.of("@type", "blob", "digest", "sha1-x")))).mayHaveBlobs());
        assertTrue(Body.fromJson("{\"p\":{\"@type\":\"blob\"}}").mayHaveBlobs());
        assertFalse(Body.fromMap(Map.of("a", "blob", "@type", "x")).mayHaveBlobs());
        assertFalse(Body.empty().mayHaveBlobs());
        assertEquals("{}", Body.empty().toJson());
    }
}
