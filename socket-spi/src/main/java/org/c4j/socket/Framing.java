package org.c4j.socket;

/**
 * How a transport cuts the byte stream it carries, after LiteCore's {@code C4SocketFraming}.
 *
 * <p>Only message framing exists today. Byte-stream framings (where the engine itself speaks the WebSocket
 * framing protocol over raw TCP bytes, LiteCore's {@code kC4WebSocketClientFraming}/{@code ServerFraming}) will
 * be added as further constants; code that switches on this enum should reject unknown values.
 */
public enum Framing {
    /**
     * The transport does the WebSocket framing itself. Each {@link SocketDelegate#received} call carries exactly
     * one whole binary WebSocket message (one BLIP frame) and each {@link C4Socket#write} is sent as one binary
     * message. The transport sends its own pings (see the {@code heartbeat} option).
     */
    MESSAGES
}
