package org.c4j.blip;

/**
 * States of a {@link BlipConnection}. The only transitions are CREATED to CONNECTING (start) or CLOSED (closed before
 * start); CONNECTING to OPEN; CONNECTING or OPEN to CLOSING (either side asked to close, or a protocol error); and
 * CONNECTING, OPEN or CLOSING to CLOSED (the socket closed). Immutable; thread-safe.
 */
public enum ConnectionState {
    /** Built; {@link BlipConnection#start()} not called yet. Messages sent now wait for the open socket. */
    CREATED,
    /** The socket is opening. */
    CONNECTING,
    /** Messages flow both ways. */
    OPEN,
    /** A close was requested; nothing more is sent, replies still in transit are still received. */
    CLOSING,
    /** Final: the socket is closed, every pending future has failed. */
    CLOSED;

    /** True if {@code next} may follow this state. */
    public boolean canMoveTo(ConnectionState next) {
        return switch (this) {
            case CREATED -> next == CONNECTING || next == CLOSED;
            case CONNECTING -> next == OPEN || next == CLOSING || next == CLOSED;
            case OPEN -> next == CLOSING || next == CLOSED;
            case CLOSING -> next == CLOSED;
            case CLOSED -> false;
        };
    }
}
