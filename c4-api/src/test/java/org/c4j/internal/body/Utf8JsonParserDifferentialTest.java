package org.c4j.internal.body;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.c4j.internal.body.JsonValues.JValue;
import org.c4j.socket.C4Exception;
import org.junit.jupiter.api.Test;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The UTF-8 parser against the Jackson-based converter it replaced, on the same input: equal bytes and blob hint
 * when Jackson accepts a text, and the same error (domain, code) when it refuses it. Inputs are random JSON values
 * (valid), the same mutated byte by byte or char by char (mostly invalid), and token soups built to mix the faults
 * whose order matters (an unpaired surrogate in a name against a bad value after it, and so on).
 */
class Utf8JsonParserDifferentialTest {

    /** What a conversion did: the bytes and blob hint, or the error's domain and code. */
    private record Outcome(byte[] bytes, boolean blobs, String error) {
        static Outcome of(java.util.function.Supplier<JsonToMsgpack.Encoded> conversion) {
            try {
                JsonToMsgpack.Encoded e = conversion.get();
                return new Outcome(e.msgpack(), e.mayHaveBlobs(), null);
            } catch (C4Exception e) {
                return new Outcome(null, false, e.domain() + "/" + e.code());
            }
        }

        void assertSame(Outcome expected, String input) {
            assertEquals(expected.error, error, () -> "error class for " + input);
            if (expected.error == null) {
                assertArrayEquals(expected.bytes, bytes, () -> "bytes for " + input);
                assertEquals(expected.blobs, blobs, () -> "blob hint for " + input);
            }
        }
    }

    private static final String JSON_ERROR = "FLEECE/5";

    private static void sameForBytes(byte[] json) {
        Outcome jackson = Outcome.of(() -> JacksonJsonToMsgpack.encode(json, 0, json.length));
        Outcome ours = Outcome.of(() -> JsonToMsgpack.encode(json, 0, json.length));
        if (!java.util.Objects.equals(jackson.error, ours.error) && !JSON_ERROR.equals(jackson.error)
                && Utf8Scan.indexOf(json, 0, json.length, (byte) 0xFF) >= 0) {
            // Jackson's byte parser pads the last 4-byte group of a property name with 0xFF bytes to look it up in
            // its name table (shared by every parse), so a name ending in real 0xFF bytes can match a shorter name
            // seen earlier and be accepted as that name. 0xFF is never UTF-8: this parser refuses it there.
            assertEquals(JSON_ERROR, ours.error, () -> "error class for " + describe(json));
            return;
        }
        ours.assertSame(jackson, describe(json));
    }

    private static void sameForString(String json) {
        Outcome jackson = Outcome.of(() -> JacksonJsonToMsgpack.encode(json));
        Outcome ours = Outcome.of(() -> JsonToMsgpack.encode(json));
        ours.assertSame(jackson, "String " + escapeJava(json));
    }

    private static void same(String json) {
        sameForString(json);
        sameForBytes(json.getBytes(StandardCharsets.UTF_8));
    }

    // ---- properties

    @Property(tries = 1000)
    void validJsonConvertsTheSame(@ForAll("jsonValues") JValue value, @ForAll boolean pretty, @ForAll boolean escape) {
        same(JsonValues.render(value, pretty, escape));
    }

    @Property(tries = 2000)
    void mutatedBytesFailOrConvertTheSame(@ForAll("jsonValues") JValue value, @ForAll boolean pretty,
            @ForAll("byteEdits") List<int[]> edits) {
        byte[] json = JsonValues.render(value, pretty, false).getBytes(StandardCharsets.UTF_8);
        sameForBytes(applyByteEdits(json, edits));
    }

    @Property(tries = 600)
    void mutatedStringsFailOrConvertTheSame(@ForAll("jsonValues") JValue value, @ForAll boolean escape,
            @ForAll("charEdits") List<int[]> edits) {
        sameForString(applyCharEdits(JsonValues.render(value, false, escape), edits));
    }

