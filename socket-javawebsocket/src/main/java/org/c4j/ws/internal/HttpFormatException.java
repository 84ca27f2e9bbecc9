package org.c4j.ws.internal;

/** An HTTP head that does not parse. Carries only a description (never header values, which may be secrets). */
public final class HttpFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    public HttpFormatException(String message) {
        super(message);
    }
}
