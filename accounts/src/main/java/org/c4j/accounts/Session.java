package org.c4j.accounts;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A login session (Sync Gateway's): the client sends {@code Cookie: SyncGatewaySession=<id>}. Immutable; thread-safe;
 * {@link #toString} never shows the id.
 *
 * @param id      the session id: 160 random bits as 40 hex digits (a secret)
 * @param user    the user it logs in
 * @param expires when it stops working unless renewed (sliding renewal on use, as Sync Gateway)
 * @param ttl     its lifetime, applied again at each renewal
 */
public record Session(String id, String user, Instant expires, Duration ttl) {
    /** Sync Gateway's session cookie name. */
    public static final String COOKIE_NAME = "SyncGatewaySession";

    public Session {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(expires, "expires");
        Objects.requireNonNull(ttl, "ttl");
    }

    @Override
    public String toString() {
        return "Session{user " + user + ", expires " + expires + ", ttl " + ttl + "}";
    }
}
