package org.c4j.blip.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
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
}