    @Property(tries = 3000)
    void tokenSoupsFailOrConvertTheSame(@ForAll("soups") String soup) {
        same(soup);
    }

    @Property(tries = 2000)
    void byteSoupsFailOrConvertTheSame(@ForAll("byteSoups") byte[] soup) {
        sameForBytes(soup);
    }

    // ---- cases whose order of checks or leniency is easy to get wrong

    @Test
    void unpairedSurrogateInANameComesAfterTheValueStarts() {
        for (String s : new String[] {"{\"\\ud800\":tru}", "{\"\\ud800\":1!}", "{\"\\ud800\":01}", "{\"\\ud800\" 1}",
                "{\"\\ud800\":\"x\\q\"}", "{\"\\ud800\":[1,}", "{\"\\ud800\":truex}", "{\"\\ud800\":true!}",
                "{\"\\ud800\":}", "{\"\\ud800\":", "{\"a\":1,\"a\":\"\\ud800\"}", "{\"\\ud800\":1,\"\\ud800\":2}",
                "[\"\\ud800\" x]", "\"\\ud800\" x", "{\"\\udc00\\ud800\":null}", "{\"\\ud800\\udc00\":null}",
                "{\"a\":\"\\ud800\\u00\"}", "{\"a\":\"\\ud800\u0001\"}"}) {
            same(s);
        }
    }

    /** String input is parsed as its getBytes UTF-8, where an unpaired surrogate and a real '?' look the same. */
    @Test
    void questionMarksAndUnpairedSurrogatesInStrings() {
        for (String s : new String[] {"[\"a?\",\"\ud800\"]", "[\"a?\"]\ud800", "[\"\ud800?\"]", "{\"?\":\"\udc00\"}",
                "{\"\ud800\":\"?\"}", "[\"\\u003f\", \"\ud83d\ude00\"]", "[\"?\", true\ud800]", "{\"k?\\n\":1}",
                "[\"?\"]", "{\"a\":\"??\",\"b\":\"\\ud800\"}"}) {
            sameForString(s);
        }
    }

    @Test
    void whatFollowsALiteral() {
        for (String s : new String[] {"[true\u00e9]", "{\"\\ud800\":true\u00e9}", "{\"\\ud800\":true\ud83d\ude00}",
                "{\"\\ud800\":true\ud800}", "{\"\\ud800\":null\u2028}", "[false\u007f]", "[null_]", "[true$]",
                "{\"\\ud800\":true\u00a0}", "[true1]", "[true]]", "[true}"}) {
            same(s);
        }
    }

    @Test
    void lenientUtf8AsJacksonHadIt() {
        int[][] strings = {
            {0xC1, 0x81}, {0xC0, 0x80}, {0xE0, 0x81, 0x81}, {0xED, 0xA0, 0x80}, {0xED, 0xA0, 0xBD, 0xED, 0xB8, 0x80},
            {0xF0, 0x80, 0x80, 0x80}, {0xF4, 0x90, 0x80, 0x80}, {0xF7, 0xBF, 0xBF, 0xBF}, {0xF8, 0x80}, {0x80},
            {0xC3}, {0xE2, 0x82}, {0xC3, 0x5C, 0x6E}, {0xEF, 0xBB, 0xBF}, {0xF0, 0x9F, 0x98, 0x80},
        };
        for (int[] s : strings) {
            byte[] raw = bytes(s);
            sameForBytes(concat("[\"".getBytes(StandardCharsets.US_ASCII), raw, "\"]".getBytes(StandardCharsets.US_ASCII)));
            sameForBytes(concat("{\"".getBytes(StandardCharsets.US_ASCII), raw, "\":1}".getBytes(StandardCharsets.US_ASCII)));
            sameForBytes(concat("{\"A\":1,\"".getBytes(StandardCharsets.US_ASCII), raw,
                    "\":2}".getBytes(StandardCharsets.US_ASCII)));
            sameForBytes(concat("[true".getBytes(StandardCharsets.US_ASCII), raw, "]".getBytes(StandardCharsets.US_ASCII)));
        }
    }

