package org.c4j.accounts.internal;

import java.time.Duration;
import java.time.Instant;

/**
 * A session as kept at rest: the SHA-256 of its id (the id itself is never stored, so a copied file opens no
 * session), its user, expiry and lifetime. Immutable; thread-safe.
 */
public record StoredSession(String idHash, String user, Instant expires, Duration ttl) {
    @Override
    public String toString() {
        return "StoredSession{user " + user + ", expires " + expires + "}";
    }
}
