package org.c4j.blip.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Map;
import net.jqwik.api.Example;
import org.c4j.blip.internal.MessageIn.State;

class MessageInTest {

    @Example
    void transitionTable() {
        TransitionTables.assertWellFormed(State.class, State.RECEIVING, EnumSet.of(State.COMPLETE, State.FAILED),
                State::canMoveTo);
        assertTrue(State.RECEIVING.canMoveTo(State.COMPLETE));
        assertTrue(State.RECEIVING.canMoveTo(State.FAILED));
    }

    @Example
    void receivingThenComplete() {
        byte[] message = MessageCodec.encodeMessage(Map.of("Profile", "x"), "body".getBytes(StandardCharsets.UTF_8));
        MessageIn in = new MessageIn(1, null, 1_000_000);
        in.addFrame(new Frame(1, BlipWire.MORE_COMING, ByteBuffer.wrap(message, 0, 3)), 3);
        assertEquals(State.RECEIVING, in.state());
        assertThrows(IllegalStateException.class, in::properties);
        in.addFrame(new Frame(1, 0, ByteBuffer.wrap(message, 3, message.length - 3)), message.length - 3);
        assertEquals(State.COMPLETE, in.state());
        assertEquals(Map.of("Profile", "x"), in.properties());
        assertArrayEquals("body".getBytes(StandardCharsets.UTF_8), in.body());
        IllegalStateException late = assertThrows(IllegalStateException.class,
                () -> in.addFrame(new Frame(1, 0, ByteBuffer.allocate(0)), 0));
        assertEquals("frame for complete message #1", late.getMessage());
    }

    @Example
    void failedCountsLaterFramesAndStaysFailed() {
        MessageIn in = new MessageIn(2, null, 1_000_000);
        in.addFrame(new Frame(2, 0, ByteBuffer.wrap(new byte[] {4, 'a', 0})), 3); // ends inside its properties
        assertEquals(State.FAILED, in.state());
        assertTrue(in.failure() instanceof BlipProtocolException);
        in.addFrame(new Frame(2, 0, ByteBuffer.wrap(new byte[5])), 5);
        assertEquals(State.FAILED, in.state());
        assertEquals(8, in.bytesReceived());
        assertThrows(IllegalStateException.class, in::body);
    }
}
