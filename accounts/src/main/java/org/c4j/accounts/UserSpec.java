package org.c4j.accounts;

import java.util.Objects;
import java.util.Set;

/**
 * What the admin API (or an application) asks a user to be: Sync Gateway's {@code /{db}/_user/} body. A PUT replaces
 * every field but the password, which stays as it was when {@code password} is null. Immutable; thread-safe;
 * {@link #toString} never shows the password.
 *
 * @param name          the user name
 * @param password      the new password, or null to keep the current one (a new user without one cannot use Basic)
 * @param email         an e-mail address, or null
 * @param disabled      whether the user is disabled
 * @param adminChannels channels granted (copied)
 * @param adminRoles    roles granted (copied)
 */
public record UserSpec(String name, String password, String email, boolean disabled, Set<String> adminChannels,
                       Set<String> adminRoles) {
    public UserSpec {
        Objects.requireNonNull(name, "name");
        adminChannels = adminChannels == null ? Set.of() : Set.copyOf(adminChannels);
        adminRoles = adminRoles == null ? Set.of() : Set.copyOf(adminRoles);
    }

    /** An enabled user with a password and channels, no roles. */
    public static UserSpec of(String name, String password, Set<String> channels) {
        return new UserSpec(name, password, null, false, channels, Set.of());
    }

    @Override
    public String toString() {
        return "UserSpec{" + name + (password == null ? "" : ", password set") + (disabled ? ", disabled" : "")
                + ", channels " + adminChannels + ", roles " + adminRoles + "}";
    }
}
