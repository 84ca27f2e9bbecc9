package org.c4j.socket.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import org.c4j.socket.C4Exception;
import org.c4j.socket.ErrorCodes;
import org.c4j.socket.ErrorDomain;
import org.junit.jupiter.api.Test;

class OptionsCodecTest {
    private static final HexFormat HEX = HexFormat.of();

    private static SortedMap<String, Object> tree(Object... keysAndValues) {
        SortedMap<String, Object> map = new TreeMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static String assertCorrupt(String hex) {
        return assertCorrupt(HEX.parseHex(hex.replace(" ", "")));
    }

    private static String assertCorrupt(byte[] bytes) {
        C4Exception e = assertThrows(C4Exception.class, () -> OptionsCodec.decode(bytes));
        assertEquals(ErrorDomain.LITECORE, e.domain());
        assertEquals(ErrorCodes.LiteCore.CORRUPT_DATA, e.code());
        return e.getMessage();
    }

    @Test
    void canonicalGoldenBytes() {
        SortedMap<String, Object> t = tree("b", 1L, "a", "x",
                "c", List.of(-1L, 300L, 1.0, true, Bytes.copyOf(new byte[] {7})), "d", null);
        assertEquals("84" + "a161" + "a178" + "a162" + "01"
                        + "a163" + "95" + "ff" + "cd012c" + "cb3ff0000000000000" + "c3" + "c40107"
                        + "a164" + "c0",
                HEX.formatHex(OptionsCodec.encode(t)));
    }

    @Test
    void decodesNonCanonicalForms() {
        // Unsorted keys, str8 for a short string, int64 for a small int, float32.
        SortedMap<String, Object> t = OptionsCodec.decode(HEX.parseHex("83" + "a162" + "d3" + "0000000000000005"
                + "d90161" + "a178" + "a163" + "ca3fc00000"));
        assertEquals(tree("a", "x", "b", 5L, "c", 1.5), t);
        assertArrayEquals(HEX.parseHex("83a161a178a16205a163cb3ff8000000000000"), OptionsCodec.encode(t));
    }

    @Test
    void rejectsStructuralErrors() {
        assertTrue(assertCorrupt("").contains("empty"));
        assertTrue(assertCorrupt("90").contains("top level must be a map"));
        assertTrue(assertCorrupt("a161").contains("top level must be a map"));
        assertTrue(assertCorrupt("80 00").contains("1 trailing byte"));
        assertTrue(assertCorrupt("81 01 02").contains("not a string"));
        assertTrue(assertCorrupt("82 a161 01 a161 02").contains("duplicate key 'a'"));
        assertTrue(assertCorrupt("81 a161 c1").contains("0xc1"));
        assertTrue(assertCorrupt("c1").contains("0xc1"));
        assertTrue(assertCorrupt("81 a161").contains("truncated"));
        assertTrue(assertCorrupt("82 a161 01").contains("truncated"));
    }

    @Test
    void rejectsUnsupportedTypes() {
        assertTrue(assertCorrupt("81 a161 d4 05 00").contains("extension type 5"));
        assertTrue(assertCorrupt("81 a161 d6 ff 00000001").contains("(timestamp)"));
        assertTrue(assertCorrupt("81 a161 cf ffffffffffffffff").contains("64-bit"));
        assertTrue(assertCorrupt("81 a161 a2 c328").contains("UTF-8"));
        assertTrue(assertCorrupt("81 a2c328 01").contains("UTF-8"));
        assertTrue(assertCorrupt("81 a161 a3 eda080").contains("UTF-8")); // encoded surrogate (CESU)
        assertTrue(assertCorrupt("81 a161 a2 c0af").contains("UTF-8")); // overlong
    }

    @Test
    void rejectsAbsurdLengthsWithoutAllocating() {
        assertTrue(assertCorrupt("df 7fffffff").contains("truncated"));
        assertCorrupt("df ffffffff");
        assertTrue(assertCorrupt("81 a161 dd 7fffffff").contains("truncated"));
        assertCorrupt("81 a161 dd ffffffff");
        assertTrue(assertCorrupt("81 a161 c6 7fffffff 00").contains("truncated"));
        assertCorrupt("81 a161 c6 ffffffff");
        assertTrue(assertCorrupt("81 a161 db 7fffffff").contains("truncated"));
        assertTrue(assertCorrupt("81 db 7ffffff0 61").contains("truncated"));
        assertTrue(assertCorrupt("81 a161 c9 7fffffff 01").contains("extension"));
    }

    private static byte[] nestedMaps(int depth) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 1; i < depth; i++) {
            out.writeBytes(HEX.parseHex("81a16b")); // {"k": ...
        }
        out.write(0x80);
        return out.toByteArray();
    }

    @Test
    void limitsNesting() {
        assertEquals(OptionsCodec.MAX_DEPTH, depthOf(OptionsCodec.decode(nestedMaps(64))));
        assertTrue(assertCorrupt(nestedMaps(65)).contains("deeper than 64"));
        assertTrue(assertCorrupt(nestedMaps(100_000)).contains("deeper than 64"));

        ByteArrayOutputStream arrays = new ByteArrayOutputStream();
        arrays.writeBytes(HEX.parseHex("81a161"));
        for (int i = 0; i < 64; i++) {
            arrays.write(0x91);
        }
        arrays.write(0xc0);
        assertTrue(assertCorrupt(arrays.toByteArray()).contains("deeper than 64"));
    }

    private static int depthOf(Object value) {
        if (!(value instanceof Map<?, ?> m)) {
            return 0;
        }
        return 1 + (m.isEmpty() ? 0 : depthOf(m.values().iterator().next()));
    }

    @Test
    void decodedTreesAreImmutable() {
        SortedMap<String, Object> t = OptionsCodec.decode(HEX.parseHex("81a1619180"));
        assertThrows(UnsupportedOperationException.class, () -> t.put("b", 1L));
        @SuppressWarnings("unchecked")
        List<Object> list = (List<Object>) t.get("a");
        assertThrows(UnsupportedOperationException.class, () -> list.add(1L));
    }

    @Test
    void nullInputIsInvalidParameter() {
        C4Exception e = assertThrows(C4Exception.class, () -> OptionsCodec.decode(null));
        assertEquals(ErrorCodes.LiteCore.INVALID_PARAMETER, e.code());
    }
}
