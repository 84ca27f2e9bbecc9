package org.c4j.internal.body;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import org.c4j.internal.Errors;

/**
 * The Jackson-based JSON to MessagePack conversion (Jackson's streaming parser straight into a
 * {@link MsgpackWriter}). It was the save path's converter; {@link Utf8JsonParser} replaced it and must behave
 * exactly like it (same bytes, same error classes), which {@code Utf8JsonParserDifferentialTest} checks against
 * this class. It still serves byte input that Jackson reads as UTF-16 or UTF-32 (see
 * {@link JsonToMsgpack#encode(byte[], int, int)}), which the UTF-8 parser does not decode.
 *
 * <p>Thread-safe: the Jackson factory is shared, each call has its own parser and its own writer.
 */
final class JacksonJsonToMsgpack {

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private JacksonJsonToMsgpack() {
    }

    static JsonToMsgpack.Encoded encode(byte[] json, int off, int len) {
        try (JsonParser p = FACTORY.createParser(json, off, len)) {
            return encode(p);
        } catch (IOException e) {
            throw Errors.json("invalid JSON: " + message(e));
        }
    }

    static JsonToMsgpack.Encoded encode(String json) {
        try (JsonParser p = FACTORY.createParser(json)) {
            return encode(p);
        } catch (IOException e) {
            throw Errors.json("invalid JSON: " + message(e));
        }
    }

    private static String message(IOException e) {
        return e instanceof JsonProcessingException ? ((JsonProcessingException) e).getOriginalMessage() : e.toString();
    }

    private static JsonToMsgpack.Encoded encode(JsonParser p) throws IOException {
        MsgpackWriter w = new MsgpackWriter(4096);
        boolean blobs = false;
        boolean typeKey = false;
        boolean attachmentsKey = false;
        JsonToken t = p.nextToken();
        if (t == null) {
            throw Errors.json("invalid JSON: no content");
        }
        while (true) {
            if (t == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                w.writeKey(name);
                typeKey = "@type".equals(name);
                attachmentsKey = w.depth() == 1 && "_attachments".equals(name);
            } else {
                if (t == JsonToken.START_OBJECT && attachmentsKey) {
                    blobs = true;
                } else if (t == JsonToken.VALUE_STRING && typeKey && p.getTextLength() == 4
                        && "blob".equals(p.getText())) {
                    blobs = true;
                }
                if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
                    w.end();
                } else {
                    writeScalarOrOpen(p, t, w);
                }
                typeKey = false;
                attachmentsKey = false;
                if (w.depth() == 0) {
                    break;
                }
            }
            t = p.nextToken();
            if (t == null) {
                throw Errors.json("invalid JSON: unexpected end of input");
            }
        }
        if (p.nextToken() != null) {
            throw Errors.json("invalid JSON: more than one value");
        }
        return new JsonToMsgpack.Encoded(w.finish(), blobs);
    }

    private static void writeScalarOrOpen(JsonParser p, JsonToken t, MsgpackWriter w) throws IOException {
        switch (t) {
            case START_OBJECT:
                w.beginMap();
                break;
            case START_ARRAY:
                w.beginArray();
                break;
            case VALUE_STRING:
                w.writeString(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
                break;
            case VALUE_NUMBER_INT:
                writeInteger(p, w);
                break;
            case VALUE_NUMBER_FLOAT:
                writeFloat(p.getText(), w);
                break;
            case VALUE_TRUE:
                w.writeBoolean(true);
                break;
            case VALUE_FALSE:
                w.writeBoolean(false);
                break;
            case VALUE_NULL:
                w.writeNil();
                break;
            default:
                throw Errors.json("invalid JSON: unexpected token " + t);
        }
    }

    private static void writeInteger(JsonParser p, MsgpackWriter w) throws IOException {
        JsonParser.NumberType nt = p.getNumberType();
        if (nt == JsonParser.NumberType.INT || nt == JsonParser.NumberType.LONG) {
            long v = p.getLongValue();
            if (v != 0 || p.getTextLength() == 1) {
                w.writeLong(v);
                return;
            }
        }
        // "-0" and integers beyond 64 bits keep their text.
        w.writeNumberText(p.getText());
    }

    /** A decimal is stored as a float64 only if that prints back as exactly the same text. */
    static void writeFloat(String text, MsgpackWriter w) {
        double d = Double.parseDouble(text);
        if (Double.toString(d).equals(text)) {
            w.writeDouble(d);
        } else {
            w.writeNumberText(text);
        }
    }
}
