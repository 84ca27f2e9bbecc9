package org.c4j.replicator.internal.wire;

import java.util.Objects;

import org.c4j.blip.IncomingMessage;

/**
 * An error as it travels in a BLIP error reply: {@code Error-Domain}, {@code Error-Code} and the message (the
 * reply's body).
 *
 * @param message may be empty, never null
 *
 * <p>Immutable; thread-safe.
 */
public record BlipError(String domain, int code, String message) {
    public BlipError {
        Objects.requireNonNull(domain, "domain");
        message = message == null ? "" : message;
    }

    /** Answers {@code rq} with this error. */
    public void respondTo(IncomingMessage rq) {
        rq.respondWithError(domain, code, message);
    }
}