    @Test
    void encodingsByteOrderMarksAndEmptyInput() {
        for (String s : new String[] {"", " ", "\uFEFF{}", "{}", "[]", "1", "\"x\"", "1 ", "1x", "-", "[1 2]"}) {
            same(s);
        }
        for (int[] b : new int[][] {{0xEF, 0xBB, 0xBF, '{', '}'}, {0xEF, 0xBB, 0xBF}, {0xEF, 0xBB, 0xBF, '1'},
                {'{', 0, '}', 0}, {0, '{', 0, '}'}, {0xFF, 0xFE, '{', 0, '}', 0}, {0xFE, 0xFF, 0, '{', 0, '}'},
                {'{', 0}, {0xFE, 0xFF}, {'{', 0, 0, 0, '}', 0, 0, 0}, {0, 0, 0, '1'}}) {
            sameForBytes(bytes(b));
        }
    }

    @Test
    void limits() {
        same("[".repeat(1000) + "]".repeat(1000));
        same("[".repeat(1001) + "]".repeat(1001));
        same("{\"a\":".repeat(1000) + "1" + "}".repeat(1000));
        same("{\"a\":".repeat(1001) + "1" + "}".repeat(1001));
        same("[" + "9".repeat(1000) + "]");
        same("[" + "9".repeat(1001) + "]");
        same("[-" + "9".repeat(1000) + "]");
        same("[1." + "9".repeat(998) + "]");
        same("[1." + "9".repeat(999) + "]");
        same("[1.5e" + "9".repeat(998) + "]");
        same("{\"" + "n".repeat(50_000) + "\":1}");
        same("{\"" + "n".repeat(50_001) + "\":1}");
        same("{\"" + "\u00e9".repeat(25_000) + "\":1}");
        same("{\"" + "\u00e9".repeat(25_001) + "\":1}");
        same("{\"" + "\\u00e9".repeat(25_001) + "\":1}");
        same("{\"" + "\\n".repeat(50_001) + "\":1}");
    }

    @Test
    void numbers() {
        for (String n : new String[] {"0", "-0", "00", "-00", "01", "-01", "0.0", "-0.0", "1.", "1.e5", ".5", "-.5", "+1",
                "1e", "1e+", "1E-", "1e5", "1E5", "1.0E5", "1.0E-5", "1.0e5", "1.5E+5", "0.001", "1.0E-3", "123456789.0",
                "1.2345678E7", "12345678.0", "9223372036854775807", "9223372036854775808", "-9223372036854775808",
                "-9223372036854775809", "99999999999999999999", "18446744073709551616", "1E400", "4.9E-324",
                "1.7976931348623157E308", "2.0E-3", "0.0020", "100.0", "1e-0", "-", "--1", "1-", "1.5.5", "0x10",
                "Infinity", "-Infinity", "NaN"}) {
            same("[" + n + "]");
            same("{\"k\":" + n + "}");
            same(n);
        }
    }

    @Test
    void blobHints() {
        for (String s : new String[] {"{\"a\":{\"@type\":\"blob\"}}", "{\"@type\":\"bl\\u006fb\"}", "{\"\\u0040type\":\"blob\"}",
                "{\"_attachments\":{}}", "{\"_attachments\":[]}", "{\"x\":{\"_attachments\":{}}}", "{\"@type\":\"blobs\"}",
                "[{\"@type\":\"blob\"}]", "{\"_attachment\\u0073\":{\"a\":1}}"}) {
            same(s);
        }
    }

