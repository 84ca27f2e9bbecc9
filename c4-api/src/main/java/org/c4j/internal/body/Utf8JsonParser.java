package org.c4j.internal.body;

import java.nio.charset.StandardCharsets;

import org.c4j.internal.Tuning;

/**
 * Parses JSON text given as UTF-8 bytes straight into the stored MessagePack form, never through Java chars on
 * the common path: a string without escapes whose bytes are well-formed UTF-8 is copied through as it is (its
 * end found eight bytes at a time); only other strings are decoded ({@link JsonStringDecoder}) and re-encoded.
 *
 * <p>It replaces the Jackson-based converter ({@link JacksonJsonToMsgpack}) and gives exactly its results: the
 * same bytes for every text that converter accepted, and the same error class for every text it refused, in
 * the same order of checks when a text has several faults. Text that is not JSON is {@code (FLEECE, 5)}; an
 * unpaired surrogate in a string is {@code (FLEECE, 3)} (thrown once the string is read, and for a property
 * name once its value has started to be read, as Jackson's order had it). Jackson's details kept here: numbers
 * as written (an integer in 64 bits is an int unless written {@code -0}; a decimal is a float64 only if Java
 * prints that double back as the same text; anything else is a number-text ext value); duplicate property names
 * refused; nesting depth, number, name and string lengths limited as {@link Tuning} says; a literal
 * ({@code true}, ...) may not be followed directly by a letter or digit, or, in byte input, by a non-ASCII byte.
 * In a text made from a Java String ({@code fromChars}), lengths of names count UTF-16 chars, as Jackson's char
 * parser did.
 *
 * <p>It notes, as it goes, whether the body may reference blobs (a {@code "@type":"blob"} property anywhere or a
 * top-level {@code _attachments} object).
 *
 * <p>Not thread-safe: one parser per thread, one document at a time. It keeps no reference to the input after
 * {@link #parse} returns; the result array belongs to the caller.
 */
final class Utf8JsonParser {
    private static final int DONE = -2;

    /** Thrown when the String given to {@link #parse} turns out to have lost unpaired surrogates to '?'. */
    static final RuntimeException SURROGATES_LOST = new RuntimeException("unpaired surrogate replaced", null, false, false) {
    };

    /** What the scalar last read is. */
    private enum Kind { TRUE, FALSE, NULL, LONG, DOUBLE, NUMBER_TEXT }

    private final MsgpackWriter w = new MsgpackWriter(4096);
    private final KeyOrder order = new KeyOrder();
    private final JsonStringDecoder decoder = new JsonStringDecoder();

    private byte[] in;
    private int pos;
    private int end;
    private boolean fromChars;
    private boolean blobs;
    private boolean reservedKey;
    // The String the input was made from with String.getBytes, until it is known to have no unpaired surrogate.
    private String unverifiedSource;

    // The scalar last read: kind, and its value or the span of its text.
    private Kind kind;
    private long longValue;
    private double doubleValue;
    private int textStart;

    /**
     * Parses {@code json[off, off+len)}. {@code fromChars} says the bytes stand for a Java String (see the class
     * comment); {@code getBytesOf}, if not null, is that String when the bytes are its {@link String#getBytes}
     * UTF-8, which has turned any unpaired surrogate into '?': a '?' in a string then makes the parser check the
     * String, and throw {@link #SURROGATES_LOST} if it has one (the caller encodes it keeping them and parses again).
     */
    JsonToMsgpack.Encoded parse(byte[] json, int off, int len, boolean fromChars, String getBytesOf) {
        this.in = json;
        this.pos = off;
        this.end = off + len;
        this.fromChars = fromChars;
        this.unverifiedSource = getBytesOf;
        this.blobs = false;
        this.reservedKey = false;
        w.reset(Tuning.BODY_SCRATCH_RETAIN_BYTES);
        order.reset();
        try {
            run();
            int rawEnd = w.rawSize();
            byte[] out = w.finish();
            return new JsonToMsgpack.Encoded(out, blobs, order.segments(w, rawEnd), !reservedKey);
        } finally {
            this.in = null;
            this.unverifiedSource = null;
            decoder.trim();
        }
    }

