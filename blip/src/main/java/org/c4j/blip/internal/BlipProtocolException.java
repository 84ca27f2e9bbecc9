package org.c4j.blip.internal;

import org.c4j.socket.C4Exception;
import org.c4j.socket.ErrorDomain;

/**
 * A violation of the BLIP protocol by the peer (or corrupted data): domain {@link ErrorDomain#BLIP}, codes from
 * {@link org.c4j.socket.ErrorCodes.Blip}. Frame-level ones are fatal to the connection. Immutable; thread-safe.
 */
public class BlipProtocolException extends C4Exception {
    private static final long serialVersionUID = 1L;

    public BlipProtocolException(int code, String message) {
        super(ErrorDomain.BLIP, code, message);
    }

    public BlipProtocolException(int code, String message, Throwable cause) {
        super(ErrorDomain.BLIP, code, message, cause);
    }
}
