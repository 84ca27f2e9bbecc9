package org.c4j.accounts.internal;

import org.c4j.accounts.User;

/**
 * A user as kept by the store: the public view plus the password hash (null if none). Immutable; thread-safe;
 * {@link #toString} never shows the hash.
 */
public record StoredUser(User user, String passwordHash) {
    @Override
    public String toString() {
        return "StoredUser{" + user + "}";
    }
}
