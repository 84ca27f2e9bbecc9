package org.c4j.blip.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.c4j.socket.ErrorCodes;

class MessageCodecTest {

    @Provide
    Arbitrary<Map<String, String>> properties() {
        return TestData.properties();
    }

    @Property(tries = 1000)
    void propertiesRoundTripInOrder(@ForAll("properties") Map<String, String> properties, @ForAll @Size(max = 50) byte[] body) {
        ByteBuffer in = ByteBuffer.wrap(MessageCodec.encodeMessage(properties, body));
        Map<String, String> decoded = MessageCodec.decodeProperties(in);
        assertEquals(List.copyOf(properties.entrySet()), List.copyOf(decoded.entrySet()));
        assertArrayEquals(body, TestData.bytes(in));
    }

    @Example
    void matchesTheCapturedGetCheckpointRequest() {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("Profile", "getCheckpoint");
        props.put("client", "cp-oFtesxhZ+A+Wgszqm/0oUB9cOfo=");
        // payload of the first c2s frame of cbl30-pushpull-blobs (between header 01 00 and the checksum)
        String hex = "3d50726f66696c6500676574436865636b706f696e7400636c69656e740063702d6f4674657378685a2b412b5767737a716d2f306f554239634f666f3d00";
        assertEquals(hex, HexFormat.of().formatHex(MessageCodec.encodeProperties(props)));
        assertArrayEquals(new byte[] {0}, MessageCodec.encodeProperties(Map.of()));
    }

    @Example
    void rejectsUnencodableProperties() {
        assertThrows(IllegalArgumentException.class, () -> MessageCodec.encodeProperties(Map.of("a\0b", "v")));
        assertThrows(IllegalArgumentException.class, () -> MessageCodec.encodeProperties(Map.of("k", "\0")));
        assertThrows(IllegalArgumentException.class, () -> MessageCodec.encodeProperties(Map.of("k", "\uD800")));
        assertThrows(IllegalArgumentException.class,
                () -> MessageCodec.encodeProperties(Map.of("k", "x".repeat(BlipWire.MAX_PROPERTIES_SIZE))));
    }

    @Example
    void rejectsMalformedBlocks() {
        assertBad("02610062"); // last string not NUL-terminated
        assertBad("02610000616200"); // length says 2 bytes: "a\0" is a key without value
        assertBad("0561006200"); // length beyond the data
        assertBad("04ff006200"); // invalid UTF-8
        assertBad("81"); // truncated length varint
        assertBad("81a006"); // 102401: over the 100 KiB limit
    }

    @Example
    void limitIsInclusive() {
        ByteBuffer atLimit = ByteBuffer.allocate(3 + BlipWire.MAX_PROPERTIES_SIZE);
        Varint.write(BlipWire.MAX_PROPERTIES_SIZE, atLimit);
        atLimit.put(new byte[BlipWire.MAX_PROPERTIES_SIZE - 1]).flip(); // one byte short of its declared length
        BlipProtocolException e = assertThrows(BlipProtocolException.class, () -> MessageCodec.decodeProperties(atLimit));
        assertEquals("message ends inside its properties", e.getMessage());
        ByteBuffer over = ByteBuffer.allocate(3);
        Varint.write(BlipWire.MAX_PROPERTIES_SIZE + 1, over);
        e = assertThrows(BlipProtocolException.class, () -> MessageCodec.decodeProperties(over.flip()));
        assertEquals(ErrorCodes.Blip.BAD_MESSAGE, e.code());
    }

    @Example
    void firstOfRepeatedKeysWins() {
        byte[] block = "k\0one\0k\0two\0".getBytes(StandardCharsets.UTF_8);
        ByteBuffer in = ByteBuffer.allocate(1 + block.length).put((byte) block.length).put(block).flip();
        assertEquals(Map.of("k", "one"), MessageCodec.decodeProperties(in));
    }

    private static void assertBad(String hex) {
        assertThrows(BlipProtocolException.class,
                () -> MessageCodec.decodeProperties(ByteBuffer.wrap(HexFormat.of().parseHex(hex))), hex);
    }
}
