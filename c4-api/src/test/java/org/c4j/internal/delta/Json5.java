package org.c4j.internal.delta;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;

/** Reads the JSON5 subset of Fleece's test files (comments, unquoted keys, single quotes, trailing commas). */
final class Json5 {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .enable(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES)
            .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .build();

    private Json5() {
    }

    static Object resource(String name) throws IOException {
        try (InputStream in = Json5.class.getResourceAsStream("/" + name)) {
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    static Object parse(String text) throws IOException {
        try (JsonParser p = FACTORY.createParser(text)) {
            return read(p, p.nextToken());
        }
    }

    private static Object read(JsonParser p, JsonToken t) throws IOException {
        switch (t) {
            case START_OBJECT: {
                Map<String, Object> m = new LinkedHashMap<>();
                while ((t = p.nextToken()) != JsonToken.END_OBJECT) {
                    String k = p.currentName();
                    m.put(k, read(p, p.nextToken()));
                }
                return m;
            }
            case START_ARRAY: {
                List<Object> l = new ArrayList<>();
                while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                    l.add(read(p, t));
                }
                return l;
            }
            case VALUE_STRING:
                return p.getText();
            case VALUE_NUMBER_INT:
                return p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? (Object) new BigInteger(p.getText())
                        : (Object) p.getLongValue();
            case VALUE_NUMBER_FLOAT:
                return p.getText().length() > 17 ? (Object) new BigDecimal(p.getText()) : (Object) p.getDoubleValue();
            case VALUE_TRUE:
                return true;
            case VALUE_FALSE:
                return false;
            case VALUE_NULL:
                return null;
            default:
                throw new IOException("unexpected " + t);
        }
    }
}
