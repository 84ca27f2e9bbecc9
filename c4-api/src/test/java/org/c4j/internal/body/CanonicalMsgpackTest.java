package org.c4j.internal.body;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.c4j.internal.body.JsonValues.JArr;
import org.c4j.internal.body.JsonValues.JObj;
import org.c4j.internal.body.JsonValues.JValue;
import org.c4j.socket.C4Exception;
import org.c4j.socket.ErrorCodes;
import org.c4j.socket.ErrorDomain;
import org.junit.jupiter.api.Test;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class CanonicalMsgpackTest {

    private static byte[] canonical(byte[] msgpack) {
        CanonicalMsgpack c = CanonicalMsgpack.forThisThread();
        int len = c.encode(msgpack);
        return Arrays.copyOf(c.buffer(), len);
    }

    private static byte[] stored(String json) {
        return JsonToMsgpack.encode(json).msgpack();
    }

    @Test
    void sortsKeysByUtf8BytesAtEveryDepth() {
        byte[] mp = stored("{\"b\":{\"y\":1,\"x\":[{\"d\":0,\"c\":0}]},\"a\":true,\"B\":null,\"é\":1,\"e\":2}");
        assertArrayEquals(stored("{\"B\":null,\"a\":true,\"b\":{\"x\":[{\"c\":0,\"d\":0}],\"y\":1},\"e\":2,\"é\":1}"),
                canonical(mp));
    }

    @Test
    void sortsLargeMapsToo() {
        StringBuilder shuffled = new StringBuilder("{");
        StringBuilder sorted = new StringBuilder("{");
        for (int i = 0; i < 100; i++) {
            shuffled.append(i == 0 ? "" : ",").append("\"k").append(100 + (i * 37) % 100).append("\":").append(i);
        }
        for (int k = 0; k < 100; k++) {
            int i = 0;
            while ((i * 37) % 100 != k) {
                i++;
            }
            sorted.append(k == 0 ? "" : ",").append("\"k").append(100 + k).append("\":").append(i);
        }
        assertArrayEquals(stored(sorted.append('}').toString()), canonical(stored(shuffled.append('}').toString())));
    }

    @Test
    void usesSmallestForms() {
        // {"a": 5, "b": 1.5f, "c": [true]} with a map16 header, str8 key, uint16 int, float32 and array16 header
        byte[] loose = {(byte) 0xde, 0, 3, (byte) 0xd9, 1, 'a', (byte) 0xcd, 0, 5,
                (byte) 0xa1, 'b', (byte) 0xca, 0x3f, (byte) 0xc0, 0, 0,
                (byte) 0xa1, 'c', (byte) 0xdc, 0, 1, (byte) 0xc3};
        assertArrayEquals(stored("{\"a\":5,\"b\":1.5,\"c\":[true]}"), canonical(loose));
    }

    @Test
    void rejectsWhatJsonCannotHold() {
        byte[] nonStringKey = {(byte) 0x81, 1, 2};
        byte[] unknownExt = {(byte) 0x81, (byte) 0xa1, 'a', (byte) 0xd4, 7, 0};
        byte[] nan = {(byte) 0x81, (byte) 0xa1, 'a', (byte) 0xcb, 0x7f, (byte) 0xf8, 0, 0, 0, 0, 0, 0};
        byte[] trailing = {(byte) 0x80, 0};
        for (byte[] bad : List.of(nonStringKey, unknownExt, trailing)) {
            C4Exception e = assertThrows(C4Exception.class, () -> canonical(bad));
            assertEquals(ErrorCodes.LiteCore.CORRUPT_REVISION_DATA, e.code());
        }
        C4Exception e = assertThrows(C4Exception.class, () -> canonical(nan));
        assertEquals(ErrorDomain.FLEECE, e.domain());
    }

    /**
     * The canonical form is the stored form of the same value with every object's keys sorted: so it is the same
     * for any key order, and (as JSON to stored form is exact) different values never share it.
     */
    @Property(tries = 300)
    void canonicalIsStoredFormOfSortedValue(@ForAll("objects") JValue value, @ForAll long seed) {
        JValue shuffled = reorder(value, new Random(seed));
        byte[] expected = stored(JsonValues.render(reorder(value, null), false, false));
        byte[] got = canonical(stored(JsonValues.render(shuffled, false, false)));
        assertArrayEquals(expected, got);
        assertArrayEquals(got, canonical(got), "canonical form is a fixed point");
        assertEquals(reorder(value, null),
                JsonValues.parse(new String(MsgpackToJson.toJson(got), StandardCharsets.UTF_8)));
    }

    @Provide
    Arbitrary<JValue> objects() {
        return JsonValues.objects();
    }

    /** Shuffles every object's entries with {@code random}, or sorts them by UTF-8 key bytes if it is null. */
    private static JValue reorder(JValue v, Random random) {
        if (v instanceof JArr) {
            List<JValue> items = new ArrayList<>();
            for (JValue item : ((JArr) v).items()) {
                items.add(reorder(item, random));
            }
            return new JArr(items);
        }
        if (!(v instanceof JObj)) {
            return v;
        }
        List<Map.Entry<String, JValue>> entries = new ArrayList<>();
        for (Map.Entry<String, JValue> e : ((JObj) v).entries()) {
            entries.add(new AbstractMap.SimpleImmutableEntry<>(e.getKey(), reorder(e.getValue(), random)));
        }
        if (random != null) {
            Collections.shuffle(entries, random);
        } else {
            entries.sort((a, b) -> Arrays.compareUnsigned(a.getKey().getBytes(StandardCharsets.UTF_8),
                    b.getKey().getBytes(StandardCharsets.UTF_8)));
        }
        return new JObj(entries);
    }
}
