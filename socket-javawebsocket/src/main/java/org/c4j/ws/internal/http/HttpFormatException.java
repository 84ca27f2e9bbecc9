package org.c4j.ws.internal.http;

import org.c4j.ws.internal.WsWire;

/**
 * An HTTP head that does not parse or exceeds a limit, with the status a listener answers it with (400, or 431
 * for too many header fields). Carries only a description (never header values, which may be secrets).
 */
public final class HttpFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int status;

    public HttpFormatException(String message) {
        this(WsWire.HTTP_BAD_REQUEST, message);
    }

    public HttpFormatException(int status, String message) {
        super(message);
        this.status = status;
    }

    /** The HTTP status to refuse the request with. */
    public int status() {
        return status;
    }
}
