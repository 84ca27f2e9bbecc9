package org.c4j.blip.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Map;
import net.jqwik.api.Example;
import org.c4j.blip.internal.MessageOut.State;

class MessageOutTest {

    @Example
    void transitionTable() {
        TransitionTables.assertWellFormed(State.class, State.QUEUED, EnumSet.of(State.SENT, State.CANCELLED),
                State::canMoveTo);
        assertFalse(State.PAUSED.canMoveTo(State.SENT), "a paused message sends nothing before it resumes");
        assertTrue(State.PAUSED.canMoveTo(State.CANCELLED));
    }

    @Example
    void queuedSendingPausedSendingSent() throws Exception {
        MessageOut out = request(new byte[100]);
        out.assignNumber(1);
        try (FrameEncoder encoder = new FrameEncoder(6)) {
            out.nextFrame(encoder, 10, 1_000);
            assertEquals(State.SENDING, out.state());
            out.nextFrame(encoder, 10, 1_000); // SENDING stays SENDING
            assertEquals(State.SENDING, out.state());
            out.nextFrame(encoder, 10, 15);
            assertEquals(State.PAUSED, out.state());
            assertThrows(IllegalStateException.class, () -> out.nextFrame(encoder, 10, 15));
            assertTrue(out.acknowledged(out.bytesSent(), 15));
            assertEquals(State.SENDING, out.state());
            while (out.state() == State.SENDING) {
                out.nextFrame(encoder, 100, 1_000);
            }
            assertEquals(State.SENT, out.state());
            assertFalse(out.cancel());
            assertEquals(State.SENT, out.state());
        }
    }

    @Example
    void cancelIsIdempotent() {
        MessageOut out = request(new byte[1]);
        assertTrue(out.cancel());
        assertEquals(State.CANCELLED, out.state());
        assertFalse(out.cancel());
        assertThrows(IllegalStateException.class, () -> out.assignNumber(1));
    }

    private static MessageOut request(byte[] body) {
        byte[] props = MessageCodec.encodeProperties(Map.of("Profile", "p"));
        return new MessageOut(MessageType.MSG, 0, 0, OutgoingPayload.of(props, body), null, null);
    }
}
