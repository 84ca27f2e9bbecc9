package org.c4j.blip.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Example;
import org.c4j.blip.internal.MessageIn.State;
import org.c4j.socket.ErrorCodes;
import org.junit.jupiter.api.Test;

/** One incoming message: assembly, its size limit, what it retains. */
class MessageInTest {
    private static final int MSG = MessageType.MSG.wireValue();
    private static final int RPY = MessageType.RPY.wireValue();

    private static Frame frame(int flags, byte[] payload) {
        return new Frame(1, flags, ByteBuffer.wrap(payload).asReadOnlyBuffer());
    }

    private static byte[] props() {
        return MessageCodec.encodeProperties(Map.of("Profile", "p"));
    }

    @Test
    void assemblesAcrossFramesAndRetainsRoughlyWhatArrived() {
        MessageIn in = new MessageIn(1, null, 50_000, 1 << 20);
        in.addFrame(frame(MSG | BlipWire.MORE_COMING, props()), 10);
        in.addFrame(frame(MSG | BlipWire.MORE_COMING, new byte[3000]), 3000);
        assertTrue(in.retainedBytes() >= 3000 && in.retainedBytes() < 3000 + 2 * BodyBuffer.MIN_BLOCK + 100,
                "retained " + in.retainedBytes());
        in.addFrame(frame(MSG, new byte[7]), 7);
        assertEquals(MessageIn.State.COMPLETE, in.state());
        assertEquals("p", in.properties().get("Profile"));
        assertArrayEquals(new byte[3007], in.body());
    }

    @Test
    void aFramePastTheSizeLimitIsRefusedBeforeItIsCopied() {
        MessageIn in = new MessageIn(1, null, 50_000, 1000);
        in.addFrame(frame(MSG | BlipWire.MORE_COMING, props()), 10);
        BlipLimitException e = assertThrows(BlipLimitException.class,
                () -> in.addFrame(frame(MSG | BlipWire.MORE_COMING, new byte[1000]), 1000));
        assertEquals(ErrorCodes.WebSocket.CLOSE_MESSAGE_TOO_BIG, e.closeCode());
        assertTrue(in.retainedBytes() < 100, "released: " + in.retainedBytes());
    }

    @Test
    void aFirstFrameAlreadyPastTheLimitIsTooBig() {
        MessageIn in = new MessageIn(1, null, 50_000, 100);
        BlipLimitException e = assertThrows(BlipLimitException.class,
                () -> in.addFrame(frame(MSG | BlipWire.MORE_COMING, new byte[101]), 101));
        assertTrue(e.getMessage().startsWith("MSG #1"), e.getMessage());
    }

    @Test
    void aFailedMessageKeepsCountingSoAnEndlessOneStillEnds() {
        MessageIn in = new MessageIn(1, null, 50_000, 10_000);
        in.addFrame(frame(MSG | BlipWire.MORE_COMING, new byte[] {2, 'a', 'b'}), 3); // not NUL-terminated
        assertEquals(MessageIn.State.FAILED, in.state());
        for (int i = 0; i < 9; i++) {
            in.addFrame(frame(MSG | BlipWire.MORE_COMING, new byte[1000]), 1000);
        }
        assertThrows(BlipLimitException.class, () -> in.addFrame(frame(MSG | BlipWire.MORE_COMING, new byte[1000]),
                1000));
    }

    @Test
    void bodyBytesStreamedToASinkAreNotCountedOrHeld() {
        AtomicLong streamed = new AtomicLong();
        MessageIn in = new MessageIn(1, chunk -> streamed.addAndGet(chunk.remaining()), 50_000, 1000);
        in.addFrame(frame(RPY | BlipWire.MORE_COMING, props()), 10);
        for (int i = 0; i < 10; i++) {
            in.addFrame(frame(RPY | BlipWire.MORE_COMING, new byte[1000]), 1000);
        }
        in.addFrame(frame(RPY, new byte[0]), 0);
        assertEquals(10_000, streamed.get());
        assertEquals(MessageIn.State.COMPLETE, in.state());
        assertTrue(in.retainedBytes() < 100);
    }

    @Test
    void announcingOversizedPropertiesIsALimitNotAMalformedMessage() {
        MessageIn in = new MessageIn(1, null, 50_000, 1 << 20);
        ByteBuffer header = ByteBuffer.allocate(10);
        Varint.write(BlipWire.MAX_PROPERTIES_SIZE + 1, header);
        byte[] announce = java.util.Arrays.copyOf(header.array(), header.position());
        assertThrows(BlipLimitException.class, () -> in.addFrame(frame(MSG | BlipWire.MORE_COMING, announce), 3));
    }

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
        MessageIn in = new MessageIn(1, null, 1_000_000, Long.MAX_VALUE);
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
        MessageIn in = new MessageIn(2, null, 1_000_000, Long.MAX_VALUE);
        in.addFrame(new Frame(2, 0, ByteBuffer.wrap(new byte[] {4, 'a', 0})), 3); // ends inside its properties
        assertEquals(State.FAILED, in.state());
        assertTrue(in.failure() instanceof BlipProtocolException);
        in.addFrame(new Frame(2, 0, ByteBuffer.wrap(new byte[5])), 5);
        assertEquals(State.FAILED, in.state());
        assertEquals(8, in.bytesReceived());
        assertThrows(IllegalStateException.class, in::body);
    }
}
