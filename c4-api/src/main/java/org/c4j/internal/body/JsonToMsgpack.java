package org.c4j.internal.body;

import java.nio.charset.StandardCharsets;

/**
 * Converts JSON text to the stored MessagePack form in one pass, exactly: key order, duplicate-free objects, full
 * unicode and every number as written ("1.0" stays "1.0", big integers and long decimals keep all their digits
 * as number-text ext values). The work is {@link Utf8JsonParser}'s, on UTF-8 bytes.
 *
 * <p>While encoding it notes whether the value may reference blobs (a dict with {@code "@type":"blob"} anywhere,
 * or a top-level {@code _attachments} dict), so savers can set the has-attachments flag without a second pass.
 *
 * <p>Thread-safe: each thread reuses its own parser (calls don't nest). Input arrays are only read.
 */
public final class JsonToMsgpack {
    /**
     * The result: the encoded bytes (owned by the caller), the blob hint, and what the parser learned for the
     * save path: {@code canonical}, the byte ranges of {@code msgpack} whose concatenation is its canonical form
     * ({@link CanonicalMsgpack}; empty if {@code msgpack} is canonical as it is; null if not known), and
     * {@code noReservedKeys}, true if the top level is known to have none of {@code _id}, {@code _rev},
     * {@code _deleted}.
     */
    public record Encoded(byte[] msgpack, boolean mayHaveBlobs, int[] canonical, boolean noReservedKeys) {
        /** A result of which nothing more is known. */
        public Encoded(byte[] msgpack, boolean mayHaveBlobs) {
            this(msgpack, mayHaveBlobs, null, false);
        }
    }

    private static final ThreadLocal<Utf8JsonParser> PARSER = ThreadLocal.withInitial(Utf8JsonParser::new);

    private JsonToMsgpack() {
    }

    /**
     * Converts JSON given as bytes: UTF-8, after an optional UTF-8 byte-order mark. Bytes that Jackson (whose
     * converter this replaces) would have read as UTF-16 or UTF-32 — a zero byte among the first two, or a
     * UTF-16 byte-order mark — still go to that converter, so such input keeps its old result.
     */
    public static Encoded encode(byte[] json, int off, int len) {
        if (len >= 2 && (json[off] == 0 || json[off + 1] == 0 || len >= 4 && isUtf16Bom(json[off], json[off + 1]))) {
            return JacksonJsonToMsgpack.encode(json, off, len);
        }
        if (len >= 4 && json[off] == (byte) 0xEF && json[off + 1] == (byte) 0xBB && json[off + 2] == (byte) 0xBF) {
            off += 3;
            len -= 3;
        }
        return PARSER.get().parse(json, off, len, false, null);
    }

    /**
     * Converts JSON given as a String. An ASCII String's own bytes are parsed as they are, without a copy
     * ({@link StringBytes}). Otherwise its {@link String#getBytes} UTF-8 is parsed. That turns an unpaired
     * surrogate into '?', so at a '?' inside a JSON string the parser checks the String; if it has one, the
     * String is encoded again keeping its surrogates and parsed again, so that one inside a string is refused as
     * invalid data, as before.
     */
    public static Encoded encode(String json) {
        Utf8JsonParser parser = PARSER.get();
        byte[] ascii = StringBytes.ascii(json);
        if (ascii != null) { // the String's own bytes are its UTF-8, and it has no surrogate at all
            return parser.parse(ascii, 0, ascii.length, true, null);
        }
        byte[] utf8 = json.getBytes(StandardCharsets.UTF_8);
        try {
            return parser.parse(utf8, 0, utf8.length, true, json);
        } catch (RuntimeException e) {
            if (e != Utf8JsonParser.SURROGATES_LOST) {
                throw e;
            }
        }
        utf8 = Utf8.encodeKeepingSurrogates(json);
        return parser.parse(utf8, 0, utf8.length, true, null);
    }

    private static boolean isUtf16Bom(byte b0, byte b1) {
        return b0 == (byte) 0xFE && b1 == (byte) 0xFF || b0 == (byte) 0xFF && b1 == (byte) 0xFE;
    }
}
