package org.c4j.socket;

/**
 * How a transport cuts the data it carries, after LiteCore's {@code C4SocketFraming}. The rule each constant
 * carries is what {@link SocketDelegate#received}, {@link C4Socket#write} and the close calls mean for a socket of
 * that framing. Code that switches on this enum should reject values it does not know.
 */
public enum Framing {
    /**
     * The transport does the WebSocket framing itself (LiteCore's {@code kC4NoFraming}). Each
     * {@link SocketDelegate#received} call carries exactly one whole binary WebSocket message (one BLIP frame) and
     * each {@link C4Socket#write} is sent as one binary message. The close handshake is the transport's:
     * {@link C4Socket#requestClose} sends a close frame, a close frame from the peer arrives as
     * {@link SocketDelegate#closeRequested}. The transport sends its own pings (see the {@code heartbeat} option).
     */
    MESSAGES,

    /**
     * The transport carries a byte stream and the engine speaks WebSocket framing over it as the connecting side,
     * masking what it sends (RFC 6455; LiteCore's {@code kC4WebSocketClientFraming}). See
     * {@link #BYTE_STREAM_SERVER} for what a byte-stream transport does.
     */
    BYTE_STREAM_CLIENT,

    /**
     * The transport carries a byte stream and the engine speaks WebSocket framing over it as the accepting side,
     * sending unmasked frames and expecting masked ones (LiteCore's {@code kC4WebSocketServerFraming}).
     *
     * <p>A byte-stream transport (either constant): {@link C4Socket#write} bytes are sent in order, as they are;
     * {@link SocketDelegate#received} delivers whatever chunks arrive (boundaries mean nothing); flow control and
     * {@code completedWrite} count stream bytes. The connection setup (an HTTP upgrade, or any other handshake) is
     * still the transport's, with {@link SocketDelegate#gotHttpResponse} and {@link SocketDelegate#opened} as
     * usual. It never delivers {@link SocketDelegate#closeRequested}: close frames are the engine's bytes.
     * {@link C4Socket#requestClose} ends the stream in order (everything written first, then an orderly
     * end-of-stream such as a TCP FIN; code and reason are not sent), and {@link SocketDelegate#closed}{@code
     * (null)} follows once both directions have ended; an orderly end-of-stream from the peer ends the socket the
     * same way. {@link C4Socket#close()} aborts (a TCP reset), and the peer gets {@code closed} with an error.
     */
    BYTE_STREAM_SERVER;

    /** True for the framings where the engine does WebSocket framing over a byte stream. */
    public boolean isByteStream() {
        return this != MESSAGES;
    }
}
