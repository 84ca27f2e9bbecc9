package org.c4j.blip.internal;

import org.c4j.socket.C4Exception;
import org.c4j.socket.ErrorDomain;

/**
 * The peer made us exceed one of the connection's limits ({@link org.c4j.blip.BlipConfig}): domain
 * {@link ErrorDomain#WEBSOCKET}, code the WebSocket close status the connection closes with —
 * {@link org.c4j.socket.ErrorCodes.WebSocket#CLOSE_MESSAGE_TOO_BIG 1009} for a size limit,
 * {@link org.c4j.socket.ErrorCodes.WebSocket#CLOSE_POLICY_ERROR 1008} for a count or queue limit. Always fatal to
 * the connection. Immutable; thread-safe.
 */
public final class BlipLimitException extends C4Exception {
    private static final long serialVersionUID = 1L;

    public BlipLimitException(int closeCode, String message) {
        super(ErrorDomain.WEBSOCKET, closeCode, message);
    }

    /** The WebSocket close status to close with. */
    public int closeCode() {
        return code();
    }
}
