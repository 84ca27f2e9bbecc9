package org.c4j.socket;

import java.util.Set;

/**
 * Who a connection or request acts as, after authentication: a user name with the roles and channels granted to it
 * (Sync Gateway's model). The listener transport obtains it from its {@link UpgradeAuthenticator} and hands it to the
 * listener core in {@link IncomingRequest}; the core decides access from it.
 *
 * <p>A {@code null} name is the anonymous case: either no authentication is configured at all ({@link #ANONYMOUS}) or
 * an unauthenticated client was let in as Sync Gateway's GUEST user ({@link #guest}) with the guest's roles and
 * channels. The channel {@value #ALL_CHANNELS} stands for every channel, as in Sync Gateway.
 *
 * <p>Immutable; thread-safe. Holds no secret (no password, token or session id), so it may be logged.
 *
 * <p><b>Contract rule:</b> a listener transport hands the core exactly the principal its
 * {@link UpgradeAuthenticator} accepted, in {@link IncomingRequest#principal()}, and never invents one.
 *
 * @param name     the user name, or {@code null} for an anonymous / guest principal
 * @param roles    names of the roles the user has (copied, never null)
 * @param channels every channel the user may read, including those from its roles (copied, never null)
 */
public record Principal(String name, Set<String> roles, Set<String> channels) {
    /** Sync Gateway's wildcard channel: access to every channel. */
    public static final String ALL_CHANNELS = "*";

    /** The principal of a connection to a listener that authenticates nobody. */
    public static final Principal ANONYMOUS = new Principal(null, Set.of(), Set.of());

    public Principal {
        if (name != null && name.isEmpty()) {
            throw new IllegalArgumentException("a user name must not be empty (use null for anonymous)");
        }
        roles = roles == null ? Set.of() : Set.copyOf(roles);
        channels = channels == null ? Set.of() : Set.copyOf(channels);
    }

    /** A named user with no roles or channels (e.g. a password-only listener). */
    public static Principal user(String name) {
        if (name == null) {
            throw new IllegalArgumentException("name");
        }
        return new Principal(name, Set.of(), Set.of());
    }

    /** An unauthenticated client admitted as the GUEST user with these roles and channels. */
    public static Principal guest(Set<String> roles, Set<String> channels) {
        return new Principal(null, roles, channels);
    }

    /** True for the anonymous / guest principal (no user name). */
    public boolean isAnonymous() {
        return name == null;
    }
}
