package org.c4j.blip.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.c4j.socket.ErrorCodes;

class MessageAssemblerTest {

    @Provide
    Arbitrary<Map<String, String>> properties() {
        return TestData.properties();
    }

    /** Properties (and their length varint) split anywhere across chunks, including empty chunks. */
    @Property(tries = 1000)
    void splitsPropertiesFromBodyAtAnyChunking(@ForAll("properties") Map<String, String> properties,
                                               @ForAll @Size(max = 300) byte[] body,
                                               @ForAll @IntRange(min = 1, max = 40) int maxChunk, @ForAll Random random) {
        byte[] message = MessageCodec.encodeMessage(properties, body);
        MessageAssembler assembler = new MessageAssembler();
        ByteArrayOutputStream gotBody = new ByteArrayOutputStream();
        int pos = 0;
        while (pos < message.length) {
            int n = random.nextInt(maxChunk + 1);
            n = Math.min(n, message.length - pos);
            ByteBuffer chunk = ByteBuffer.wrap(Arrays.copyOfRange(message, pos, pos + n));
            gotBody.writeBytes(TestData.bytes(assembler.feed(chunk)));
            assertFalse(chunk.hasRemaining());
            pos += n;
        }
        assembler.finish();
        assertTrue(assembler.hasProperties());
        assertEquals(List.copyOf(properties.entrySet()), List.copyOf(assembler.properties().entrySet()));
        assertArrayEquals(body, gotBody.toByteArray());
    }

    @Example
    void messageEndingInsideItsPropertiesIsAnError() {
        MessageAssembler assembler = new MessageAssembler();
        assembler.feed(ByteBuffer.wrap(new byte[] {4, 'a', 0}));
        assertFalse(assembler.hasProperties());
        assertThrows(IllegalStateException.class, assembler::properties);
        assertThrows(BlipProtocolException.class, assembler::finish);
    }

    @Example
    void rejectsOverlongLengthsAsMalformedAndOversizedOnesAsTooBig() {
        byte[] overlong = new byte[11];
        Arrays.fill(overlong, (byte) 0x80);
        assertThrows(BlipProtocolException.class, () -> new MessageAssembler().feed(ByteBuffer.wrap(overlong)));
        for (long size : new long[] {BlipWire.MAX_PROPERTIES_SIZE + 1L, Long.MAX_VALUE, -1L}) {
            ByteBuffer huge = ByteBuffer.allocate(10);
            Varint.write(size, huge);
            BlipLimitException e = assertThrows(BlipLimitException.class,
                    () -> new MessageAssembler().feed(huge.flip()));
            assertEquals(ErrorCodes.WebSocket.CLOSE_MESSAGE_TOO_BIG, e.closeCode());
        }
    }

    /** The announced length is not allocated: the buffer holds at most twice what arrived (or the first step). */
    @Property(tries = 200)
    void propertiesBufferGrowsOnlyWithTheBytesThatArrive(
            @ForAll @IntRange(min = 0, max = BlipWire.MAX_PROPERTIES_SIZE) int announced,
            @ForAll @IntRange(min = 0, max = 3000) int sent) {
        ByteBuffer header = ByteBuffer.allocate(10);
        Varint.write(announced, header);
        MessageAssembler assembler = new MessageAssembler();
        assembler.feed(header.flip());
        int n = Math.min(sent, Math.max(0, announced - 1)); // stop short of the end: no parse yet
        byte[] chunk = new byte[n];
        Arrays.fill(chunk, (byte) 'a');
        assembler.feed(ByteBuffer.wrap(chunk));
        assertTrue(assembler.retainedBytes() <= Math.max(MessageAssembler.INITIAL_BLOCK_SIZE, 2L * n),
                "holds " + assembler.retainedBytes() + " for " + n + " bytes");
        assertTrue(assembler.retainedBytes() <= announced);
    }

    @Example
    void transitionTable() {
        TransitionTables.assertWellFormed(MessageAssembler.State.class, MessageAssembler.State.LENGTH,
                EnumSet.of(MessageAssembler.State.BODY), MessageAssembler.State::canMoveTo);
        assertFalse(MessageAssembler.State.LENGTH.canMoveTo(MessageAssembler.State.BODY), "always via PROPERTIES");
    }

    @Example
    void emptyPropertiesGoStraightToBody() {
        MessageAssembler assembler = new MessageAssembler();
        ByteBuffer body = assembler.feed(ByteBuffer.wrap(new byte[] {0, 'b'}));
        assertTrue(assembler.hasProperties());
        assertEquals(Map.of(), assembler.properties());
        assertEquals(1, body.remaining());
        assertEquals(0, assembler.feed(ByteBuffer.allocate(0)).remaining());
        assembler.finish();
    }
}
