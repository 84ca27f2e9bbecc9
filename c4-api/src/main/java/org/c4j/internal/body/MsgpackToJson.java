package org.c4j.internal.body;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

import org.c4j.internal.Errors;

/**
 * Writes stored MessagePack values as compact JSON text (UTF-8), keys in stored order.
 *
 * <p>Strings are copied as UTF-8, escaping only {@code "}, {@code \}, control characters and DEL (as Fleece's
 * JSON encoder does); number-text ext values are written verbatim.
 *
 * <p>Stateless; thread-safe. Returned arrays belong to the caller.
 */
public final class MsgpackToJson {
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private MsgpackToJson() {
    }

    public static byte[] toJson(byte[] msgpack) {
        MsgpackReader r = new MsgpackReader(msgpack);
        Out out = new Out(msgpack.length + (msgpack.length >> 2) + 16);
        writeValue(r, out);
        if (r.hasMore()) {
            throw Errors.corrupt("trailing bytes after body");
        }
        return out.toArray();
    }

    private static void writeValue(MsgpackReader r, Out out) {
        switch (r.peek()) {
            case NIL:
                r.readNil();
                out.ascii("null");
                break;
            case BOOLEAN:
                out.ascii(r.readBoolean() ? "true" : "false");
                break;
            case INTEGER: {
                long v = r.readLong();
                out.ascii(r.lastWasUnsigned64() ? Long.toUnsignedString(v) : Long.toString(v));
                break;
            }
            case FLOAT: {
                double d = r.readDouble();
                if (Double.isNaN(d) || Double.isInfinite(d)) {
                    throw Errors.invalidData("JSON can't represent " + d);
                }
                out.ascii(Double.toString(d));
                break;
            }
            case STRING:
                r.readStringSlice();
                out.string(r.buffer(), r.sliceOffset(), r.sliceLength());
                break;
            case BINARY: {
                r.readBinarySlice();
                byte[] data = Arrays.copyOfRange(r.buffer(), r.sliceOffset(), r.sliceOffset() + r.sliceLength());
                out.ascii('"' + Base64.getEncoder().encodeToString(data) + '"');
                break;
            }
            case EXT:
                r.readExtSlice();
                if (r.extType() != MsgpackWriter.EXT_NUMBER_TEXT || r.sliceLength() == 0) {
                    throw Errors.corrupt("unknown ext type " + r.extType() + " in body");
                }
                out.raw(r.buffer(), r.sliceOffset(), r.sliceLength());
                break;
            case ARRAY: {
                int n = r.readArrayHeader();
                out.put('[');
                for (int i = 0; i < n; i++) {
                    if (i > 0) {
                        out.put(',');
                    }
                    writeValue(r, out);
                }
                out.put(']');
                break;
            }
            case MAP: {
                int n = r.readMapHeader();
                out.put('{');
                for (int i = 0; i < n; i++) {
                    if (i > 0) {
                        out.put(',');
                    }
                    writeKey(r, out);
                    writeValue(r, out);
                }
                out.put('}');
                break;
            }
            default:
                throw new AssertionError();
        }
    }

    private static void writeKey(MsgpackReader r, Out out) {
        if (r.peek() != MsgpackReader.Kind.STRING) {
            throw Errors.corrupt("non-string key in body");
        }
        r.readStringSlice();
        out.string(r.buffer(), r.sliceOffset(), r.sliceLength());
        out.put(':');
    }

    /** A growable byte buffer with JSON string escaping. */
    private static final class Out {
        private byte[] buf;
        private int pos;

        Out(int capacity) {
            buf = new byte[capacity];
        }

        void put(char c) {
            ensure(1);
            buf[pos++] = (byte) c;
        }

        void ascii(String s) {
            int n = s.length();
            ensure(n);
            for (int i = 0; i < n; i++) {
                buf[pos++] = (byte) s.charAt(i);
            }
        }

        void raw(byte[] src, int off, int len) {
            ensure(len);
            System.arraycopy(src, off, buf, pos, len);
            pos += len;
        }

        void string(byte[] src, int off, int len) {
            ensure(len + 2);
            buf[pos++] = '"';
            int start = off;
            int end = off + len;
            for (int i = off; i < end; i++) {
                int c = src[i] & 0xff;
                if (c == '"' || c == '\\' || c < 0x20 || c == 0x7f) {
                    raw(src, start, i - start);
                    start = i + 1;
                    ensure(6);
                    buf[pos++] = '\\';
                    switch (c) {
                        case '"': buf[pos++] = '"'; break;
                        case '\\': buf[pos++] = '\\'; break;
                        case '\n': buf[pos++] = 'n'; break;
                        case '\r': buf[pos++] = 'r'; break;
                        case '\t': buf[pos++] = 't'; break;
                        default:
                            buf[pos++] = 'u';
                            buf[pos++] = '0';
                            buf[pos++] = '0';
                            buf[pos++] = HEX[c >> 4];
                            buf[pos++] = HEX[c & 0xf];
                    }
                }
            }
            raw(src, start, end - start);
            ensure(1);
            buf[pos++] = '"';
        }

        private void ensure(int n) {
            if (pos + n > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n));
            }
        }

        byte[] toArray() {
            return pos == buf.length ? buf : Arrays.copyOf(buf, pos);
        }
    }
}
