package org.c4j.blip.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Decodes every captured Couchbase Lite 3.0 frame and checks it against the capture's decoded expectations. */
class GoldenVectorsTest {

    static Stream<String> captures() {
        List<String> names = Vectors.names();
        assertFalse(names.isEmpty(), "no vectors found");
        return names.stream();
    }

    /** A message being reassembled from its frames. */
    private static final class Incoming {
        final MessageAssembler assembler = new MessageAssembler();
        final ByteArrayOutputStream body = new ByteArrayOutputStream();
    }

    @ParameterizedTest
    @MethodSource("captures")
    void decodesEveryFrame(String capture) {
        Map<String, FrameDecoder> decoders = new HashMap<>();
        Map<String, Incoming> inProgress = new HashMap<>();
        int frames = 0;
        int messages = 0;
        for (Vectors.VectorFrame vf : Vectors.frames(capture)) {
            JsonNode exp = vf.expected();
            assertTrue(exp.path("crc_ok").asBoolean(true), vf + " was captured with a bad CRC");
            Frame frame = decoders.computeIfAbsent(vf.stream(), k -> new FrameDecoder()).decode(ByteBuffer.wrap(vf.wire()));
            frames++;
            assertEquals(exp.get("num").asLong(), frame.msgNo(), vf + " msgNo");
            assertEquals(exp.get("type").asText(), frame.type().name(), vf + " type");
            assertEquals(exp.get("compressed").asBoolean(), frame.hasFlag(BlipWire.COMPRESSED), vf + " compressed");
            assertEquals(exp.get("urgent").asBoolean(), frame.hasFlag(BlipWire.URGENT), vf + " urgent");
            assertEquals(exp.get("noreply").asBoolean(), frame.hasFlag(BlipWire.NO_REPLY), vf + " noreply");
            assertEquals(exp.get("more").asBoolean(), frame.moreComing(), vf + " more");
            if (frame.type().isAck()) {
                assertEquals(exp.get("acked").asLong(), frame.ackedBytes(), vf + " acked");
                continue;
            }
            if (exp.has("frame_bytes")) {
                assertEquals(exp.get("frame_bytes").asInt(), frame.payload().remaining(), vf + " frame_bytes");
            }
            String key = vf.stream() + (frame.type().isReply() ? " reply " : " request ") + frame.msgNo();
            Incoming msg = inProgress.computeIfAbsent(key, k -> new Incoming());
            ByteBuffer bodyPart = msg.assembler.feed(frame.payload());
            msg.body.writeBytes(FrameEncoderGoldenTest.bytes(bodyPart));
            if (frame.moreComing()) {
                continue;
            }
            inProgress.remove(key);
            msg.assembler.finish();
            messages++;
            checkMessage(vf, msg.assembler.properties(), msg.body.toByteArray());
        }
        assertTrue(inProgress.isEmpty(), "unfinished messages: " + inProgress.keySet());
        decoders.values().forEach(FrameDecoder::close);
        System.out.printf("%s: %d frames, %d messages decoded%n", capture, frames, messages);
    }

    private static void checkMessage(Vectors.VectorFrame vf, Map<String, String> props, byte[] body) {
        JsonNode exp = vf.expected();
        Map<String, String> expectedProps = new LinkedHashMap<>();
        exp.get("props").fields().forEachRemaining(e -> expectedProps.put(e.getKey(), e.getValue().asText()));
        assertEquals(List.copyOf(expectedProps.entrySet()), List.copyOf(props.entrySet()), vf + " properties (in order)");
        assertEquals(exp.get("body_len").asInt(), body.length, vf + " body_len");
        if (exp.has("body_hex")) {
            String hex = exp.get("body_hex").asText();
            assertEquals(hex, HexFormat.of().formatHex(Arrays.copyOf(body, hex.length() / 2)), vf + " body prefix");
        } else {
            String text = new String(body, StandardCharsets.UTF_8);
            int end = text.offsetByCodePoints(0, Math.min(400, text.codePointCount(0, text.length())));
            assertEquals(exp.get("body").asText(), text.substring(0, end), vf + " body prefix");
        }
    }
}