    @Test
    void manyKeysAndDuplicatesInNestedObjects() {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < 5000; i++) {
            sb.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":{\"k").append(i).append("\":1}");
        }
        same(sb + "}");
        same(sb + ",\"k4999\":2}");
        same(sb + ",\"k\\u0034\":2}");
        same("{\"a\":{\"a\":1},\"b\":{\"a\":2,\"a\":3}}");
        same("{\"a\":{\"b\":1},\"b\":{\"b\":2}}");
        same("{\"\":1,\"\":2}");
    }

    @Test
    void aDuplicateNameWinsOverEveryLaterFaultAndNoEarlierOne() {
        // Out-of-order objects check their names when they close, or when a later fault ends the parse first.
        for (String s : new String[] {
                "{\"b\":1,\"a\":2,\"a\":\"\\ud800\"}", "{\"b\":1,\"a\":2,\"a\":3", "{\"b\":1,\"a\":2,\"a\":3,}",
                "{\"b\":{\"y\":1,\"x\":2,\"x\":3},\"a\":\"\\ud800\"}", "{\"b\":1,\"a\":[1,{\"q\":\"\\ud800\"}],\"a\":1}",
                "{\"c\":1,\"a\":1,\"b\":{\"z\":[\"\\ud800\"]},\"a\":2}", "{\"c\":1,\"a\":1,\"a\":{\"z\":\"\\ud800\"}}",
                "{\"c\":1,\"a\":1,\"\\ud800\":1,\"a\":2}", "{\"c\":1,\"a\":1,\"a\":2,\"\\ud800\":1}",
                "{\"c\":1,\"a\":1,\"a\":2,\"b\":1e99999999999}", "{\"z\":1,\"a\":{\"a\":1},\"a\":0}"}) {
            same(s);
            same(s.replace("\\ud800", "\ud800")); // the surrogate as a Java char, not an escape
        }
    }

    // ---- generators

    @Provide
    Arbitrary<JValue> jsonValues() {
        return JsonValues.values();
    }

    /** Byte edits: {kind, position (0..9999, scaled to the length), byte}. */
    @Provide
    Arbitrary<List<int[]>> byteEdits() {
        Arbitrary<Integer> interesting = Arbitraries.of(0x00, 0x01, 0x1F, 0x22, 0x5C, 0x7B, 0x7D, 0x5B, 0x5D, 0x2C, 0x3A, 0x30, 0x31,
                0x2D, 0x2E, 0x65, 0x45, 0x2B, 0x20, 0x09, 0x0A, 0x0D, 0x2F, 0x74, 0x66, 0x6E, 0x75, 0x61, 0x3F, 0x7F, 0x80, 0xA0,
                0xBF, 0xC0, 0xC1, 0xC3, 0xDF, 0xE0, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xF7, 0xF8, 0xFE, 0xFF);
        Arbitrary<int[]> edit = Combinators.combine(Arbitraries.integers().between(0, 4),
                Arbitraries.integers().between(0, 9999), Arbitraries.oneOf(interesting, Arbitraries.integers().between(0, 255)))
                .as((k, p, b) -> new int[] {k, p, b});
        return edit.list().ofMinSize(1).ofMaxSize(3);
    }

    /** Char edits: {kind, position, char}. */
    @Provide
    Arbitrary<List<int[]>> charEdits() {
        Arbitrary<Integer> interesting = Arbitraries.of(0x00, 0x1F, (int) '"', (int) '\\', (int) '{', (int) '}', (int) '[',
                (int) ']', (int) ',', (int) ':', (int) '0', (int) '-', (int) '.', (int) 'e', (int) '?', (int) 'u', 0x7F,
                0xE9, 0xFEFF, 0xD800, 0xDBFF, 0xDC00, 0xDFFF, 0x2028, (int) 'x');
        Arbitrary<int[]> edit = Combinators.combine(Arbitraries.integers().between(0, 3),
                Arbitraries.integers().between(0, 9999), interesting).as((k, p, c) -> new int[] {k, p, c});
        return edit.list().ofMinSize(1).ofMaxSize(3);
    }

    /** Concatenations of JSON fragments, well-formed and not, so faults meet each other. */
    @Provide
    Arbitrary<String> soups() {
        Arbitrary<String> fragment = Arbitraries.of("{", "}", "[", "]", ":", ",", " ", "\"a\"", "\"b\"", "\"a\":", "\"\\ud800\"",
                "\"\\udc00\"", "\"\\ud83d\\ude00\"", "\"\\ud800\":", "\"\\u00e9\"", "\"\\u0061\":", "\"\\q\"", "\"\\u12\"",
                "\"\u0001\"", "\"\ud800\"", "\"\ud83d\ude00\"", "\"x?\"", "true", "tru", "truex", "true\u00e9", "false", "null",
                "nul", "1", "-0", "01", "1.", "1.5", "1e5", "1.0", "-", "1x", "\"@type\":\"blob\"", "\"_attachments\":{",
                "\u00e9", "\ud800", "?", "\t", "\n", "/", "'a'", "\"");
        return fragment.list().ofMinSize(1).ofMaxSize(12).map(l -> String.join("", l));
    }

    /** Random bytes around a JSON skeleton. */
    @Provide
    Arbitrary<byte[]> byteSoups() {
        Arbitrary<byte[]> fragment = Arbitraries.of("{", "}", "[", "]", ":", ",", "\"", "\"a\"", "\"a\":", "\"\\ud800\":",
                "true", "1", "-0", "1.5").map(s -> s.getBytes(StandardCharsets.UTF_8));
        Arbitrary<byte[]> raw = Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(4);
        return Arbitraries.oneOf(fragment, fragment, raw).list().ofMinSize(1).ofMaxSize(10).map(parts -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            parts.forEach(out::writeBytes);
            return out.toByteArray();
        });
    }

    // ---- helpers

    private static byte[] applyByteEdits(byte[] json, List<int[]> edits) {
        byte[] b = json;
        for (int[] e : edits) {
            int at = b.length == 0 ? 0 : e[1] * b.length / 10000;
            switch (e[0]) {
                case 0: // replace
                    if (b.length > 0) {
                        b = b.clone();
                        b[at] = (byte) e[2];
                    }
                    break;
                case 1: // insert
                    b = concat(Arrays.copyOf(b, at), new byte[] {(byte) e[2]}, Arrays.copyOfRange(b, at, b.length));
                    break;
                case 2: // delete
                    if (b.length > 0) {
                        b = concat(Arrays.copyOf(b, at), Arrays.copyOfRange(b, at + 1, b.length));
                    }
                    break;
                case 3: // truncate
                    b = Arrays.copyOf(b, at);
                    break;
                default: // repeat a slice (makes duplicate names)
                    int len = Math.min(b.length - at, 1 + e[2] % 24);
                    b = concat(Arrays.copyOf(b, at + len), Arrays.copyOfRange(b, at, b.length));
            }
        }
        return b;
    }

    private static String applyCharEdits(String json, List<int[]> edits) {
        StringBuilder sb = new StringBuilder(json);
        for (int[] e : edits) {
            int at = sb.length() == 0 ? 0 : e[1] * sb.length() / 10000;
            switch (e[0]) {
                case 0:
                    if (sb.length() > 0) {
                        sb.setCharAt(at, (char) e[2]);
                    }
                    break;
                case 1:
                    sb.insert(at, (char) e[2]);
                    break;
                case 2:
                    if (sb.length() > 0) {
                        sb.deleteCharAt(at);
                    }
                    break;
                default:
                    int len = Math.min(sb.length() - at, 1 + e[2] % 24);
                    sb.insert(at, sb.substring(at, at + len));
            }
        }
        return sb.toString();
    }

    private static byte[] bytes(int[] values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static String describe(byte[] b) {
        if (b.length > 300) {
            return "bytes (" + b.length + ") " + new String(b, 0, 300, StandardCharsets.ISO_8859_1) + "...";
        }
        StringBuilder sb = new StringBuilder("bytes ");
        for (byte x : b) {
            sb.append(x >= 0x20 && x < 0x7F ? String.valueOf((char) x) : String.format("\\x%02X", x & 0xFF));
        }
        return sb.toString();
    }

    private static String escapeJava(String s) {
        if (s.length() > 300) {
            return "(" + s.length() + " chars) " + s.substring(0, 300) + "...";
        }
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            sb.append(c >= 0x20 && c < 0x7F ? String.valueOf(c) : String.format("\\u%04X", (int) c));
        }
        return sb.toString();
    }
}
