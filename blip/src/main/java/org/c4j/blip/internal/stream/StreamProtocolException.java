package org.c4j.blip.internal.stream;

/** The peer broke WebSocket framing; {@link #closeCode()} is the close code to answer with. */
final class StreamProtocolException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int closeCode;

    StreamProtocolException(int closeCode, String message) {
        super(message);
        this.closeCode = closeCode;
    }

    int closeCode() {
        return closeCode;
    }
}
