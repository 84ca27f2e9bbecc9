package org.c4j.replicator;

import java.util.Set;

/**
 * The channels a role gives its users (Sync Gateway's role {@code admin_channels}), as the application keeps them
 * (for example an accounts store). Consulted each time a connection's visible channels are computed, so a change takes
 * effect on the next pull. Thread-safe implementations only.
 */
@FunctionalInterface
public interface RoleChannels {
    /** No roles known: a principal's own channels and grants only. */
    RoleChannels NONE = role -> Set.of();

    /** The role's channels; empty for an unknown role. Never null. */
    Set<String> channels(String role);
}
