package org.c4j.socket.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import org.c4j.socket.C4Exception;
import org.c4j.socket.ErrorCodes;
import org.c4j.socket.ErrorDomain;
import org.msgpack.core.ExtensionTypeHeader;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessageInsufficientBufferException;
import org.msgpack.core.MessageIntegerOverflowException;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePackException;
import org.msgpack.core.MessagePacker;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ValueType;

/**
 * MessagePack codec for option trees. Pure: bytes in, values out.
 *
 * <p><b>Option trees</b> are made of: {@code null}, {@link Boolean}, {@link Long}, {@link Double} (NaN always
 * {@link Double#NaN}), {@link String} (well-formed UTF-16), {@link Bytes}, unmodifiable {@code List<Object>} and
 * unmodifiable {@code SortedMap<String, Object>} in natural key order, nested at most {@link #MAX_DEPTH} deep
 * (the top-level map counts as 1).
 *
 * <p><b>Encoding</b> is canonical, so equal trees encode to equal bytes: map entries in key order, integers in
 * their smallest msgpack form, every double as float64, strings as UTF-8 with the smallest length header.
 *
 * <p><b>Decoding</b> accepts any well-formed msgpack map of those types (also float32, non-minimal integers and
 * unsorted keys) and fails on anything else with {@link C4Exception} domain {@link ErrorDomain#LITECORE} code
 * {@link ErrorCodes.LiteCore#CORRUPT_DATA} — and with nothing else, whatever the input: empty or truncated input,
 * trailing bytes, a top level that is not a map, non-string or duplicate keys, invalid UTF-8, the reserved byte
 * 0xC1, extension types (including timestamps), integers beyond the signed 64-bit range, lengths larger than the
 * remaining input (checked before allocating) and nesting deeper than {@link #MAX_DEPTH}.
 *
 * <p>Stateless; thread-safe.
 */
public final class OptionsCodec {
    private OptionsCodec() {
    }

    /**
     * Deepest container nesting allowed (top-level map = 1). Real options nest 3 deep at most (auth inside
     * proxy); 64 leaves room while bounding recursion on hostile input.
     */
    public static final int MAX_DEPTH = 64;

    /** Encodes a valid option tree. */
    public static byte[] encode(SortedMap<String, Object> tree) {
        try (MessageBufferPacker out = MessagePack.newDefaultBufferPacker()) {
            writeMap(out, tree);
            return out.toByteArray();
        } catch (IOException e) {
            // MessageBufferPacker writes to memory; it has no I/O that could fail.
            throw new C4Exception(ErrorDomain.LITECORE, ErrorCodes.LiteCore.UNEXPECTED_ERROR,
                    "encoding options failed: " + e, e);
        }
    }

    /** Decodes an encoded options map; see the class comment for what is rejected. */
    public static SortedMap<String, Object> decode(byte[] data) {
        if (data == null) {
            throw new C4Exception(ErrorDomain.LITECORE, ErrorCodes.LiteCore.INVALID_PARAMETER, "options data is null");
        }
        if (data.length == 0) {
            throw corrupt("empty input");
        }
        try (MessageUnpacker in = MessagePack.newDefaultUnpacker(data)) {
            Decoder decoder = new Decoder(in, data.length);
            SortedMap<String, Object> map = decoder.readTopLevel();
            if (in.hasNext()) {
                throw corrupt((data.length - in.getTotalReadBytes()) + " trailing byte(s) after the map");
            }
            return map;
        } catch (MessageInsufficientBufferException e) {
            throw corrupt("truncated input (" + data.length + " bytes)");
        } catch (MessageIntegerOverflowException e) {
            throw corrupt("integer beyond the signed 64-bit range");
        } catch (MessagePackException | IOException e) {
            throw corrupt(String.valueOf(e.getMessage()));
        }
    }

    static C4Exception corrupt(String detail) {
        return new C4Exception(ErrorDomain.LITECORE, ErrorCodes.LiteCore.CORRUPT_DATA,
                "invalid encoded options: " + detail);
    }

    private static void writeValue(MessagePacker out, Object value) throws IOException {
        if (value == null) {
            out.packNil();
        } else if (value instanceof Boolean b) {
            out.packBoolean(b);
        } else if (value instanceof Long l) {
            out.packLong(l);
        } else if (value instanceof Double d) {
            out.packDouble(d);
        } else if (value instanceof String s) {
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            out.packRawStringHeader(utf8.length);
            out.writePayload(utf8);
        } else if (value instanceof Bytes b) {
            out.packBinaryHeader(b.length());
            out.writePayload(b.array());
        } else if (value instanceof List<?> list) {
            out.packArrayHeader(list.size());
            for (Object item : list) {
                writeValue(out, item);
            }
        } else if (value instanceof SortedMap<?, ?> map) {
            writeMap(out, map);
        } else {
            throw new IllegalStateException("not an option tree value: " + value.getClass().getName());
        }
    }