    private void run() {
        int c = skipSpace();
        if (c < 0) {
            throw error("no content");
        }
        while (true) {
            if (c == '{') {
                open(true);
                c = skipSpace();
                if (c == '}') {
                    close(c);
                } else if ((c = member(c)) != DONE) {
                    continue;
                }
            } else if (c == '[') {
                open(false);
                c = skipSpace();
                if (c == ']') {
                    close(c);
                } else {
                    continue;
                }
            } else if (c == '"') {
                stringValue(false);
            } else {
                scalar(c);
                writeScalar();
            }
            // After a value: separators and closing brackets, until the next value starts.
            while (true) {
                if (w.depth() == 0) {
                    if (skipSpace() >= 0) {
                        throw error("more than one value");
                    }
                    return;
                }
                c = skipSpace();
                if (c == ',') {
                    c = skipSpace();
                    if (w.inMap() && (c = member(c)) == DONE) {
                        continue;
                    }
                    break;
                }
                if (c == '}' || c == ']') {
                    close(c);
                    continue;
                }
                throw error(c < 0 ? "unexpected end of input" : "expected ',' or a closing bracket");
            }
        }
    }

    /**
     * Reads one object member whose name starts at {@code c}: the name, the colon and the value, in Jackson's
     * order of checks. Returns the value's first char if it is an object or array still to open, else DONE.
     */
    private int member(int c) {
        if (c != '"') {
            throw error(c < 0 ? "unexpected end of input" : "expected a property name");
        }
        int entry = w.rawSize();
        boolean unpaired = name();
        boolean typeName = false;
        boolean attachmentsName = false;
        if (!unpaired) {
            if (!order.key(w.buffer(), entry, w.lastStringStart(), w.lastStringLength())) {
                throw error("duplicate property name");
            }
            typeName = w.lastStringIs("@type");
            if (w.depth() == 1 && w.lastStringLength() >= 3 && w.buffer()[w.lastStringStart()] == '_') {
                attachmentsName = w.lastStringIs("_attachments");
                reservedKey |= w.lastStringIs("_id") || w.lastStringIs("_rev") || w.lastStringIs("_deleted");
            }
        }
        c = colon();
        if (c == '"' || c == '{' || c == '[') {
            if (unpaired) {
                throw Utf8.unpaired();
            }
            if (c != '"') {
                blobs |= attachmentsName && c == '{';
                return c;
            }
            stringValue(typeName);
            return DONE;
        }
        scalar(c);
        if (unpaired) {
            throw Utf8.unpaired();
        }
        writeScalar();
        return DONE;
    }

    /**
     * Reads a property name (the opening quote just read) and writes it as the next key; returns true instead of
     * writing it if it holds an unpaired surrogate, whose error comes later.
     */
    private boolean name() {
        int start = pos;
        int close = plainStringEnd(start, Tuning.JSON_MAX_NAME_LENGTH);
        if (close >= 0) {
            w.writeKeyUtf8(in, start, close - start);
            pos = close + 1;
            return false;
        }
        pos = decoder.decode(in, start, end);
        verifyDecoded();
        int length = fromChars ? decoder.length() : decoder.utf8Length();
        if (length > Tuning.JSON_MAX_NAME_LENGTH) {
            throw error("property name longer than " + Tuning.JSON_MAX_NAME_LENGTH);
        }
        if (Utf8.hasUnpairedSurrogate(decoder.chars(), 0, decoder.length())) {
            return true;
        }
        w.writeKey(decoder.chars(), 0, decoder.length());
        return false;
    }

    /** Reads a string value (the opening quote just read) and writes it. */
    private void stringValue(boolean afterTypeName) {
        int start = pos;
        int close = plainStringEnd(start, Tuning.JSON_MAX_STRING_LENGTH);
        if (close >= 0) {
            w.writeStringUtf8(in, start, close - start);
            pos = close + 1;
        } else {
            pos = decoder.decode(in, start, end);
            verifyDecoded();
            if (decoder.length() > Tuning.JSON_MAX_STRING_LENGTH) {
                throw error("string longer than " + Tuning.JSON_MAX_STRING_LENGTH);
            }
            w.writeString(decoder.chars(), 0, decoder.length()); // refuses an unpaired surrogate
        }
        blobs |= afterTypeName && w.lastStringIs("blob");
    }

