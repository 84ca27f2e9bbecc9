package org.c4j.blip.internal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.c4j.socket.ErrorCodes;

/**
 * The BLIP 3 message layout: a varint byte count, then the properties as NUL-terminated UTF-8 key and value strings
 * (plain strings: BLIP 3 has no abbreviation table), then the body up to the end of the message. Stateless;
 * thread-safe. Returned arrays and maps belong to the caller.
 */
public final class MessageCodec {
    private MessageCodec() {
    }

    /**
     * Encodes the properties block, length prefix included. An empty map still yields the single byte {@code 00}.
     *
     * @throws IllegalArgumentException if a key or value contains NUL or the block exceeds
     *                                  {@link BlipWire#MAX_PROPERTIES_SIZE}
     */
    public static byte[] encodeProperties(Map<String, String> properties) {
        ByteArrayOutputStream block = new ByteArrayOutputStream();
        for (Map.Entry<String, String> e : properties.entrySet()) {
            writeString(block, Objects.requireNonNull(e.getKey(), "property key"));
            writeString(block, Objects.requireNonNull(e.getValue(), "property value"));
        }
        if (block.size() > BlipWire.MAX_PROPERTIES_SIZE) {
            throw new IllegalArgumentException("properties take " + block.size() + " bytes, more than "
                    + BlipWire.MAX_PROPERTIES_SIZE);
        }
        byte[] bytes = block.toByteArray();
        byte[] out = new byte[Varint.size(bytes.length) + bytes.length];
        int offset = Varint.write(bytes.length, out, 0);
        System.arraycopy(bytes, 0, out, offset, bytes.length);
        return out;
    }

    /** A whole message: the properties block followed by {@code body}. */
    public static byte[] encodeMessage(Map<String, String> properties, byte[] body) {
        byte[] props = encodeProperties(properties);
        byte[] out = new byte[props.length + body.length];
        System.arraycopy(props, 0, out, 0, props.length);
        System.arraycopy(body, 0, out, props.length, body.length);
        return out;
    }

    /**
     * Reads a length-prefixed properties block at the buffer's position and advances past it (to the body).
     *
     * @return the properties in wire order; for a repeated key the first value wins
     * @throws BlipProtocolException if the block is truncated, too large or malformed
     */
    public static Map<String, String> decodeProperties(ByteBuffer src) {
        long size = Varint.read(src);
        checkPropertiesSize(size);
        if (size > src.remaining()) {
            throw new BlipProtocolException(ErrorCodes.Blip.BAD_MESSAGE, "message ends inside its properties");
        }
        ByteBuffer block = src.slice().limit((int) size);
        src.position(src.position() + (int) size);
        return parseBlock(block);
    }

    /** Checks a properties byte count read from the wire against {@link BlipWire#MAX_PROPERTIES_SIZE}. */
    static void checkPropertiesSize(long size) {
        if (size < 0 || size > BlipWire.MAX_PROPERTIES_SIZE) {
            throw new BlipProtocolException(ErrorCodes.Blip.BAD_MESSAGE,
                    "properties block of " + Long.toUnsignedString(size) + " bytes is too large");
        }
    }

    /** Parses a properties block without its length prefix. */
    static Map<String, String> parseBlock(ByteBuffer block) {
        Map<String, String> properties = new LinkedHashMap<>();
        if (!block.hasRemaining()) {
            return properties;
        }
        if (block.get(block.limit() - 1) != 0) {
            throw new BlipProtocolException(ErrorCodes.Blip.BAD_MESSAGE, "properties do not end with NUL");
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        String key = null;
        int start = block.position();
        for (int i = start; i < block.limit(); i++) {
            if (block.get(i) != 0) {
                continue;
            }
            String s = decodeUtf8(decoder, block.duplicate().position(start).limit(i));
            start = i + 1;
            if (key == null) {
                key = s;
            } else {
                properties.putIfAbsent(key, s);
                key = null;
            }
        }
        if (key != null) {
            throw new BlipProtocolException(ErrorCodes.Blip.BAD_MESSAGE, "property key '" + key + "' has no value");
        }
        return properties;
    }

    private static String decodeUtf8(CharsetDecoder decoder, ByteBuffer bytes) {
        try {
            CharBuffer chars = decoder.reset().decode(bytes);
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw new BlipProtocolException(ErrorCodes.Blip.BAD_MESSAGE, "property is not valid UTF-8", e);
        }
    }

    private static void writeString(ByteArrayOutputStream out, String s) {
        if (s.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("BLIP property strings cannot contain NUL");
        }
        try {
            ByteBuffer utf8 = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(s));
            out.write(utf8.array(), utf8.arrayOffset() + utf8.position(), utf8.remaining());
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("BLIP property string is not valid Unicode (lone surrogate)", e);
        }
        out.write(0);
    }
}
