package org.c4j.blip.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Generators shared by the codec property tests. */
final class TestData {
    private TestData() {
    }

    /** How a test message's frames are compressed. */
    enum Compression { NEVER, ALWAYS, RANDOM_PER_FRAME }

    /** Kinds of generated body data. */
    enum Kind { RANDOM, REPETITIVE, JSON_TEXT, MIXED }

    /** A message to push through the codec: type plus flags, properties and body. */
    record TestMessage(MessageType type, boolean urgent, boolean noReply, Compression compression,
                       Map<String, String> properties, byte[] body) {
        byte[] encoded() {
            return MessageCodec.encodeMessage(properties, body);
        }

        int flags() {
            return type.wireValue() | (urgent ? BlipWire.URGENT : 0) | (noReply ? BlipWire.NO_REPLY : 0);
        }

        @Override
        public String toString() {
            return type + (urgent ? " urgent" : "") + (noReply ? " noreply" : "") + " " + compression + " "
                    + properties + " body " + body.length + " bytes";
        }
    }

    /** Property strings: NUL-free valid Unicode, ASCII-heavy, some multi-byte. */
    static Arbitrary<String> propertyStrings() {
        return Arbitraries.oneOf(
                Arbitraries.strings().alpha().numeric().withChars("-_ ").ofMaxLength(20),
                Arbitraries.strings().withCharRange('\u0001', '\uD7FF').withCharRange('\uE000', '\uFFFF').ofMaxLength(30),
                Arbitraries.of("", "Profile", "Error-Domain", "Error-Code", "é", "日本語", "😀 emoji", "x".repeat(200)));
    }

    static Arbitrary<Map<String, String>> properties() {
        return Arbitraries.maps(propertyStrings(), propertyStrings()).ofMaxSize(8);
    }

    /** Body data made from a seed, so that big bodies are cheap to generate and shrink by size. */
    static Arbitrary<byte[]> bodies(int maxSize) {
        return Combinators.combine(Arbitraries.longs(), Arbitraries.integers().between(0, maxSize),
                Arbitraries.of(Kind.class)).as(TestData::data);
    }

    static Arbitrary<TestMessage> messages(int maxBodySize) {
        return Combinators.combine(Arbitraries.of(MessageType.MSG, MessageType.RPY, MessageType.ERR),
                        Arbitraries.of(true, false), Arbitraries.of(true, false), Arbitraries.of(Compression.class),
                        properties(), bodies(maxBodySize))
                .as(TestMessage::new);
    }

    static byte[] data(long seed, int size, Kind kind) {
        Random random = new Random(seed);
        byte[] out = new byte[size];
        switch (kind) {
            case RANDOM -> random.nextBytes(out);
            case REPETITIVE -> {
                byte[] unit = new byte[1 + random.nextInt(64)];
                random.nextBytes(unit);
                for (int i = 0; i < size; i++) {
                    out[i] = unit[i % unit.length];
                }
            }
            case JSON_TEXT -> {
                StringBuilder sb = new StringBuilder();
                while (sb.length() < size) {
                    sb.append("[\"doc-").append(random.nextInt(100000)).append("\",\"1-")
                            .append(Long.toHexString(random.nextLong())).append("\",").append(random.nextInt(999)).append("],");
                }
                System.arraycopy(sb.toString().getBytes(StandardCharsets.US_ASCII), 0, out, 0, size);
            }
            case MIXED -> {
                byte[] a = data(seed + 1, size / 2, Kind.REPETITIVE);
                byte[] b = data(seed + 2, size - size / 2, Kind.RANDOM);
                System.arraycopy(a, 0, out, 0, a.length);
                System.arraycopy(b, 0, out, a.length, b.length);
            }
        }
        return out;
    }

    static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }
}
