package org.c4j.internal.body;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** A JSON value model for tests (numbers kept as their exact text), its generators, renderer and parser. */
public final class JsonValues {
    private JsonValues() {
    }

    public interface JValue {
    }

    public record JNull() implements JValue {
    }

    public record JBool(boolean value) implements JValue {
    }

    public record JNum(String text) implements JValue {
    }

    public record JStr(String value) implements JValue {
    }

    public record JArr(List<JValue> items) implements JValue {
    }

    public record JObj(List<Map.Entry<String, JValue>> entries) implements JValue {
    }

    private static final JsonFactory FACTORY = new JsonFactory();

    // ---- generators

    public static Arbitrary<JValue> values() {
        return values(4);
    }

    public static Arbitrary<JValue> objects() {
        return objects(4);
    }

    private static Arbitrary<JValue> values(int depth) {
        if (depth == 0) {
            return scalars();
        }
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, scalars()),
                net.jqwik.api.Tuple.of(1, Arbitraries.lazy(() -> arrays(depth - 1))),
                net.jqwik.api.Tuple.of(1, Arbitraries.lazy(() -> objects(depth - 1))));
    }

    private static Arbitrary<JValue> arrays(int depth) {
        return values(depth).list().ofMaxSize(20).map(JArr::new);
    }

    private static Arbitrary<JValue> objects(int depth) {
        Arbitrary<Map.Entry<String, JValue>> entry = Combinators.combine(strings(), values(Math.max(0, depth - 1)))
                .as(AbstractMap.SimpleImmutableEntry::new);
        return entry.list().ofMaxSize(20).map(list -> {
            Map<String, JValue> unique = new LinkedHashMap<>();
            for (Map.Entry<String, JValue> e : list) {
                unique.putIfAbsent(e.getKey(), e.getValue());
            }
            return new JObj(new ArrayList<>(unique.entrySet()));
        });
    }

    public static Arbitrary<JValue> scalars() {
        return Arbitraries.oneOf(
                Arbitraries.just(new JNull()),
                Arbitraries.of(true, false).map(JBool::new),
                numberTexts().map(JNum::new),
                strings().map(JStr::new));
    }

    /** Valid JSON number texts of many shapes. */
    public static Arbitrary<String> numberTexts() {
        Arbitrary<String> longs = Arbitraries.longs().map(Object::toString);
        Arbitrary<String> small = Arbitraries.integers().between(-1000, 1000).map(Object::toString);
        Arbitrary<String> big = Arbitraries.bigIntegers()
                .between(BigInteger.TEN.pow(40).negate(), BigInteger.TEN.pow(40)).map(Object::toString);
        Arbitrary<String> doubles = Arbitraries.doubles().filter(Double::isFinite).map(d -> Double.toString(d));
        Arbitrary<String> decimals = Combinators.combine(
                Arbitraries.bigIntegers().between(BigInteger.TEN.pow(30).negate(), BigInteger.TEN.pow(30)),
                Arbitraries.integers().between(-40, 40))
                .as((unscaled, scale) -> new BigDecimal(unscaled, scale).toString());
        Arbitrary<String> plain = Combinators.combine(
                Arbitraries.of("", "-"),
                Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(25).filter(s -> s.length() == 1 || s.charAt(0) != '0'),
                Arbitraries.strings().numeric().ofMaxLength(25),
                Arbitraries.of("", "e", "E", "e+", "e-", "E-"),
                Arbitraries.integers().between(0, 400))
                .as((sign, intPart, frac, expMark, exp) -> sign + intPart + (frac.isEmpty() ? "" : "." + frac)
                        + (expMark.isEmpty() ? "" : expMark + exp));
        Arbitrary<String> odd = Arbitraries.of("-0", "0", "-0.0", "0.0", "1.0", "1e5", "1E400", "-1e-400",
                "9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809",
                "18446744073709551615", "18446744073709551616", "0.1", "1.5e300", "100");
        return Arbitraries.oneOf(longs, small, big, doubles, decimals, plain, odd);
    }

    /** Strings of valid code points: ASCII (incl. controls, quotes, backslashes), BMP and supplementary. */
    public static Arbitrary<String> strings() {
        Arbitrary<Integer> cps = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(10, Arbitraries.integers().between(0x20, 0x7e)),
                net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(0, 0x1f)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(0x22, 0x5c, 0x7f, 0x2028)),
                net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(0x80, 0xd7ff)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0xe000, 0xffff)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0x10000, 0x10ffff)));
        return cps.list().ofMaxSize(30).map(list -> {
            StringBuilder sb = new StringBuilder();
            list.forEach(sb::appendCodePoint);
            return sb.toString();
        });
    }

    // ---- rendering and parsing

    /** Renders a value as JSON text (pretty or compact, non-ASCII sometimes escaped). */
    public static String render(JValue v, boolean pretty, boolean escapeNonAscii) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            if (pretty) {
                g.useDefaultPrettyPrinter();
            }
            if (escapeNonAscii) {
                g.enable(JsonGenerator.Feature.ESCAPE_NON_ASCII);
            }
            write(v, g);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }

    private static void write(JValue v, JsonGenerator g) throws IOException {
        if (v instanceof JNull) {
            g.writeNull();
        } else if (v instanceof JBool) {
            g.writeBoolean(((JBool) v).value());
        } else if (v instanceof JNum) {
            g.writeNumber(((JNum) v).text());
        } else if (v instanceof JStr) {
            g.writeString(((JStr) v).value());
        } else if (v instanceof JArr) {
            g.writeStartArray();
            for (JValue item : ((JArr) v).items()) {
                write(item, g);
            }
            g.writeEndArray();
        } else {
            g.writeStartObject();
            for (Map.Entry<String, JValue> e : ((JObj) v).entries()) {
                g.writeFieldName(e.getKey());
                write(e.getValue(), g);
            }
            g.writeEndObject();
        }
    }

    /** Parses JSON text into the model, numbers as their exact text. */
    public static JValue parse(String json) {
        try (JsonParser p = FACTORY.createParser(json)) {
            JValue v = read(p, p.nextToken());
            if (p.nextToken() != null) {
                throw new IllegalStateException("trailing content");
            }
            return v;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JValue read(JsonParser p, JsonToken t) throws IOException {
        switch (t) {
            case VALUE_NULL: return new JNull();
            case VALUE_TRUE: return new JBool(true);
            case VALUE_FALSE: return new JBool(false);
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT: return new JNum(p.getText());
            case VALUE_STRING: return new JStr(p.getText());
            case START_ARRAY: {
                List<JValue> items = new ArrayList<>();
                for (JsonToken n = p.nextToken(); n != JsonToken.END_ARRAY; n = p.nextToken()) {
                    items.add(read(p, n));
                }
                return new JArr(items);
            }
            case START_OBJECT: {
                List<Map.Entry<String, JValue>> entries = new ArrayList<>();
                for (JsonToken n = p.nextToken(); n != JsonToken.END_OBJECT; n = p.nextToken()) {
                    String key = p.currentName();
                    entries.add(new AbstractMap.SimpleImmutableEntry<>(key, read(p, p.nextToken())));
                }
                return new JObj(entries);
            }
            default: throw new IllegalStateException("unexpected " + t);
        }
    }
}
