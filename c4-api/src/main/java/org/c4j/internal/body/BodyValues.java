package org.c4j.internal.body;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.c4j.internal.Errors;
import org.c4j.internal.Tuning;

/**
 * Converts between stored MessagePack and plain Java values: {@code Map<String,Object>} (insertion-ordered),
 * {@code List<Object>}, {@code String}, {@code Long}, {@code Double}, {@code BigInteger} / {@code BigDecimal}
 * (numbers stored as exact text), {@code Boolean} and {@code null}. Other {@code Number}s, arrays and
 * {@code Iterable}s are accepted when encoding.
 *
 * <p>Stateless; thread-safe. Values returned are fresh, mutable and owned by the caller.
 */
public final class BodyValues {
    private BodyValues() {
    }

    public static Object decode(byte[] msgpack) {
        MsgpackReader r = new MsgpackReader(msgpack);
        Object v = read(r);
        if (r.hasMore()) {
            throw Errors.corrupt("trailing bytes after body");
        }
        return v;
    }

    /** Reads one value at the reader's position. */
    public static Object read(MsgpackReader r) {
        switch (r.peek()) {
            case NIL:
                r.readNil();
                return null;
            case BOOLEAN:
                return r.readBoolean();
            case INTEGER: {
                long v = r.readLong();
                return r.lastWasUnsigned64() ? new BigInteger(Long.toUnsignedString(v)) : (Object) v;
            }
            case FLOAT:
                return r.readDouble();
            case STRING:
                return r.readString();
            case BINARY:
                r.readBinarySlice();
                return Arrays.copyOfRange(r.buffer(), r.sliceOffset(), r.sliceOffset() + r.sliceLength());
            case EXT: {
                r.readExtSlice();
                if (r.extType() != MsgpackWriter.EXT_NUMBER_TEXT) {
                    throw Errors.corrupt("unknown ext type " + r.extType() + " in body");
                }
                return numberFromText(new String(r.buffer(), r.sliceOffset(), r.sliceLength(),
                        StandardCharsets.US_ASCII));
            }
            case ARRAY: {
                int n = r.readArrayHeader();
                List<Object> list = new ArrayList<>(Math.min(n, 1024));
                for (int i = 0; i < n; i++) {
                    list.add(read(r));
                }
                return list;
            }
            case MAP: {
                int n = r.readMapHeader();
                Map<String, Object> map = new LinkedHashMap<>(Math.min(n, 1024) * 2);
                for (int i = 0; i < n; i++) {
                    if (r.peek() != MsgpackReader.Kind.STRING) {
                        throw Errors.corrupt("non-string key in body");
                    }
                    String key = r.readString();
                    map.put(key, read(r));
                }
                return map;
            }
            default:
                throw new AssertionError();
        }
    }

    private static Number numberFromText(String text) {
        try {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '.' || c == 'e' || c == 'E') {
                    return new BigDecimal(text);
                }
            }
            return new BigInteger(text);
        } catch (NumberFormatException e) {
            throw Errors.corrupt("bad number text in body: " + text);
        }
    }

    /** Encodes a Java value; throws {@code C4Exception(FLEECE, invalid data)} for values JSON can't hold. */
    public static byte[] encode(Object value) {
        MsgpackWriter w = new MsgpackWriter(256);
        write(value, w, 0);
        return w.finish();
    }

    private static void write(Object v, MsgpackWriter w, int depth) {
        if (depth > Tuning.MAX_BODY_NESTING) {
            throw Errors.invalidData("value nested deeper than " + Tuning.MAX_BODY_NESTING);
        }
        if (v == null) {
            w.writeNil();
        } else if (v instanceof String) {
            w.writeString((String) v);
        } else if (v instanceof Boolean) {
            w.writeBoolean((Boolean) v);
        } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            w.writeLong(((Number) v).longValue());
        } else if (v instanceof Double || v instanceof Float) {
            double d = v instanceof Float ? Double.parseDouble(v.toString()) : (Double) v;
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw Errors.invalidData("JSON can't represent " + v);
            }
            w.writeDouble(d);
        } else if (v instanceof BigInteger || v instanceof BigDecimal) {
            // kept as text, so they come back as the same type
            w.writeNumberText(v.toString());
        } else if (v instanceof Number) {
            w.writeLong(((Number) v).longValue());
        } else if (v instanceof Map) {
            w.beginMap();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                if (!(e.getKey() instanceof String)) {
                    throw Errors.invalidData("map key is not a String: " + e.getKey());
                }
                w.writeKey((String) e.getKey());
                write(e.getValue(), w, depth + 1);
            }
            w.end();
        } else if (v instanceof Iterable) {
            w.beginArray();
            for (Object o : (Iterable<?>) v) {
                write(o, w, depth + 1);
            }
            w.end();
        } else if (v instanceof Object[]) {
            w.beginArray();
            for (Object o : (Object[]) v) {
                write(o, w, depth + 1);
            }
            w.end();
        } else {
            throw Errors.invalidData("a document can't hold a " + v.getClass().getName());
        }
    }
}
