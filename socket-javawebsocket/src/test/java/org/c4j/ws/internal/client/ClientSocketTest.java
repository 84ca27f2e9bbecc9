package org.c4j.ws.internal.client;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.c4j.ws.internal.client.ClientSocket.State;
import org.junit.jupiter.api.Test;

/** The socket's transition table; its paths over real connections are in WebSocketClientFactoryTest and others. */
public class ClientSocketTest {

    @Test
    void transitionTable() {
        assertTrue(State.UNOPENED.canMoveTo(State.CONNECTING));
        assertTrue(State.UNOPENED.canMoveTo(State.CLOSED), "closed before open");
        assertTrue(State.CONNECTING.canMoveTo(State.OPEN));
        assertTrue(State.CONNECTING.canMoveTo(State.CLOSED));
        assertFalse(State.CONNECTING.canMoveTo(State.CLOSING), "before open a close request ends it at once");
        assertTrue(State.OPEN.canMoveTo(State.CLOSING));
        assertTrue(State.OPEN.canMoveTo(State.CLOSED));
        assertTrue(State.CLOSING.canMoveTo(State.CLOSED));
        for (State s : State.values()) {
            assertFalse(s.canMoveTo(State.UNOPENED));
            assertFalse(s.canMoveTo(s));
            assertFalse(State.CLOSED.canMoveTo(s));
        }
    }
}
