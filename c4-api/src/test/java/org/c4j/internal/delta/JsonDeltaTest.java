package org.c4j.internal.delta;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.c4j.Body;
import org.c4j.socket.C4Exception;
import org.c4j.socket.ErrorCodes.LiteCore;
import org.c4j.socket.ErrorDomain;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * {@link JsonDelta} against Fleece's published vectors: the native-format cases of Fleece's {@code DeltaTests.cc}
 * (resource {@code fleece-delta-vectors.json}) in both directions, and the JsonDiffPatch suite
 * ({@code fleece-DeltaTests.json5}), whose deltas Fleece's apply accepts.
 */
class JsonDeltaTest {

    @TestFactory
    Stream<DynamicTest> fleeceVectorsCreateTheExpectedDeltaAndApplyBack() throws IOException {
        Map<String, ?> doc = JsonValues.asMap(Json5.resource("fleece-delta-vectors.json"));
        List<DynamicTest> tests = new ArrayList<>();
        for (Object g : (List<?>) doc.get("groups")) {
            Map<String, ?> group = JsonValues.asMap(g);
            JsonDelta codec = new JsonDelta(((Number) group.get("minStringDiffBytes")).intValue(),
                    ((Number) group.get("textDiffTimeoutSeconds")).doubleValue());
            int i = 0;
            for (Object c : (List<?>) group.get("cases")) {
                Map<String, ?> tc = JsonValues.asMap(c);
                tests.add(DynamicTest.dynamicTest(group.get("name") + " #" + (++i), () -> {
                    Object old = tc.get("old");
                    Object nuu = tc.get("new");
                    byte[] delta = JsonDelta.toJson(codec.createValue(old, nuu));
                    assertEquals(tc.get("delta"), new String(delta, StandardCharsets.UTF_8));
                    Object rebuilt = codec.applyValue(old, JsonDelta.parse(delta));
                    assertTrue(JsonValues.equal(nuu, rebuilt), () -> "rebuilt " + rebuilt + " expected " + nuu);
                }));
            }
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> jsonDiffPatchSuiteAppliesBothWaysAndOurDeltasRoundTrip() throws IOException {
        Map<String, ?> suites = JsonValues.asMap(Json5.resource("fleece-DeltaTests.json5"));
        List<DynamicTest> tests = new ArrayList<>();
        for (String suite : List.of("atomicValues", "objects")) { // Fleece skips "arrays" (JsonDiffPatch moves)
            int i = 0;
            for (Object t : (List<?>) suites.get(suite)) {
                i++;
                if (!(t instanceof Map) || !JsonValues.asMap(t).containsKey("left")
                        || !JsonValues.asMap(t).containsKey("right")) {
                    continue; // 'undefined' sides have no Java form
                }
                Map<String, ?> tc = JsonValues.asMap(t);
                tests.add(DynamicTest.dynamicTest(suite + " #" + i + " " + (tc.containsKey("name") ? tc.get("name") : ""), () -> {
                    Object left = tc.get("left");
                    Object right = tc.get("right");
                    JsonDelta codec = JsonDelta.DEFAULT;
                    if (tc.containsKey("delta")) {
                        assertTrue(JsonValues.equal(right, codec.applyValue(left, tc.get("delta"))));
                    }
                    if (tc.containsKey("reverse")) {
                        assertTrue(JsonValues.equal(left, codec.applyValue(right, tc.get("reverse"))));
                    }
                    for (Object[] pair : new Object[][] {{left, right}, {right, left}}) {
                        byte[] ours = JsonDelta.toJson(codec.createValue(pair[0], pair[1]));
                        assertTrue(JsonValues.equal(pair[1], codec.applyValue(pair[0], JsonDelta.parse(ours))));
                        if (!tc.containsKey("delta")) {
                            assertEquals("{}", new String(ours, StandardCharsets.UTF_8)); // equal sides
                        }
                    }
                }));
            }
        }
        return tests.stream();
    }

    @Test
    void deltasExampleFromFleeceDocs() {
        // Deltas.md's first example
        Body old = Body.fromJson("{\"age\": 8, \"grade\": 3, \"name\": {\"first\": \"Bobby\", \"last\": \"Briggs\"}}");
        Body nuu = Body.fromJson("{\"age\": 18, \"name\": {\"first\": \"Robert\", \"last\": \"Briggs\"}}");
        byte[] delta = JsonDelta.DEFAULT.create(old, nuu);
        assertEquals("{\"age\":18,\"name\":{\"first\":\"Robert\"},\"grade\":[]}",
                new String(delta, StandardCharsets.UTF_8));
        assertEquals(nuu.toMap(), JsonDelta.DEFAULT.apply(old, delta).toMap());
    }

    @Test
    void noChangeIsAnEmptyObjectAndApplyingItKeepsTheBody() {
        Body b = Body.fromJson("{\"a\":[1,{\"b\":null}],\"c\":\"x\"}");
        byte[] delta = JsonDelta.DEFAULT.create(b, Body.fromJson("{\"c\":\"x\",\"a\":[1,{\"b\":null}]}"));
        assertArrayEquals("{}".getBytes(StandardCharsets.UTF_8), delta);
        assertEquals(b, JsonDelta.DEFAULT.apply(b, delta));
    }

    @Test
    void numbersOfDifferentKindsAreAChange() {
        byte[] delta = JsonDelta.DEFAULT.create(Body.fromJson("{\"n\":1}"), Body.fromJson("{\"n\":1.0}"));
        assertEquals("{\"n\":1.0}", new String(delta, StandardCharsets.UTF_8));
    }

    @Test
    void blobDictChangesAreKeyByKeyAndApplyBack() {
        Body old = Body.fromJson("{\"photo\":{\"@type\":\"blob\",\"digest\":\"sha1-AAAAAAAAAAAAAAAAAAAAAAAAAAA=\","
                + "\"length\":10,\"content_type\":\"image/png\"},\"t\":1}");
        Body nuu = Body.fromJson("{\"photo\":{\"@type\":\"blob\",\"digest\":\"sha1-BBBBBBBBBBBBBBBBBBBBBBBBBBB=\","
                + "\"length\":12,\"content_type\":\"image/png\"},\"t\":1}");
        byte[] delta = JsonDelta.DEFAULT.create(old, nuu);
        assertEquals("{\"photo\":{\"digest\":\"sha1-BBBBBBBBBBBBBBBBBBBBBBBBBBB=\",\"length\":12}}",
                new String(delta, StandardCharsets.UTF_8));
        Body rebuilt = JsonDelta.DEFAULT.apply(old, delta);
        assertEquals(nuu.toMap(), rebuilt.toMap());
        assertTrue(rebuilt.mayHaveBlobs());
    }

    @Test
    void badDeltasAreCorruptDeltaErrors() {
        Body old = Body.fromJson("{\"a\":1,\"s\":\"hello\",\"l\":[1,2]}");
        for (String bad : new String[] {
                "not json", "[]", "[1,2,3,4]", "[1]", "{\"zz\":[]}", "{\"a\":{\"x\":1}}", "{\"new\":{}}",
                "{\"s\":[\"9=\",0,2]}", "{\"s\":[\"2=\",0,2]}", "{\"s\":[\"5=1+x\",0,2]}", "{\"s\":[\"5?\",0,2]}",
                "{\"s\":[\"\",0,2]}", "{\"a\":[\"1=\",0,2]}", "{\"s\":[\"x\",0,7]}", "{\"l\":{\"0\":[]}}",
                "{\"l\":{\"2-\":5}}", "{\"new\":[1,2]}", "{\"s\":[\"1-2=1-1+\\u00ff|1=\",0,2]}"}) {
            C4Exception e = assertThrows(C4Exception.class,
                    () -> JsonDelta.DEFAULT.apply(old, bad.getBytes(StandardCharsets.UTF_8)), bad);
            assertEquals(ErrorDomain.LITECORE, e.domain(), bad);
            assertEquals(LiteCore.CORRUPT_DELTA, e.code(), bad);
        }
    }

    @Test
    void applyAcceptsFleeceFormsItDoesNotCreate() {
        Body old = Body.fromJson("{\"a\":1,\"b\":2,\"l\":[1,2,3],\"s\":\"hello\"}");
        String delta = "{\"a\":[1,5],\"b\":[2,0,0],\"l\":{\"1\":[9],\"9\":4,\"x\":1,\"2-\":[7,8]},"
                + "\"s\":[\"1-4=1+y|\",0,2],\"n\":[{\"k\":true}]}";
        Body got = JsonDelta.DEFAULT.apply(old, delta.getBytes(StandardCharsets.UTF_8));
        assertEquals("{\"a\":5,\"l\":[1,9,7,8],\"s\":\"elloy\",\"n\":{\"k\":true}}", got.toJson());
    }
}
