package org.c4j.internal.body;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.c4j.internal.Errors;
import org.c4j.internal.body.JsonValues.JValue;
import org.c4j.socket.C4Exception;
import org.c4j.socket.ErrorDomain;
import org.junit.jupiter.api.Test;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The parser's key-order tracking: the byte ranges it hands the revision digest, concatenated, are exactly
 * {@link CanonicalMsgpack}'s canonical form of the stored body, for String and byte input alike, for objects in
 * order, out of order, small and large (the hash-table mode), at every depth; and duplicates are refused in
 * every mode.
 */
class KeyOrderTest {

    private static byte[] canonical(byte[] msgpack) {
        CanonicalMsgpack c = CanonicalMsgpack.forThisThread();
        int len = c.encode(msgpack); // first: encoding may replace the buffer
        return Arrays.copyOf(c.buffer(), len);
    }

    private static byte[] concat(JsonToMsgpack.Encoded e) {
        if (e.canonical().length == 0) {
            return e.msgpack();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < e.canonical().length; i += 2) {
            out.write(e.msgpack(), e.canonical()[i], e.canonical()[i + 1]);
        }
        return out.toByteArray();
    }

    /** Both inputs give the same ranges, and the ranges give the canonical form. */
    private static void check(String json) {
        JsonToMsgpack.Encoded fromString = JsonToMsgpack.encode(json);
        byte[] utf8 = json.getBytes(StandardCharsets.UTF_8);
        JsonToMsgpack.Encoded fromBytes = JsonToMsgpack.encode(utf8, 0, utf8.length);
        byte[] expected = canonical(fromString.msgpack());
        assertArrayEquals(expected, concat(fromString), json);
        assertArrayEquals(fromString.canonical(), fromBytes.canonical(), json);
        assertArrayEquals(expected, concat(fromBytes), json);
    }

    @Test
    void objectsInOrderAreCanonicalAsStored() {
        for (String json : List.of("{}", "{\"a\":1}", "{\"a\":{\"b\":[{\"c\":1,\"d\":2}]},\"b\":2}",
                "{\"\":0,\"a\":[{},{}],\"aa\":{\"x\":null}}")) {
            assertSame(KeyOrder.AS_STORED, JsonToMsgpack.encode(json).canonical(), json);
            check(json);
        }
    }

    @Test
    void outOfOrderAtEveryDepth() {
        for (String json : List.of("{\"b\":1,\"a\":2}",
                "{\"type\":\"bench\",\"n\":1,\"tags\":[\"t1\",{\"z\":1,\"y\":[{\"q\":1,\"p\":2}]}],"
                        + "\"address\":{\"street\":\"s\",\"city\":\"c\",\"zip\":\"0\"},\"notes\":\"x\"}",
                "{\"a\":{\"d\":1,\"c\":{\"f\":1,\"e\":2}},\"b\":{\"h\":{\"j\":1,\"i\":2},\"g\":3}}",
                "{\"k\":[{\"b\":1,\"a\":2},{\"d\":{\"y\":1,\"x\":2},\"c\":{}}]}",
                "{\"b\":{},\"a\":{\"y\":1,\"x\":[]}}",
                "{\"é\":1,\"e\":2,\"E\":3,\"eeeeeeeee1\":4,\"eeeeeeeee\":5,\"eeeeeeeef\":6}",
                "{\"a\\u0062\":1,\"a\":2}")) {
            check(json);
        }
    }

    @Test
    void canonicalIsNotKnownForInputJacksonConverts() {
        byte[] utf16 = "{\"b\":1,\"a\":2}".getBytes(StandardCharsets.UTF_16LE);
        assertNull(JsonToMsgpack.encode(utf16, 0, utf16.length).canonical());
    }

    @Test
    void duplicatesRefusedInEveryMode() {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            keys.add("k" + i);
        }
        for (int size : new int[] {2, 5, 31, 32, 33, 100}) {
            for (boolean shuffled : new boolean[] {false, true}) {
                List<String> some = new ArrayList<>(keys.subList(0, size));
                if (shuffled) {
                    Collections.shuffle(some, new Random(size));
                }
                for (int dup : new int[] {0, size / 2, size - 1}) {
                    List<String> withDup = new ArrayList<>(some);
                    withDup.add(some.get(dup));
                    C4Exception e = assertThrows(C4Exception.class, () -> JsonToMsgpack.encode(object(withDup)));
                    assertEquals(ErrorDomain.FLEECE, e.domain());
                    assertEquals(Errors.FLEECE_JSON_ERROR, e.code());
                }
                check(object(some));
            }
        }
    }

    private static String object(List<String> keys) {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < keys.size(); i++) {
            sb.append(i == 0 ? "" : ",").append('"').append(keys.get(i)).append("\":").append(i);
        }
        return sb.append('}').toString();
    }

    @Property(tries = 500)
    void rangesMakeTheCanonicalForm(@ForAll("objects") JValue value, @ForAll boolean pretty, @ForAll boolean escape) {
        check(JsonValues.render(value, pretty, escape));
    }

    /** Large objects (the hash-table mode and the merge sort), with nested out-of-order objects as values. */
    @Property(tries = 100)
    void largeShuffledObjects(@ForAll @IntRange(min = 0, max = 300) int size, @ForAll long seed) {
        Random random = new Random(seed);
        List<String> entries = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            String key = "\"" + Integer.toString(random.nextInt(100_000), 36) + "\":";
            if (entries.stream().anyMatch(e -> e.startsWith(key))) {
                continue;
            }
            String value = random.nextInt(4) == 0
                    ? "{\"z" + i + "\":1,\"a\":[{\"n\":1,\"m\":" + i + "}],\"m\":{\"y\":2,\"x\":1}}"
                    : String.valueOf(i);
            entries.add(key + value);
        }
        check("{" + String.join(",", entries) + "}");
        check("{\"big\":{" + String.join(",", entries) + "},\"a\":[{" + String.join(",", entries) + "}]}");
    }

    @Provide
    Arbitrary<JValue> objects() {
        return JsonValues.objects();
    }
}
