package org.c4j.socket;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

/** Properties of the options encoding; jqwik prints the seed of any failure. */
class OptionsDictPropertiesTest {

    private static final List<String> SECRET_KEYS = List.of(
            "password", "token", "clientCertKey", "cookies", "session", "Cookie", "Authorization", "PASSWORD");

    @Provide
    Arbitrary<OptionsDict> dicts() {
        return maps(3).map(OptionsDict::of);
    }

    /** A map whose values nest up to {@code depth} more levels. */
    private static Arbitrary<Map<String, Object>> maps(int depth) {
        return Arbitraries.maps(strings(8), value(depth)).ofMaxSize(5);
    }

    private static Arbitrary<Object> value(int depth) {
        Arbitrary<Object> scalars = Arbitraries.oneOf(
                Arbitraries.of(true, false).map(b -> (Object) b),
                Arbitraries.longs().map(l -> (Object) l),
                Arbitraries.integers().map(i -> (Object) i),
                Arbitraries.doubles().map(d -> (Object) d),
                Arbitraries.of(Double.NaN, -0.0, 0.0, Double.POSITIVE_INFINITY, Double.MIN_VALUE)
                        .map(d -> (Object) d),
                strings(12).map(s -> (Object) s),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(16).map(b -> (Object) b)
        ).injectNull(0.05);
        if (depth == 0) {
            return scalars;
        }
        // Nested containers without edge cases: combining them costs jqwik seconds and finds nothing the
        // scalars' edge cases (at every level) don't.
        Arbitrary<Object> lists = value(depth - 1).list().ofMaxSize(4).map(l -> (Object) l).withoutEdgeCases();
        Arbitrary<Map<String, Object>> nested = maps(depth - 1).withoutEdgeCases();
        Arbitrary<Object> dicts = Arbitraries.oneOf(nested.map(m -> (Object) m),
                nested.map(m -> (Object) OptionsDict.of(m)));
        return Arbitraries.frequencyOf(Tuple.of(6, scalars), Tuple.of(1, lists), Tuple.of(1, dicts));
    }

    /** Well-formed Unicode: BMP without surrogates, plus some surrogate pairs. */
    private static Arbitrary<String> strings(int maxLength) {
        return Arbitraries.oneOf(
                Arbitraries.strings().withCharRange('\u0000', '\uD7FF').withCharRange('\uE000', '\uFFFF')
                        .ofMaxLength(maxLength),
                Arbitraries.of("\uD83D\uDE00", "a\uD83D\uDE00b", "\uDBFF\uDFFF"));
    }

    /** Decoding may fail, but only with CORRUPT_DATA; what it accepts re-encodes stably. */
    private static void decodeQuietly(byte[] bytes) {
        OptionsDict d;
        try {
            d = OptionsDict.decode(bytes);
        } catch (C4Exception e) {
            assertEquals(ErrorDomain.LITECORE, e.domain());
            assertEquals(ErrorCodes.LiteCore.CORRUPT_DATA, e.code());
            return;
        }
        byte[] canonical = d.encode();
        assertEquals(d, OptionsDict.decode(canonical));
        assertArrayEquals(canonical, OptionsDict.decode(canonical).encode());
    }

    @Property(tries = 500)
    void roundTripsToAnEqualDictAndIdenticalBytes(@ForAll("dicts") OptionsDict d) {
        byte[] bytes = d.encode();
        OptionsDict back = OptionsDict.decode(bytes);
        assertEquals(d, back);
        assertEquals(d.hashCode(), back.hashCode());
        assertArrayEquals(bytes, back.encode());
        assertEquals(d, OptionsDict.of(d.toMap()));
    }

    @Property(tries = 300)
    void insertionOrderChangesNothing(@ForAll("dicts") OptionsDict d) {
        List<String> keys = new ArrayList<>(d.keys());
        Collections.reverse(keys);
        Map<String, Object> reversed = new LinkedHashMap<>();
        Map<String, Object> plain = d.toMap();
        keys.forEach(k -> reversed.put(k, plain.get(k)));
        OptionsDict again = OptionsDict.of(reversed);
        assertEquals(d, again);
        assertEquals(d.hashCode(), again.hashCode());
        assertArrayEquals(d.encode(), again.encode());
    }

    @Property(tries = 1000)
    void arbitraryBytesFailOnlyWithC4Exception(@ForAll @Size(max = 64) byte[] bytes) {
        decodeQuietly(bytes);
    }

    @Property(tries = 1000)
    void mapLikeBytesFailOnlyWithC4Exception(@ForAll @IntRange(min = 0x80, max = 0x8f) int header,
                                             @ForAll @Size(max = 64) byte[] body) {
        byte[] bytes = new byte[body.length + 1];
        bytes[0] = (byte) header;
        System.arraycopy(body, 0, bytes, 1, body.length);
        decodeQuietly(bytes);
    }

    @Property(tries = 500)
    void corruptedEncodingsFailOnlyWithC4Exception(@ForAll("dicts") OptionsDict d, @ForAll int where,
                                                   @ForAll byte value) {
        byte[] bytes = d.encode();
        bytes[Math.floorMod(where, bytes.length)] = value;
        decodeQuietly(bytes);
    }

    @Property(tries = 500)
    void truncatedEncodingsAlwaysFail(@ForAll("dicts") OptionsDict d, @ForAll int where) {
        byte[] bytes = d.encode();
        byte[] prefix = Arrays.copyOf(bytes, Math.floorMod(where, bytes.length));
        C4Exception e = assertThrows(C4Exception.class, () -> OptionsDict.decode(prefix));
        assertEquals(ErrorCodes.LiteCore.CORRUPT_DATA, e.code());
    }

    @Property(tries = 300)
    void trailingBytesAlwaysFail(@ForAll("dicts") OptionsDict d, @ForAll byte extra) {
        byte[] bytes = Arrays.copyOf(d.encode(), d.encode().length + 1);
        bytes[bytes.length - 1] = extra;
        C4Exception e = assertThrows(C4Exception.class, () -> OptionsDict.decode(bytes));
        assertEquals(ErrorCodes.LiteCore.CORRUPT_DATA, e.code());
    }

    @Property(tries = 300)
    void secretsAreNeverPrinted(@ForAll("dicts") OptionsDict d,
                                @ForAll @AlphaChars @StringLength(min = 8, max = 16) String secret,
                                @ForAll @IntRange(min = 0, max = 7) int keyIndex, @ForAll boolean nested) {
        String marker = "SECRET-" + secret;
        String key = SECRET_KEYS.get(keyIndex);
        OptionsDict withSecret = nested
                ? d.toBuilder().putDict("auth", Map.of("inner", List.of(Map.of(key, marker)))).build()
                : d.toBuilder().put(key, marker).build();
        assertFalse(withSecret.toString().contains(marker), withSecret.toString());
    }
}
