package org.c4j.replicator.internal.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** Expected bytes follow the examples and rules of Fleece's format description (Fleece.md, Encoder.cc). */
public class FleeceEncoderTest {
    private static String hex(Object value) {
        FleeceEncoder enc = new FleeceEncoder();
        enc.writeValue(value);
        return HexFormat.of().formatHex(enc.finish());
    }

    @Test
    void fleeceMdExampleDict() {
        // {"foo": 123}: string "foo", dict header, key pointer, value, trailing pointer (Fleece.md's table).
        assertEquals("43666f6f" + "7001" + "8003" + "007b" + "8003", hex(Map.of("foo", 123L)));
    }

    @Test
    void scalarsInAnArray() {
        assertEquals("6004" + "3000" + "3800" + "3400" + "07ff" + "8005", hex(list(null, true, false, 2047L)));
        assertEquals("6001" + "0800" + "8002", hex(List.of(-2048L)));   // short ints: 12-bit two's complement
    }

    @Test
    void shortStringsAreInlineAndMediumOnesShared() {
        // "" and "a" sit inline; "ab" is written once and pointed to twice.
        assertEquals("42616200" + "6004" + "4000" + "4161" + "8005" + "8006" + "8005",
                hex(List.of("", "a", "ab", "ab")));
    }

    @Test
    void longStringsUseAVarintLengthAndAreNotShared() {
        String s16 = "0123456789abcdef";
        String enc = hex(List.of(s16, s16));
        String body = "4f10" + HexFormat.of().formatHex(s16.getBytes());
        assertEquals(body + body + "6002" + "8013" + "800b" + "8003", enc);
    }

    @Test
    void dictKeysAreSorted() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("b", 1L);
        m.put("a", 2L);
        assertEquals("7002" + "4161" + "0002" + "4162" + "0001" + "8005", hex(m));
    }

    @Test
    void smallIntsBeyondTwelveBitsSitInlineInAWideCollection() {
        // 4096 copied from an options dict: int of 2 bytes, 3-byte value, inline => the array turns wide.
        assertEquals("6801" + "11001000" + "8003", hex(List.of(4096L)));
    }

    @Test
    void bigCollectionsTurnWide() {
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            many.add("document-id-number-" + i);
        }
        String enc = hex(many);
        int header = enc.length() - 4 - 3000 * 8 - 8;   // hex chars: 4-byte header, 4-byte items, 2-byte root pointer
        // wide flag, count 0x7FF then varint(3000 - 2047) = b9 07
        assertEquals("6fffb907", enc.substring(header, header + 8));
    }

    @Property(tries = 100)
    void outputIsEvenAndEndsWithARootPointer(@ForAll @Size(max = 40) List<String> strings) {
        FleeceEncoder enc = new FleeceEncoder();
        enc.writeValue(strings);
        byte[] out = enc.finish();
        assertEquals(0, out.length % 2);
        assertTrue((out[out.length - 2] & 0x80) != 0 || strings.isEmpty());
    }

    private static List<Object> list(Object... values) {
        List<Object> l = new ArrayList<>();
        for (Object v : values) {
            l.add(v);
        }
        return l;
    }
}
