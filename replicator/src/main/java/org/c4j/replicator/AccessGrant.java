package org.c4j.replicator;

import java.util.Objects;
import java.util.Set;

/**
 * Access a document grants (Sync Gateway's {@code access(name, channels)}): the user or role {@code name} may read
 * {@code channels} for as long as the document's current revision grants it. Immutable.
 *
 * @param name     a user name, or a role name when {@code role}; the user name {@value #GUEST} is the guest user
 * @param role     {@code name} is a role: every user with that role gets the channels
 * @param channels the channels granted
 */
public record AccessGrant(String name, boolean role, Set<String> channels) {
    /** The name that grants to the GUEST (unauthenticated) principal. */
    public static final String GUEST = "GUEST";

    public AccessGrant {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("empty grant name");
        }
        channels = Set.copyOf(channels);
    }

    public static AccessGrant user(String name, Set<String> channels) {
        return new AccessGrant(name, false, channels);
    }

    public static AccessGrant role(String name, Set<String> channels) {
        return new AccessGrant(name, true, channels);
    }
}