    /**
     * The index of the closing quote of the string whose body starts at {@code p} if it can be copied through:
     * no escape, no control character, only well-formed UTF-8, and not longer than {@code max} bytes (a longer
     * one may still be valid; the decoder measures it exactly). Otherwise -1.
     */
    private int plainStringEnd(int p, int max) {
        while (true) {
            p = unverifiedSource == null ? Utf8Scan.plainRunEnd(in, p, end)
                    : Utf8Scan.plainRunEndOrQuestionMark(in, p, end);
            if (p >= end) {
                return -1;
            }
            int c = in[p];
            if (c == '"') {
                return p - pos <= max ? p : -1;
            }
            if (c == '?') {
                verifySource();
                p++;
                continue;
            }
            if (c >= 0) { // a backslash or a control character
                return -1;
            }
            int n = Utf8Scan.wellFormedLength(in, p, end);
            if (n == 0) {
                return -1;
            }
            p += n;
        }
    }

    /** A decoded string with a '?' in it may have been an unpaired surrogate: checks the source String. */
    private void verifyDecoded() {
        if (unverifiedSource != null) {
            char[] chars = decoder.chars();
            for (int i = 0, n = decoder.length(); i < n; i++) {
                if (chars[i] == '?') {
                    verifySource();
                    return;
                }
            }
        }
    }

    /** Outside strings a '?' is an error as an unpaired surrogate would be; inside, it must be told apart. */
    private void verifySource() {
        if (Utf8.hasUnpairedSurrogate(unverifiedSource)) {
            throw SURROGATES_LOST;
        }
        unverifiedSource = null;
    }

