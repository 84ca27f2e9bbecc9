package org.c4j.socket;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class OptionsDictTest {

    private static OptionsDict sample() {
        return OptionsDict.builder()
                .put("s", "text")
                .put("b", true)
                .put("l", 42)
                .put("d", 2.5)
                .put("bytes", new byte[] {1, 2, 3})
                .putNull("n")
                .putArray("a", List.of("x", 7, List.of(false)))
                .putDict("dict", OptionsDict.builder().put("inner", "v").build())
                .build();
    }

    private static void assertInvalid(String message, Executable call) {
        C4Exception e = assertThrows(C4Exception.class, call);
        assertEquals(ErrorDomain.LITECORE, e.domain());
        assertEquals(ErrorCodes.LiteCore.INVALID_PARAMETER, e.code());
        if (message != null) {
            assertEquals(message, e.getMessage());
        }
    }

    @Test
    void typedAccessors() {
        OptionsDict d = sample();
        assertEquals("text", d.getString("s"));
        assertTrue(d.getBool("b", false));
        assertEquals(42L, d.getLong("l", 0));
        assertEquals(42, d.getInt("l", 0));
        assertEquals(42.0, d.getDouble("l", 0), 0.0);
        assertEquals(2.5, d.getDouble("d", 0), 0.0);
        assertArrayEquals(new byte[] {1, 2, 3}, d.getBytes("bytes"));
        assertEquals(List.of("x", 7L, List.of(false)), d.getArray("a"));
        assertEquals("v", d.getDict("dict").getString("inner"));
        assertEquals(8, d.size());
        assertEquals(List.of("a", "b", "bytes", "d", "dict", "l", "n", "s"), new ArrayList<>(d.keys()));
    }

    @Test
    void getReturnsJavaValues() {
        OptionsDict d = sample();
        assertEquals(42L, d.get("l"));
        assertEquals(2.5, d.get("d"));
        assertEquals(Boolean.TRUE, d.get("b"));
        assertArrayEquals(new byte[] {1, 2, 3}, (byte[]) d.get("bytes"));
        assertEquals(OptionsDict.builder().put("inner", "v").build(), d.get("dict"));
        assertNull(d.get("n"));
        assertNull(d.get("missing"));

        OptionsDict nested = OptionsDict.of(Map.of("a", List.of(Map.of("k", 1), new byte[] {9})));
        List<Object> a = nested.getArray("a");
        assertEquals(OptionsDict.of(Map.of("k", 1L)), a.get(0));
        assertArrayEquals(new byte[] {9}, (byte[]) a.get(1));
    }

    @Test
    void absentAndNullGiveDefaults() {
        OptionsDict d = sample();
        assertTrue(d.contains("n"));
        assertFalse(d.contains("missing"));
        for (String key : List.of("n", "missing")) {
            assertNull(d.getString(key));
            assertEquals("def", d.getString(key, "def"));
            assertEquals(7L, d.getLong(key, 7));
            assertEquals(7, d.getInt(key, 7));
            assertEquals(1.5, d.getDouble(key, 1.5), 0.0);
            assertTrue(d.getBool(key, true));
            assertNull(d.getBytes(key));
            assertNull(d.getDict(key));
            assertNull(d.getArray(key));
            assertNull(d.getStringList(key));
        }
    }

    @Test
    void typeMismatchesAreClear() {
        OptionsDict d = OptionsDict.builder().put("x", 5).put("s", "str").put("big", 1L << 40)
                .putArray("ids", List.of("a", 2)).build();
        assertInvalid("option 'x' must be a string, got long", () -> d.getString("x"));
        assertInvalid("option 's' must be a long, got string", () -> d.getLong("s", 0));
        assertInvalid("option 's' must be an int, got string", () -> d.getInt("s", 0));
        assertInvalid("option 'big' must be an int, got 1099511627776", () -> d.getInt("big", 0));
        assertInvalid("option 's' must be a double, got string", () -> d.getDouble("s", 0));
        assertInvalid("option 'x' must be a bool, got long", () -> d.getBool("x", false));
        assertInvalid("option 'x' must be bytes, got long", () -> d.getBytes("x"));
        assertInvalid("option 'ids' must be a dict, got array", () -> d.getDict("ids"));
        assertInvalid("option 's' must be an array, got string", () -> d.getArray("s"));
        assertInvalid("option 'ids' must be an array of strings, got long at index 1", () -> d.getStringList("ids"));
        assertEquals(List.of("a", "b"), OptionsDict.of(Map.of(OptionKeys.DOC_IDS, List.of("a", "b")))
                .getStringList(OptionKeys.DOC_IDS));
    }

    @Test
    void ofNormalizesNumbers() {
        Map<String, Object> m = new HashMap<>();
        m.put("i", 1);
        m.put("sh", (short) 2);
        m.put("by", (byte) 3);
        m.put("f", 1.5f);
        m.put("nan", Float.NaN);
        m.put("nil", null);
        OptionsDict d = OptionsDict.of(m);
        assertEquals(1L, d.get("i"));
        assertEquals(2L, d.get("sh"));
        assertEquals(3L, d.get("by"));
        assertEquals(1.5, d.get("f"));
        assertTrue(Double.isNaN((Double) d.get("nan")));
        assertTrue(d.contains("nil"));
        assertEquals(OptionsDict.builder().put("i", 1L).put("sh", 2).put("by", 3).put("f", 1.5)
                .put("nan", Double.NaN).putNull("nil").build(), d);
    }

    @Test
    void invalidInputIsRejected() {
        assertInvalid("option 'x' has unsupported type java.lang.Object",
                () -> OptionsDict.of(Map.of("x", new Object())));
        assertInvalid("option 'a.b[1]' has unsupported type java.lang.StringBuilder",
                () -> OptionsDict.of(Map.of("a", Map.of("b", List.of(1, new StringBuilder())))));
        assertInvalid("option 'a' has a key that is not a string: 1", () -> OptionsDict.of(Map.of("a", Map.of(1, 2))));
        assertInvalid("option 'x' has a string with an unpaired surrogate at index 1",
                () -> OptionsDict.builder().put("x", "a\uD800b"));
        assertInvalid(null, () -> OptionsDict.builder().put("\uDC00", 1));
        assertInvalid(null, () -> OptionsDict.builder().put(null, 1));
        assertInvalid(null, () -> OptionsDict.of(null));
        // Surrogate pairs are fine.
        assertEquals("\uD83D\uDE00", OptionsDict.builder().put("e", "\uD83D\uDE00").build().getString("e"));
    }

    @Test
    void nestingIsLimited() {
        Map<String, Object> deepest = new HashMap<>();
        Map<String, Object> top = deepest;
        for (int level = 2; level <= 64; level++) {
            Map<String, Object> next = new HashMap<>();
            deepest.put("k", next);
            deepest = next;
        }
        OptionsDict ok = OptionsDict.of(top); // 64 levels
        assertEquals(ok, OptionsDict.decode(ok.encode()));
        deepest.put("k", List.of());
        assertInvalid(null, () -> OptionsDict.of(top)); // 65
        assertInvalid(null, () -> OptionsDict.builder().putDict("x", ok));
        assertInvalid(null, () -> OptionsDict.builder().putArray("x", List.of(ok)));

        Map<String, Object> cyclic = new HashMap<>();
        cyclic.put("self", cyclic);
        assertInvalid(null, () -> OptionsDict.of(cyclic));
        List<Object> cyclicList = new ArrayList<>();
        cyclicList.add(cyclicList);
        assertInvalid(null, () -> OptionsDict.builder().putArray("l", cyclicList));
    }

    @Test
    void equalityIsByValue() {
        Map<String, Object> m1 = new LinkedHashMap<>();
        m1.put("a", new byte[] {1, 2});
        m1.put("b", Map.of("x", List.of(new byte[] {3}, 1.0)));
        Map<String, Object> m2 = new LinkedHashMap<>();
        m2.put("b", Map.of("x", List.of(new byte[] {3}, 1.0)));
        m2.put("a", new byte[] {1, 2});
        OptionsDict d1 = OptionsDict.of(m1);
        OptionsDict d2 = OptionsDict.of(m2);
        assertEquals(d1, d2);
        assertEquals(d1.hashCode(), d2.hashCode());
        assertArrayEquals(d1.encode(), d2.encode());

        assertNotEquals(OptionsDict.of(Map.of("a", 1)), OptionsDict.of(Map.of("a", 1.0)));
        assertNotEquals(OptionsDict.of(Map.of("a", new byte[] {1})), OptionsDict.of(Map.of("a", new byte[] {2})));
        assertNotEquals(OptionsDict.of(Map.of("a", 0.0)), OptionsDict.of(Map.of("a", -0.0)));
        assertEquals(OptionsDict.EMPTY, OptionsDict.builder().build());
        assertEquals(OptionsDict.EMPTY, OptionsDict.of(Map.of()));
    }

    @Test
    void byteArraysAreCopied() {
        byte[] original = {1, 2, 3};
        OptionsDict d = OptionsDict.builder().put("b", original).putArray("a", List.of(original)).build();
        original[0] = 99;
        assertArrayEquals(new byte[] {1, 2, 3}, d.getBytes("b"));
        assertArrayEquals(new byte[] {1, 2, 3}, (byte[]) d.getArray("a").get(0));

        d.getBytes("b")[1] = 99;
        ((byte[]) d.get("b"))[1] = 99;
        ((byte[]) d.toMap().get("b"))[1] = 99;
        ((byte[]) d.getArray("a").get(0))[1] = 99;
        assertArrayEquals(new byte[] {1, 2, 3}, d.getBytes("b"));
        assertArrayEquals(new byte[] {1, 2, 3}, (byte[]) d.getArray("a").get(0));

        OptionsDict fromMap = OptionsDict.of(Map.of("b", original));
        original[1] = 77;
        assertArrayEquals(new byte[] {99, 2, 3}, fromMap.getBytes("b"));
    }

    @Test
    void viewsAreUnmodifiable() {
        OptionsDict d = sample();
        assertThrows(UnsupportedOperationException.class, () -> d.keys().remove("s"));
        assertThrows(UnsupportedOperationException.class, () -> d.getArray("a").add(1));
        assertThrows(UnsupportedOperationException.class, () -> d.toMap().put("z", 1));
        @SuppressWarnings("unchecked")
        Map<String, Object> inner = (Map<String, Object>) d.toMap().get("dict");
        assertThrows(UnsupportedOperationException.class, () -> inner.put("z", 1));
    }

    @Test
    void toBuilderAndToMap() {
        OptionsDict d = sample();
        OptionsDict changed = d.toBuilder().put("s", "other").remove("n").build();
        assertEquals("text", d.getString("s"));
        assertEquals("other", changed.getString("s"));
        assertFalse(changed.contains("n"));
        assertEquals(d, d.toBuilder().build());

        Map<String, Object> plain = d.toMap();
        assertTrue(plain.get("dict") instanceof Map);
        assertEquals(d, OptionsDict.of(plain));
        assertEquals(Arrays.asList("a", "b", "bytes", "d", "dict", "l", "n", "s"), new ArrayList<>(plain.keySet()));
    }

    @Test
    void encodeDecodeRoundTrip() {
        OptionsDict d = sample();
        byte[] bytes = d.encode();
        OptionsDict back = OptionsDict.decode(bytes);
        assertEquals(d, back);
        assertArrayEquals(bytes, back.encode());
        assertArrayEquals(new byte[] {(byte) 0x80}, OptionsDict.EMPTY.encode());
    }

    @Test
    void everyTruncationFails() {
        byte[] bytes = sample().encode();
        for (int len = 0; len < bytes.length; len++) {
            C4Exception e = assertThrows(C4Exception.class, decodePrefix(bytes, len));
            assertEquals(ErrorCodes.LiteCore.CORRUPT_DATA, e.code(), "prefix " + len);
        }
    }

    private static Executable decodePrefix(byte[] bytes, int len) {
        return () -> OptionsDict.decode(Arrays.copyOf(bytes, len));
    }

    @Test
    void toStringRedactsAuthSecrets() {
        OptionsDict options = OptionsDict.builder()
                .put(OptionKeys.HEARTBEAT, 300)
                .putDict(OptionKeys.AUTH, OptionsDict.builder()
                        .put(OptionKeys.AUTH_TYPE, OptionKeys.AUTH_TYPE_BASIC)
                        .put(OptionKeys.AUTH_USERNAME, "alice")
                        .put(OptionKeys.AUTH_PASSWORD, "hunter2")
                        .put(OptionKeys.AUTH_CLIENT_CERT_KEY, new byte[] {6, 6, 6})
                        .build())
                .putDict(OptionKeys.PROXY, Map.of(OptionKeys.PROXY_HOST, "proxy.local",
                        OptionKeys.PROXY_AUTH,
                        Map.of(OptionKeys.AUTH_USERNAME, "p", OptionKeys.AUTH_PASSWORD, "pxpass")))
                .build();
        String s = options.toString();
        assertFalse(s.contains("hunter2"), s);
        assertFalse(s.contains("pxpass"), s);
        assertFalse(s.contains("<3 bytes>"), s);
        assertTrue(s.contains("\"password\": \"***\""), s);
        assertTrue(s.contains("\"clientCertKey\": \"***\""), s);
        assertTrue(s.contains("\"username\": \"alice\""), s);
        assertTrue(s.contains("\"host\": \"proxy.local\""), s);
        assertTrue(s.contains("\"heartbeat\": 300"), s);
    }

    @Test
    void toStringRedactsSessionsTokensAndCookies() {
        OptionsDict options = OptionsDict.builder()
                .putDict(OptionKeys.AUTH, Map.of(OptionKeys.AUTH_TYPE, OptionKeys.AUTH_TYPE_SESSION,
                        OptionKeys.AUTH_TOKEN, "sess-1234", "session", "sess-5678"))
                .put(OptionKeys.COOKIES, "SyncGatewaySession=abcdef; other=zzz")
                .putDict(OptionKeys.HEADERS, Map.of("Cookie", "k=secretcookie", "AUTHORIZATION", "Bearer tok-999",
                        "User-Agent", "c4j"))
                .putArray("deep", List.of(Map.of("x", Map.of("Token", "deeptoken"))))
                .putArray("headerLines", List.of("Cookie: k=linecookie", "Accept: */*"))
                .build();
        String s = options.toString();
        for (String secret : List.of("sess-1234", "sess-5678", "abcdef", "zzz", "secretcookie", "tok-999",
                "deeptoken", "linecookie")) {
            assertFalse(s.contains(secret), secret + " leaked in " + s);
        }
        assertTrue(s.contains("\"type\": \"Session\""), s);
        assertTrue(s.contains("\"User-Agent\": \"c4j\""), s);
        assertTrue(s.contains("\"Cookie: ***\""), s);
        assertTrue(s.contains("\"Accept: */*\""), s);
    }

    @Test
    void toStringShowsEveryType() {
        assertEquals("{\"a\": [1, 2.5, true, null, <2 bytes>, {\"q\": \"\\\"\\u000a\"}]}",
                OptionsDict.of(Map.of("a", Arrays.asList(1, 2.5, true, null, new byte[2], Map.of("q", "\"\n"))))
                        .toString());
    }
}
