package org.c4j.ws.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;
import java.net.ConnectException;

import org.c4j.socket.C4Exception;
import org.c4j.socket.ErrorCodes;
import org.c4j.socket.ErrorDomain;
import org.java_websocket.framing.CloseFrame;
import org.junit.jupiter.api.Test;

public class CloseMappingTest {

    @Test
    void mapsEngineCloseCodes() {
        assertNull(CloseMapping.engineClose(CloseFrame.NORMAL, "bye"));
        C4Exception away = CloseMapping.engineClose(CloseFrame.GOING_AWAY, "");
        assertEquals(ErrorDomain.WEBSOCKET, away.domain());
        assertEquals(1001, away.code());
        assertEquals(1006, CloseMapping.engineClose(CloseFrame.ABNORMAL_CLOSE, "").code());
        assertEquals(ErrorCodes.WebSocket.CLOSE_PROTOCOL_ERROR,
                CloseMapping.engineClose(CloseFrame.NEVER_CONNECTED, "x").code());
    }

    @Test
    void mapsIoErrorsAndUnwrapsOurOwn() {
        C4Exception refused = CloseMapping.io(new ConnectException("Connection refused"));
        assertEquals(ErrorDomain.NETWORK, refused.domain());
        assertEquals(ErrorCodes.Network.CONNECTION_REFUSED, refused.code());
        C4Exception ours = new C4Exception(ErrorDomain.NETWORK, ErrorCodes.Network.UNKNOWN_INTERFACE, "x");
        assertSame(ours, CloseMapping.io(new IOException("wrapped", ours)));
    }

    @Test
    void mapsHandshakeFailures() {
        assertEquals(401, CloseMapping.httpStatus(401, "Unauthorized").code());
        assertEquals(403, CloseMapping.protocolNotAccepted().code());
        assertEquals(ErrorCodes.Network.TIMEOUT, CloseMapping.timeout("x").code());
        assertNull(CloseMapping.closedBeforeOpen(1000, ""));
        assertEquals(1006, CloseMapping.localAbort().code());
    }
}
