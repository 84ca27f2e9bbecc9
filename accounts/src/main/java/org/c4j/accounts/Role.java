package org.c4j.accounts;

import java.util.Objects;
import java.util.Set;

/**
 * A role as Sync Gateway models it: a name and the channels every user with the role gets. Immutable; thread-safe.
 *
 * @param name          the role name
 * @param adminChannels channels granted through the admin API (copied)
 */
public record Role(String name, Set<String> adminChannels) {
    public Role {
        Objects.requireNonNull(name, "name");
        adminChannels = adminChannels == null ? Set.of() : Set.copyOf(adminChannels);
    }
}
