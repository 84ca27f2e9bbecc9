package org.c4j.socket;

/**
 * The domain of a {@link C4Exception}'s code, after LiteCore's {@code C4ErrorDomain}.
 * The numeric {@link #id()} values match LiteCore's where LiteCore has the domain.
 *
 * <p>Immutable; thread-safe.
 *
 * <p><b>Contract rule:</b> transports report failures in these domains with LiteCore's codes, so an engine decides
 * on a {@code closed} error the same way whatever transport delivered it.
 */
public enum ErrorDomain {
    /** c4j / LiteCore's own error codes ({@link ErrorCodes.LiteCore}). */
    LITECORE(1),
    /** errno values ({@link ErrorCodes.Posix}). */
    POSIX(2),
    /** Fleece / encoded-data errors. */
    FLEECE(4),
    /** Network-level errors: DNS, TLS, connection ({@link ErrorCodes.Network}). */
    NETWORK(5),
    /** HTTP statuses (below 1000) and WebSocket close codes (1000 and up) ({@link ErrorCodes.WebSocket}). */
    WEBSOCKET(6),
    /** BLIP protocol errors: malformed frames, bad checksums, error replies in the BLIP domain. */
    BLIP(100);

    private final int id;

    ErrorDomain(int id) {
        this.id = id;
    }

    /** LiteCore's number for this domain (c4j's own for {@link #BLIP}). */
    public int id() {
        return id;
    }
}
