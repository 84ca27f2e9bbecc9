package org.c4j.accounts;

import java.util.Set;

/**
 * A user as Sync Gateway models it (what the admin API shows: never the password or its hash). Immutable; thread-safe.
 *
 * @param name          the user name ({@value AccountStore#GUEST} for the guest user)
 * @param email         an e-mail address, or null
 * @param disabled      a disabled user cannot log in (the guest is disabled until enabled)
 * @param adminChannels channels granted through the admin API
 * @param adminRoles    roles granted through the admin API
 * @param jwtRoles      roles from the {@code roles_claim} of the user's last OpenID Connect token
 * @param jwtChannels   channels from the {@code channels_claim} of the user's last OpenID Connect token
 * @param hasPassword   whether a password is set (users made by OpenID Connect registration have none)
 */
public record User(String name, String email, boolean disabled, Set<String> adminChannels, Set<String> adminRoles,
                   Set<String> jwtRoles, Set<String> jwtChannels, boolean hasPassword) {
    public User {
        adminChannels = Set.copyOf(adminChannels);
        adminRoles = Set.copyOf(adminRoles);
        jwtRoles = Set.copyOf(jwtRoles);
        jwtChannels = Set.copyOf(jwtChannels);
    }
}
