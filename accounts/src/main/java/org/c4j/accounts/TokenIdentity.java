package org.c4j.accounts;

import java.time.Instant;
import java.util.Set;

/**
 * Who a verified OpenID Connect ID token says the bearer is, as its provider's configuration maps it. Immutable;
 * thread-safe; holds no part of the token.
 *
 * @param provider the provider's name in the configuration
 * @param username the c4j user name the token maps to
 * @param register whether the provider creates unknown users on first login
 * @param roles    roles from the provider's {@code roles_claim} (empty without one)
 * @param channels channels from the provider's {@code channels_claim} (empty without one)
 * @param expires  the token's {@code exp}
 */
public record TokenIdentity(String provider, String username, boolean register, Set<String> roles,
                            Set<String> channels, Instant expires) {
    public TokenIdentity {
        roles = Set.copyOf(roles);
        channels = Set.copyOf(channels);
    }
}
