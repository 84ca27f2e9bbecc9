package org.c4j.accounts.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.c4j.accounts.Session;

/**
 * The sessions of one account store, keyed by the SHA-256 of their ids: creation, lookup with Sync Gateway's sliding
 * renewal (a session used after more than a tenth of its lifetime is extended to a full lifetime from now), expiry
 * (an expired session is removed when next looked up or deleted), deletion by id or by user. Every change is handed
 * to {@code save}.
 *
 * <p>Not thread-safe: the {@code AccountStore} calls it under its lock.
 */
public final class SessionTable {
    private final Map<String, StoredSession> sessions;
    private final Clock clock;
    private final Consumer<Collection<StoredSession>> save;

    public SessionTable(Map<String, StoredSession> loaded, Clock clock, Consumer<Collection<StoredSession>> save) {
        this.sessions = new TreeMap<>(loaded);
        this.clock = clock;
        this.save = save;
    }

    /** A new session for {@code user} living {@code life}. */
    public Session create(String user, Duration life) {
        String id = SessionIds.newId();
        Instant expires = clock.instant().plus(life);
        String key = SessionIds.hash(id);
        sessions.put(key, new StoredSession(key, user, expires, life));
        save.accept(sessions.values());
        return new Session(id, user, expires, life);
    }

    /** The valid session with this id, renewed if due; empty if unknown or expired (then removed). */
    public Optional<Session> lookup(String id) {
        if (id == null || !SessionIds.wellFormed(id)) {
            return Optional.empty();
        }
        String key = SessionIds.hash(id);
        StoredSession s = sessions.get(key);
        if (s == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (!now.isBefore(s.expires())) {
            sessions.remove(key);
            save.accept(sessions.values());
            return Optional.empty();
        }
        Duration ttl = s.ttl();
        if (Duration.between(now, s.expires()).compareTo(ttl.minus(ttl.dividedBy(Tuning.SESSION_RENEW_DIVISOR))) < 0) {
            s = new StoredSession(key, s.user(), now.plus(ttl), ttl);
            sessions.put(key, s);
            save.accept(sessions.values());
        }
        return Optional.of(new Session(id, s.user(), s.expires(), s.ttl()));
    }

    /** Removes the session with this id; returns its user, or null if it was unknown or had expired. */
    public String remove(String id) {
        StoredSession s = id == null ? null : sessions.remove(SessionIds.hash(id));
        if (s == null) {
            return null;
        }
        save.accept(sessions.values());
        return clock.instant().isBefore(s.expires()) ? s.user() : null;
    }

    /** Removes every session of {@code user}; returns how many there were. */
    public int removeUser(String user) {
        int before = sessions.size();
        sessions.values().removeIf(s -> s.user().equals(user));
        int n = before - sessions.size();
        if (n > 0) {
            save.accept(sessions.values());
        }
        return n;
    }

    /** Number of stored sessions, expired ones included until they are next looked up. */
    public int size() {
        return sessions.size();
    }
}
