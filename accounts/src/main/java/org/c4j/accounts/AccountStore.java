package org.c4j.accounts;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.c4j.accounts.internal.AccountFiles;
import org.c4j.accounts.internal.Names;
import org.c4j.accounts.internal.PasswordHasher;
import org.c4j.accounts.internal.SessionTable;
import org.c4j.accounts.internal.StoredUser;
import org.c4j.accounts.internal.Tuning;
import org.c4j.socket.C4Exception;
import org.c4j.socket.ErrorDomain;
import org.c4j.socket.Principal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The users, roles and sessions of one served database, in Sync Gateway's model: users with passwords (stored only as
 * PBKDF2 hashes), channels and roles; roles with channels; the {@value #GUEST} user (disabled until enabled) for
 * clients without credentials; sessions with sliding renewal; users made from OpenID Connect tokens. Kept in a
 * directory the application names (so they survive restarts), or only in memory.
 *
 * <p>Errors are {@link C4Exception}s in the {@link ErrorDomain#WEBSOCKET} domain with the HTTP status the admin API
 * answers: 400 (bad name or field), 404 (unknown user, role or session), 409 (already exists).
 *
 * <p><b>Threading:</b> thread-safe; one lock guards the maps and file writes. Password hashing runs outside the lock.
 * <b>State:</b> {@link State#OPEN} until {@link #close}, then every call throws {@code WEBSOCKET 503}.
 */
public final class AccountStore implements AutoCloseable {
    /** The name under which the admin API addresses the guest user. */
    public static final String GUEST = "GUEST";
    /** Sync Gateway's public channel: every user, guest included, can read it. */
    public static final String PUBLIC_CHANNEL = "!";
    private static final Logger LOG = LoggerFactory.getLogger(AccountStore.class);

    /** Lifecycle of a store; transitions only in {@link #moveTo}. */
    public enum State {
        OPEN, CLOSED;

        boolean canMoveTo(State next) {
            return this == OPEN && next == CLOSED;
        }
    }

    private final Object lock = new Object();
    private final AccountFiles files;
    private final Clock clock;
    private final PasswordHasher hasher;
    private final Map<String, StoredUser> users;
    private final Map<String, Role> roles;
    private final SessionTable sessions;
    private volatile OidcProviders oidc = OidcProviders.NONE;
    private State state = State.OPEN;

    private AccountStore(AccountFiles files, Clock clock, int iterations) {
        this.files = files;
        this.clock = clock;
        this.hasher = new PasswordHasher(iterations);
        this.users = new TreeMap<>(files == null ? Map.of() : files.loadUsers());
        this.roles = new TreeMap<>(files == null ? Map.of() : files.loadRoles());
        this.sessions = new SessionTable(files == null ? Map.of() : files.loadSessions(), clock,
                all -> {
                    if (files != null) {
                        files.saveSessions(all);
                    }
                });
        users.putIfAbsent(GUEST, new StoredUser(new User(GUEST, null, true, Set.of(), Set.of(), Set.of(), Set.of(),
                false), null));
    }

    /** Opens (creating if needed) the store kept in {@code dir}, with the system clock and production hashing. */
    public static AccountStore open(Path dir) {
        return open(dir, Clock.systemUTC(), Tuning.PBKDF2_ITERATIONS);
    }

    /** Opens the store in {@code dir} with an injected clock and PBKDF2 iteration count for new hashes. */
    public static AccountStore open(Path dir, Clock clock, int iterations) {
        return new AccountStore(new AccountFiles(dir), clock, iterations);
    }

    /** A store kept only in memory (tests, throw-away listeners). */
    public static AccountStore inMemory(Clock clock, int iterations) {
        return new AccountStore(null, clock, iterations);
    }

    public Clock clock() {
        return clock;
    }

    /** Trust these token issuers from now on (replaces the previous ones). */
    public void setOidcProviders(OidcProviders providers) {
        this.oidc = providers == null ? OidcProviders.NONE : providers;
    }

    public OidcProviders oidcProviders() {
        return oidc;
    }

    // ---------------------------------------------------------------- users

    /** Creates a user; 409 if the name exists (the guest always exists). */
    public void createUser(UserSpec spec) {
        Names.principal(spec.name(), "user");
        String hash = spec.password() == null ? null : hasher.hash(spec.password());
        synchronized (lock) {
            checkOpen();
            if (users.containsKey(spec.name())) {
                throw status(409, "user already exists");
            }
            putLocked(spec, hash, null);
        }
    }

    /** Creates or replaces a user (the password stays when {@code spec.password()} is null). True if created. */
    public boolean putUser(UserSpec spec) {
        Names.principal(spec.name(), "user");
        String hash = spec.password() == null ? null : hasher.hash(spec.password());
        synchronized (lock) {
            checkOpen();
            StoredUser old = users.get(spec.name());
            putLocked(spec, hash, old);
            return old == null;
        }
    }

    private void putLocked(UserSpec spec, String newHash, StoredUser old) {
        Names.channels(spec.adminChannels());
        Names.roles(spec.adminRoles());
        if (spec.name().equals(GUEST) && spec.password() != null) {
            throw status(400, "the GUEST user cannot have a password");
        }
        String hash = newHash != null ? newHash : old == null ? null : old.passwordHash();
        User u = new User(spec.name(), spec.email(), spec.disabled(), spec.adminChannels(), spec.adminRoles(),
                old == null ? Set.of() : old.user().jwtRoles(), old == null ? Set.of() : old.user().jwtChannels(),
                hash != null);
        users.put(u.name(), new StoredUser(u, hash));
        saveUsers();
        LOG.info("user {} {}", u.name(), old == null ? "created" : "updated");
    }

    public Optional<User> user(String name) {
        synchronized (lock) {
            checkOpen();
            StoredUser su = users.get(name);
            return su == null ? Optional.empty() : Optional.of(su.user());
        }
    }

    /** Names of every user but the guest, sorted. */
    public List<String> userNames() {
        synchronized (lock) {
            checkOpen();
            return users.keySet().stream().filter(n -> !n.equals(GUEST)).toList();
        }
    }

    /** Deletes a user and its sessions; 404 if unknown; 400 for the guest. */
    public void deleteUser(String name) {
        synchronized (lock) {
            checkOpen();
            if (GUEST.equals(name)) {
                throw status(400, "the GUEST user cannot be deleted (disable it instead)");
            }
            if (users.remove(name) == null) {
                throw status(404, "no such user");
            }
            saveUsers();
            sessions.removeUser(name);
            LOG.info("user {} deleted", name);
        }
    }

    /** Every channel the user can read: its own, its token's, its roles', and the public channel. */
    public Set<String> allChannels(User u) {
        synchronized (lock) {
            return allChannelsLocked(u);
        }
    }

    /** Every role the user has (admin-granted and from its token). */
    public static Set<String> allRoles(User u) {
        Set<String> r = new LinkedHashSet<>(u.adminRoles());
        r.addAll(u.jwtRoles());
        return r;
    }

    private Set<String> allChannelsLocked(User u) {
        Set<String> ch = new LinkedHashSet<>(u.adminChannels());
        ch.addAll(u.jwtChannels());
        for (String roleName : allRoles(u)) {
            Role role = roles.get(roleName);
            if (role != null) {
                ch.addAll(role.adminChannels());
            }
        }
        ch.add(PUBLIC_CHANNEL);
        return ch;
    }

    // ---------------------------------------------------------------- roles

    /** Creates a role; 409 if it exists. */
    public void createRole(Role role) {
        synchronized (lock) {
            checkOpen();
            if (roles.containsKey(role.name())) {
                throw status(409, "role already exists");
            }
            putRoleLocked(role);
        }
    }

    /** Creates or replaces a role. True if created. */
    public boolean putRole(Role role) {
        synchronized (lock) {
            checkOpen();
            boolean created = !roles.containsKey(role.name());
            putRoleLocked(role);
            return created;
        }
    }

    private void putRoleLocked(Role role) {
        Names.principal(role.name(), "role");
        Names.channels(role.adminChannels());
        roles.put(role.name(), role);
        saveRoles();
        LOG.info("role {} saved", role.name());
    }

    public Optional<Role> role(String name) {
        synchronized (lock) {
            checkOpen();
            return Optional.ofNullable(roles.get(name));
        }
    }

    public List<String> roleNames() {
        synchronized (lock) {
            checkOpen();
            return new ArrayList<>(roles.keySet());
        }
    }

    /** Deletes a role; 404 if unknown. Users keep the name in their role lists (it grants nothing). */
    public void deleteRole(String name) {
        synchronized (lock) {
            checkOpen();
            if (roles.remove(name) == null) {
                throw status(404, "no such role");
            }
            saveRoles();
            LOG.info("role {} deleted", name);
        }
    }

    // ---------------------------------------------------------------- sessions

    /** A new session for an existing user (the default TTL when {@code ttl} is null); 404 if unknown. */
    public Session createSession(String user, Duration ttl) {
        Duration life = ttl == null ? Tuning.DEFAULT_SESSION_TTL : ttl;
        if (life.isNegative() || life.isZero() || life.compareTo(Tuning.MAX_SESSION_TTL) > 0) {
            throw status(400, "ttl must be between 1 s and " + Tuning.MAX_SESSION_TTL.toDays() + " days");
        }
        synchronized (lock) {
            checkOpen();
            if (GUEST.equals(user) || !users.containsKey(user)) {
                throw status(404, "no such user");
            }
            Session created = sessions.create(user, life);
            LOG.info("session created for user {}, expires {}", user, created.expires());
            return created;
        }
    }

    /** Deletes one session by id; 404 if there is none (or it has expired). */
    public void deleteSession(String id) {
        synchronized (lock) {
            checkOpen();
            String user = sessions.remove(id);
            if (user == null) {
                throw status(404, "no such session");
            }
            LOG.info("session of user {} deleted", user);
        }
    }

    /** Deletes every session of a user; 404 if the user is unknown. Returns how many were deleted. */
    public int deleteSessions(String user) {
        synchronized (lock) {
            checkOpen();
            if (!users.containsKey(user)) {
                throw status(404, "no such user");
            }
            int n = sessions.removeUser(user);
            LOG.info("{} session(s) of user {} deleted", n, user);
            return n;
        }
    }

    /** Number of stored sessions, expired ones included until they are next looked up. */
    public int sessionCount() {
        synchronized (lock) {
            return sessions.size();
        }
    }

    /** The session with this id if it is valid now (renewing it as Sync Gateway does), else empty. */
    public Optional<Session> session(String id) {
        synchronized (lock) {
            checkOpen();
            return sessions.lookup(id);
        }
    }

    // ---------------------------------------------------------------- authentication

    /** The principal for a name and password: empty for an unknown or disabled user or a wrong password. */
    public Optional<Principal> checkPassword(String name, String password) {
        StoredUser su;
        synchronized (lock) {
            checkOpen();
            su = name == null || GUEST.equals(name) ? null : users.get(name);
        }
        boolean ok = su == null || su.passwordHash() == null ? hasher.verifyNothing(password)
                : hasher.verify(password, su.passwordHash());
        if (!ok || su.user().disabled()) {
            return Optional.empty();
        }
        return principal(name);
    }

    /** The principal for a session cookie value: empty if invalid, expired or its user is gone or disabled. */
    public Optional<Principal> checkSession(String id) {
        return session(id).flatMap(s -> principal(s.user()));
    }

    /**
     * The principal for an OpenID Connect bearer token, registering the user if its provider says so and updating its
     * token roles and channels.
     *
     * @throws C4Exception WEBSOCKET 401 with a reason safe to log when the token is refused or maps to no usable user
     */
    public Principal checkToken(String token) {
        TokenIdentity id = oidc.verify(token);
        synchronized (lock) {
            checkOpen();
            StoredUser su = users.get(id.username());
            if (su == null && !id.register()) {
                throw status(401, "invalid token: user " + id.username() + " is unknown and registration is off");
            }
            User old = su == null ? null : su.user();
            if (old != null && old.disabled()) {
                throw status(401, "user disabled");
            }
            User u = old == null
                    ? new User(id.username(), null, false, Set.of(), Set.of(), id.roles(), id.channels(), false)
                    : new User(old.name(), old.email(), false, old.adminChannels(), old.adminRoles(), id.roles(),
                            id.channels(), old.hasPassword());
            if (!u.equals(old)) {
                users.put(u.name(), new StoredUser(u, su == null ? null : su.passwordHash()));
                saveUsers();
                LOG.info("user {} {} from provider {}", u.name(), old == null ? "registered" : "updated",
                        id.provider());
            }
            return principalLocked(u);
        }
    }

    /** The principal of an existing, enabled user (for a certificate-mapped name), else empty. */
    public Optional<Principal> principal(String name) {
        synchronized (lock) {
            checkOpen();
            StoredUser su = name == null || GUEST.equals(name) ? null : users.get(name);
            if (su == null || su.user().disabled()) {
                return Optional.empty();
            }
            return Optional.of(principalLocked(su.user()));
        }
    }

    /** The guest principal if the guest is enabled, else empty. */
    public Optional<Principal> guest() {
        synchronized (lock) {
            checkOpen();
            User g = users.get(GUEST).user();
            return g.disabled() ? Optional.empty()
                    : Optional.of(Principal.guest(allRoles(g), allChannelsLocked(g)));
        }
    }

    /** Enables or disables the guest, keeping its channels and roles. */
    public void setGuestEnabled(boolean enabled) {
        synchronized (lock) {
            checkOpen();
            User g = users.get(GUEST).user();
            putLocked(new UserSpec(GUEST, null, g.email(), !enabled, g.adminChannels(), g.adminRoles()), null,
                    users.get(GUEST));
        }
    }

    private Principal principalLocked(User u) {
        return new Principal(u.name(), allRoles(u), allChannelsLocked(u));
    }

    public State state() {
        synchronized (lock) {
            return state;
        }
    }

    /** Closes the store; later calls throw WEBSOCKET 503. Idempotent. */
    @Override
    public void close() {
        synchronized (lock) {
            if (state != State.CLOSED) {
                moveTo(State.CLOSED);
            }
        }
    }

    private void checkOpen() {
        if (state != State.OPEN) {
            throw status(503, "the account store is closed");
        }
    }

    private void saveUsers() {
        if (files != null) {
            files.saveUsers(users.values());
        }
    }

    private void saveRoles() {
        if (files != null) {
            files.saveRoles(roles.values());
        }
    }

    private static C4Exception status(int code, String message) {
        return new C4Exception(ErrorDomain.WEBSOCKET, code, message);
    }

    /** Caller holds the lock. */
    private void moveTo(State next) {
        if (!state.canMoveTo(next)) {
            throw new IllegalStateException("AccountStore: bad transition " + state + " -> " + next);
        }
        state = next;
    }
}
