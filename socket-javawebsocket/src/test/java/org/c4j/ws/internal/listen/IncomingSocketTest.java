package org.c4j.ws.internal.listen;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.c4j.ws.internal.listen.IncomingSocket.State;
import org.junit.jupiter.api.Test;

/** The socket's transition table; its paths over real connections are in WebSocketListenerTransportTest. */
public class IncomingSocketTest {

    @Test
    void transitionTable() {
        assertTrue(State.OPEN.canMoveTo(State.CLOSING), "requestClose or the peer's close frame");
        assertTrue(State.OPEN.canMoveTo(State.CLOSED), "close() or the connection ended");
        assertTrue(State.CLOSING.canMoveTo(State.CLOSED));
        for (State s : State.values()) {
            assertFalse(s.canMoveTo(State.OPEN));
            assertFalse(State.CLOSED.canMoveTo(s));
        }
        assertFalse(State.CLOSING.canMoveTo(State.CLOSING));
    }
}
