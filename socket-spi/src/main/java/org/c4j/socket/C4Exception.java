package org.c4j.socket;

import java.util.Objects;

/**
 * The one unchecked root of every c4j error: a {@link ErrorDomain domain}, a numeric code in that domain and a
 * message, after LiteCore's {@code C4Error}. Foreign exceptions (LMDB, Java-WebSocket, JSSE, ...) are mapped to
 * this type in one place per library.
 *
 * <p>Immutable; thread-safe.
 *
 * <p><b>Contract rule:</b> the only exception type that crosses the socket SPI; {@code closed(error)} carries one
 * for every abnormal end, and a peer that vanished is never reported as {@code closed(null)}
 * ({@code PEER_VANISH_IS_ERROR} in socket-testkit's conformance suite).
 */
public class C4Exception extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorDomain domain;
    private final int code;

    public C4Exception(ErrorDomain domain, int code, String message) {
        this(domain, code, message, null);
    }

    public C4Exception(ErrorDomain domain, int code, String message, Throwable cause) {
        super(message, cause);
        this.domain = Objects.requireNonNull(domain, "domain");
        this.code = code;
    }

    public ErrorDomain domain() {
        return domain;
    }

    public int code() {
        return code;
    }

    /** True if retrying the same operation later may succeed (LiteCore's {@code c4error_mayBeTransient}). */
    public boolean isTransient() {
        return ErrorClassification.isTransient(domain, code);
    }

    /** True if the error may go away when the network changes (LiteCore's {@code c4error_mayBeNetworkDependent}). */
    public boolean isNetworkDependent() {
        return ErrorClassification.isNetworkDependent(domain, code);
    }

    /** True if neither transient nor network-dependent: retrying will not help. */
    public boolean isPermanent() {
        return !isTransient() && !isNetworkDependent();
    }

    /** Same domain and code. */
    public boolean is(ErrorDomain d, int c) {
        return domain == d && code == c;
    }

    @Override
    public String toString() {
        return "C4Exception{" + domain + " " + code + ": " + getMessage() + "}";
    }
}
