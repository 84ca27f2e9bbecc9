package org.c4j.ws.internal;

import java.io.IOException;

import org.c4j.socket.C4Exception;
import org.c4j.socket.ErrorCodes;
import org.c4j.socket.ErrorDomain;
import org.c4j.socket.TransportErrors;
import org.java_websocket.framing.CloseFrame;

/**
 * The one place where what Java-WebSocket and the JDK report about a connection's end becomes the
 * {@link C4Exception} a {@link org.c4j.socket.SocketDelegate#closed} receives. WebSocket close codes and HTTP
 * statuses go through {@link TransportErrors}'s WebSocket helpers, socket exceptions through
 * {@link TransportErrors#fromJavaIo}.
 * Pure; thread-safe.
 */
public final class CloseMapping {
    private CloseMapping() {
    }

    /**
     * The engine closed the connection with {@code code} ({@link CloseFrame} constants: a close frame's code, or
     * Java-WebSocket's own {@link CloseFrame#ABNORMAL_CLOSE}, {@link CloseFrame#NEVER_CONNECTED}, ...).
     * {@code null} for a normal close (1000).
     */
    public static C4Exception engineClose(int code, String reason) {
        if (code == CloseFrame.NEVER_CONNECTED || code == CloseFrame.BUGGYCLOSE || code == CloseFrame.FLASHPOLICY) {
            return new C4Exception(ErrorDomain.WEBSOCKET, ErrorCodes.WebSocket.CLOSE_PROTOCOL_ERROR,
                    "WebSocket handshake failed" + (reason == null || reason.isEmpty() ? "" : ": " + reason));
        }
        return TransportErrors.fromWebSocketClose(code, reason);
    }

    /** A socket operation (DNS, connect, read, write) failed. */
    public static C4Exception io(IOException e) {
        if (e.getCause() instanceof C4Exception c) {
            return c;
        }
        return TransportErrors.fromJavaIo(e);
    }

    /** The peer answered the upgrade request with a status other than 101. */
    public static C4Exception httpStatus(int status, String reason) {
        return TransportErrors.fromHttpStatus(status, reason);
    }

    /** The 101 response selected a subprotocol we did not offer (LiteCore reports 403, like a refusal). */
    public static C4Exception protocolNotAccepted() {
        return new C4Exception(ErrorDomain.WEBSOCKET, ErrorCodes.WebSocket.HTTP_FORBIDDEN,
                "server did not accept the WebSocket subprotocol");
    }

    /** The peer's HTTP head did not parse or was too long (LiteCore: "Received invalid HTTP", 400). */
    public static C4Exception badHttp(String detail) {
        return new C4Exception(ErrorDomain.WEBSOCKET, ErrorCodes.WebSocket.HTTP_BAD_REQUEST,
                "received invalid HTTP: " + detail);
    }

    /** The peer closed the TCP connection before the upgrade completed. */
    public static C4Exception closedDuringHandshake() {
        return new C4Exception(ErrorDomain.NETWORK, ErrorCodes.Network.CONNECTION_RESET,
                "the peer closed the connection during the WebSocket handshake");
    }

    /** No answer in time: handshake, pong or close handshake (LiteCore reports a network timeout). */
    public static C4Exception timeout(String what) {
        return new C4Exception(ErrorDomain.NETWORK, ErrorCodes.Network.TIMEOUT, "timed out " + what);
    }

    /** The engine tore the connection down itself ({@code C4Socket.close()}), without a close handshake. */
    public static C4Exception localAbort() {
        return new C4Exception(ErrorDomain.WEBSOCKET, ErrorCodes.WebSocket.CLOSE_ABNORMAL,
                "closed locally without a close handshake");
    }

    /** The engine asked to close ({@code requestClose}) before the connection was open. */
    public static C4Exception closedBeforeOpen(int code, String reason) {
        return TransportErrors.fromWebSocketClose(code, reason);
    }

    /** More bytes are queued for the peer than the connection allows: it is not reading (1008, policy). */
    public static C4Exception sendQueueFull() {
        return new C4Exception(ErrorDomain.WEBSOCKET, ErrorCodes.WebSocket.CLOSE_POLICY_ERROR,
                "the peer does not read: send queue over its limit");
    }

    /**
     * A bug or a resource shortage: a runtime exception or an error (e.g. {@link OutOfMemoryError}) escaped
     * Java-WebSocket or our own code on a connection thread.
     */
    public static C4Exception unexpected(Throwable e) {
        return new C4Exception(ErrorDomain.LITECORE, ErrorCodes.LiteCore.UNEXPECTED_ERROR,
                "unexpected error in the WebSocket transport: " + e, e);
    }
}