    /** Reads a literal or a number starting with {@code c} into {@link #kind} and its value. */
    private void scalar(int c) {
        switch (c) {
            case 't':
                literal("true");
                kind = Kind.TRUE;
                break;
            case 'f':
                literal("false");
                kind = Kind.FALSE;
                break;
            case 'n':
                literal("null");
                kind = Kind.NULL;
                break;
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    number(c);
                } else {
                    throw error(c < 0 ? "unexpected end of input" : "unexpected character");
                }
        }
    }

    private void writeScalar() {
        switch (kind) {
            case TRUE: w.writeBoolean(true); break;
            case FALSE: w.writeBoolean(false); break;
            case NULL: w.writeNil(); break;
            case LONG: w.writeLong(longValue); break;
            case DOUBLE: w.writeDouble(doubleValue); break;
            default: w.writeNumberText(in, textStart, pos - textStart);
        }
    }

    /** Matches the rest of {@code word} (its first char just read) and checks what follows it. */
    private void literal(String word) {
        for (int i = 1; i < word.length(); i++) {
            if (pos >= end || in[pos] != word.charAt(i)) {
                throw error("unrecognized token");
            }
            pos++;
        }
        if (pos < end) {
            int ch = in[pos] & 0xFF;
            if (ch >= '0' && ch != ']' && ch != '}' && followsAsPartOfToken(ch)) {
                throw error("unrecognized token");
            }
        }
    }

    /**
     * Whether the char starting with byte {@code ch} continues the literal before it. Jackson's byte parser
     * refused any non-ASCII byte there (its check re-read the lead byte as a continuation byte); its char parser
     * tested the first UTF-16 char (a high surrogate for a supplementary character).
     */
    private boolean followsAsPartOfToken(int ch) {
        if (ch < 0x80) {
            return Character.isJavaIdentifierPart((char) ch);
        }
        if (!fromChars) {
            return true;
        }
        int n = Utf8Scan.wellFormedLength(in, pos, end);
        if (n == 4 || n == 0) {
            return false; // a supplementary char, or an unpaired surrogate kept in 3 bytes
        }
        int c = n == 2 ? ((ch & 0x1F) << 6) | (in[pos + 1] & 0x3F)
                : ((ch & 0x0F) << 12) | ((in[pos + 1] & 0x3F) << 6) | (in[pos + 2] & 0x3F);
        return Character.isJavaIdentifierPart((char) c);
    }

    /** Reads a number starting with {@code c} (a digit or '-'), with Jackson's grammar and length limits. */
    private void number(int c) {
        textStart = pos - 1;
        boolean negative = c == '-';
        if (negative) {
            if (pos >= end) {
                throw error("unexpected end of input in a number");
            }
            c = in[pos++];
            if (c < '0' || c > '9') {
                throw error("invalid number");
            }
        }
        if (c == '0' && pos < end && Utf8Scan.isDigit(in[pos])) {
            throw error("leading zeroes not allowed");
        }
        long value = c - '0';
        int intLength = 1;
        while (pos < end && Utf8Scan.isDigit(in[pos])) {
            value = value * 10 + (in[pos++] - '0');
            intLength++;
        }
        int fractionLength = 0;
        int exponentLength = 0;
        boolean decimal = false;
        if (pos < end && in[pos] == '.') {
            decimal = true;
            pos++;
            while (pos < end && Utf8Scan.isDigit(in[pos])) {
                pos++;
                fractionLength++;
            }
            if (fractionLength == 0) {
                throw error("decimal point not followed by a digit");
            }
        }
        if (pos < end && (in[pos] | 0x20) == 'e') {
            decimal = true;
            pos++;
            if (pos < end && (in[pos] == '-' || in[pos] == '+')) {
                pos++;
            }
            while (pos < end && Utf8Scan.isDigit(in[pos])) {
                pos++;
                exponentLength++;
            }
            if (exponentLength == 0) {
                throw error("exponent indicator not followed by a digit");
            }
        }
        if (!decimal) {
            if (intLength > Tuning.JSON_MAX_NUMBER_DIGITS) {
                throw error("number longer than " + Tuning.JSON_MAX_NUMBER_DIGITS + " digits");
            }
            integer(negative, value, intLength);
        } else {
            if (intLength + fractionLength + exponentLength > Tuning.JSON_MAX_NUMBER_DIGITS) {
                throw error("number longer than " + Tuning.JSON_MAX_NUMBER_DIGITS + " digits");
            }
            decimal();
        }
    }

    /** An integer is an int if it fits in 64 bits (its digits' value is exact as unsigned up to 19 digits). */
    private void integer(boolean negative, long digits, int length) {
        boolean fits = length < 19
                || length == 19 && Long.compareUnsigned(digits, negative ? Long.MIN_VALUE : Long.MAX_VALUE) <= 0;
        if (fits && !(negative && digits == 0)) {
            kind = Kind.LONG;
            longValue = negative ? -digits : digits;
        } else {
            kind = Kind.NUMBER_TEXT; // "-0" and integers beyond 64 bits keep their text
        }
    }

    /**
     * A decimal is stored as a float64 only if Java prints that double back as exactly its text; Java never
     * prints 'e', '+' or a number without '.', so such texts are kept without parsing them.
     */
    private void decimal() {
        kind = Kind.NUMBER_TEXT;
        boolean point = false;
        for (int i = textStart; i < pos; i++) {
            int b = in[i];
            if (b == 'e' || b == '+') {
                return;
            }
            point |= b == '.';
        }
        if (!point) {
            return;
        }
        String text = new String(in, textStart, pos - textStart, StandardCharsets.ISO_8859_1);
        double d = Double.parseDouble(text);
        if (Double.toString(d).equals(text)) {
            kind = Kind.DOUBLE;
            doubleValue = d;
        }
    }

    /** Skips the colon after a property name and the spaces around it; returns the value's first byte. */
    private int colon() {
        int c = skipSpace();
        if (c != ':') {
            throw error(c < 0 ? "unexpected end of input" : "expected ':' after a property name");
        }
        c = skipSpace();
        if (c < 0) {
            throw error("unexpected end of input");
        }
        return c;
    }

    /** Skips JSON white space; returns the next byte (consumed) or -1 at the end of the input. */
    private int skipSpace() {
        while (pos < end) {
            int c = in[pos++] & 0xFF;
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                return c;
            }
        }
        return -1;
    }

    private void open(boolean map) {
        int depth = w.depth();
        if (depth >= Tuning.MAX_BODY_NESTING) {
            throw error("nested deeper than " + Tuning.MAX_BODY_NESTING);
        }
        if (map) {
            w.beginMap();
            order.open(w.rawSize());
        } else {
            w.beginArray();
        }
    }

    private void close(int c) {
        if ((c == '}') != w.inMap()) {
            throw error("mismatched closing bracket");
        }
        if (c == '}') {
            order.close(w.buffer(), w.rawSize());
        }
        w.end();
    }

    private RuntimeException error(String what) {
        return JsonStringDecoder.error(what, Math.max(0, pos - 1));
    }
}