    private static void writeMap(MessagePacker out, SortedMap<?, ?> map) throws IOException {
        out.packMapHeader(map.size());
        for (Map.Entry<?, ?> e : map.entrySet()) {
            writeValue(out, e.getKey());
            writeValue(out, e.getValue());
        }
    }

    /** One decoding pass over one input; keeps the strict UTF-8 decoder for the pass. */
    private static final class Decoder {
        private final MessageUnpacker in;
        private final long length;
        private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);

        Decoder(MessageUnpacker in, long length) {
            this.in = in;
            this.length = length;
        }

        SortedMap<String, Object> readTopLevel() throws IOException {
            MessageFormat format = nextFormat();
            if (format.getValueType() != ValueType.MAP) {
                throw corrupt("the top level must be a map, not " + typeName(format));
            }
            return readMap(1, 0);
        }

        private MessageFormat nextFormat() throws IOException {
            MessageFormat format = in.getNextFormat();
            if (format == MessageFormat.NEVER_USED) {
                throw corrupt("reserved type byte 0xc1 at offset " + in.getTotalReadBytes());
            }
            return format;
        }

        private Object readValue(int depth) throws IOException {
            long offset = in.getTotalReadBytes();
            MessageFormat format = nextFormat();
            switch (format.getValueType()) {
                case NIL:
                    in.unpackNil();
                    return null;
                case BOOLEAN:
                    return in.unpackBoolean();
                case INTEGER:
                    return in.unpackLong();
                case FLOAT:
                    double d = in.unpackDouble();
                    return Double.isNaN(d) ? Double.NaN : d;
                case STRING:
                    return readString(offset);
                case BINARY:
                    return Bytes.adopt(payload(in.unpackBinaryHeader(), offset));
                case ARRAY:
                    return readArray(depth + 1, offset);
                case MAP:
                    return readMap(depth + 1, offset);
                default: // EXTENSION, the only value type left
                    ExtensionTypeHeader ext = in.unpackExtensionTypeHeader();
                    throw corrupt("unsupported msgpack extension type " + ext.getType()
                            + (ext.getType() == -1 ? " (timestamp)" : "") + " at offset " + offset);
            }
        }

        private String readString(long offset) throws IOException {
            byte[] bytes = payload(in.unpackRawStringHeader(), offset);
            try {
                return utf8.decode(ByteBuffer.wrap(bytes)).toString();
            } catch (CharacterCodingException e) {
                throw corrupt("invalid UTF-8 in the string at offset " + offset);
            }
        }

        private byte[] payload(int size, long offset) throws IOException {
            if (size > remaining()) {
                throw corrupt("truncated input: " + size + " bytes declared at offset " + offset + ", "
                        + remaining() + " left");
            }
            return in.readPayload(size);
        }

        private List<Object> readArray(int depth, long offset) throws IOException {
            checkDepth(depth, offset);
            int size = in.unpackArrayHeader();
            if (size > remaining()) { // every element takes at least one byte
                throw corrupt("truncated input: array of " + size + " items at offset " + offset + ", "
                        + remaining() + " bytes left");
            }
            List<Object> list = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                list.add(readValue(depth));
            }
            return Collections.unmodifiableList(list);
        }

        private SortedMap<String, Object> readMap(int depth, long offset) throws IOException {
            checkDepth(depth, offset);
            int size = in.unpackMapHeader();
            if (size > remaining() / 2) { // every entry takes at least two bytes
                throw corrupt("truncated input: map of " + size + " entries at offset " + offset + ", "
                        + remaining() + " bytes left");
            }
            SortedMap<String, Object> map = new TreeMap<>();
            for (int i = 0; i < size; i++) {
                long keyOffset = in.getTotalReadBytes();
                MessageFormat keyFormat = nextFormat();
                if (keyFormat.getValueType() != ValueType.STRING) {
                    throw corrupt("map key at offset " + keyOffset + " is " + typeName(keyFormat) + ", not a string");
                }
                String key = readString(keyOffset);
                if (map.containsKey(key)) {
                    throw corrupt("duplicate key '" + key + "' at offset " + keyOffset);
                }
                map.put(key, readValue(depth));
            }
            return Collections.unmodifiableSortedMap(map);
        }

        private void checkDepth(int depth, long offset) {
            if (depth > MAX_DEPTH) {
                throw corrupt("nesting deeper than " + MAX_DEPTH + " at offset " + offset);
            }
        }

        private long remaining() {
            return length - in.getTotalReadBytes();
        }

        private static String typeName(MessageFormat format) {
            return "a msgpack " + format.getValueType().name().toLowerCase(Locale.ROOT);
        }
    }
}
