package org.c4j.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.c4j.socket.C4Exception;
import org.c4j.socket.Principal;

/**
 * Random sequences of user, role and session operations (with clock moves and restarts from disk) against a plain
 * model of Sync Gateway's rules: same outcomes (status codes), same principals, same session validity.
 */
class AccountStoreModelTest {

    sealed interface Op {
    }

    record CreateUser(String name, String pw, Set<String> channels, Set<String> roles) implements Op { }
    record PutUser(String name, String pw, boolean disabled, Set<String> channels, Set<String> roles) implements Op { }
    record DeleteUser(String name) implements Op { }
    record PutRole(String name, Set<String> channels, boolean create) implements Op { }
    record DeleteRole(String name) implements Op { }
    record CreateSession(String name, int ttl) implements Op { }
    record DeleteSession(int index) implements Op { }
    record DeleteSessions(String name) implements Op { }
    record Advance(int seconds) implements Op { }
    record CheckPassword(String name, String pw) implements Op { }
    record CheckSession(int index) implements Op { }
    record Reopen() implements Op { }

    record MUser(String pw, boolean disabled, Set<String> channels, Set<String> roles) { }
    record MSession(String user, Instant expires, Duration ttl) { }

    /** The model: plain maps and the rules written out. */
    static final class Model {
        final Map<String, MUser> users = new HashMap<>();
        final Map<String, Set<String>> roles = new HashMap<>();
        final Map<String, MSession> sessions = new HashMap<>();
        MUser guest = new MUser(null, true, Set.of(), Set.of());

        Set<String> channels(MUser u) {
            Set<String> ch = new LinkedHashSet<>(u.channels());
            for (String r : u.roles()) {
                ch.addAll(roles.getOrDefault(r, Set.of()));
            }
            ch.add("!");
            return ch;
        }

        Optional<MSession> session(String id, Instant now) {
            MSession s = sessions.get(id);
            if (s == null) {
                return Optional.empty();
            }
            if (!now.isBefore(s.expires())) {
                sessions.remove(id);
                return Optional.empty();
            }
            if (Duration.between(now, s.expires()).compareTo(s.ttl().minus(s.ttl().dividedBy(10))) < 0) {
                s = new MSession(s.user(), now.plus(s.ttl()), s.ttl());
                sessions.put(id, s);
            }
            return Optional.of(s);
        }
    }

    static final Arbitrary<String> NAMES = Arbitraries.of("ada", "bob", "cy", "GUEST");
    static final Arbitrary<String> PASSWORDS = Arbitraries.of("p1", "p2", "");
    static final Arbitrary<Set<String>> CHANNELS = Arbitraries.of("x", "y", "z").set().ofMaxSize(2);
    static final Arbitrary<Set<String>> ROLES = Arbitraries.of("r1", "r2").set().ofMaxSize(2);

    @Provide
    Arbitrary<List<Op>> ops() {
        Arbitrary<Integer> index = Arbitraries.integers().between(0, 3);
        Arbitrary<Op> op = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Combinators.combine(NAMES, PASSWORDS, CHANNELS, ROLES).as(CreateUser::new)),
                net.jqwik.api.Tuple.of(2, Combinators.combine(NAMES, PASSWORDS.injectNull(0.4), Arbitraries.of(true,
                        false), CHANNELS, ROLES).as(PutUser::new)),
                net.jqwik.api.Tuple.of(1, NAMES.map(DeleteUser::new)),
                net.jqwik.api.Tuple.of(2, Combinators.combine(Arbitraries.of("r1", "r2"), CHANNELS,
                        Arbitraries.of(true, false)).as(PutRole::new)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of("r1", "r2").map(DeleteRole::new)),
                net.jqwik.api.Tuple.of(3, Combinators.combine(NAMES, Arbitraries.of(60, 600, 3600, 86_400))
                        .as(CreateSession::new)),
                net.jqwik.api.Tuple.of(1, index.map(DeleteSession::new)),
                net.jqwik.api.Tuple.of(1, NAMES.map(DeleteSessions::new)),
                net.jqwik.api.Tuple.of(2, Arbitraries.of(1, 7, 30, 70, 100, 700, 4000).map(Advance::new)),
                net.jqwik.api.Tuple.of(3, Combinators.combine(NAMES, PASSWORDS).as(CheckPassword::new)),
                net.jqwik.api.Tuple.of(6, index.map(CheckSession::new)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(new Reopen())));
        return op.list().ofMinSize(10).ofMaxSize(50);
    }

    @Property(tries = 80)
    void storeMatchesModel(@ForAll("ops") List<Op> ops) throws IOException {
        Path dir = Files.createTempDirectory("accounts-model");
        Run run = new Run(dir);
        try {
            // start with two users so sessions are common
            run.step(new CreateUser("ada", "p1", Set.of("x"), Set.of("r1")));
            run.step(new CreateUser("bob", "p2", Set.of(), Set.of()));
            for (Op op : ops) {
                run.step(op);
            }
        } finally {
            run.store.close();
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> {
                    try {
                        Files.delete(p);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
        }
    }

    /** One run: the store, the model, the clock and the session ids issued so far. */
    static final class Run {
        final Path dir;
        final TestClock clock = new TestClock();
        final Model m = new Model();
        final List<String> issued = new ArrayList<>();
        AccountStore store;

        Run(Path dir) {
            this.dir = dir;
            this.store = AccountStore.open(dir, clock, 1000);
        }

        String id(int index) {
            return index < issued.size() ? issued.get(index) : "0".repeat(40);
        }

        void step(Op op) {
            Instant now = clock.instant();
            String what = op.toString();
                if (op instanceof CreateUser c) {
                    int expected = c.name().equals("GUEST") || m.users.containsKey(c.name()) ? 409 : 200;
                    assertEquals(expected, status(() -> store.createUser(
                            new UserSpec(c.name(), c.pw(), null, false, c.channels(), c.roles()))), what);
                    if (expected == 200) {
                        m.users.put(c.name(), new MUser(c.pw(), false, c.channels(), c.roles()));
                    }
                }
                if (op instanceof PutUser p) {
                    int expected = p.name().equals("GUEST") && p.pw() != null ? 400 : 200;
                    assertEquals(expected, status(() -> store.putUser(
                            new UserSpec(p.name(), p.pw(), null, p.disabled(), p.channels(), p.roles()))), what);
                    if (expected == 200 && p.name().equals("GUEST")) {
                        m.guest = new MUser(null, p.disabled(), p.channels(), p.roles());
                    } else if (expected == 200) {
                        MUser old = m.users.get(p.name());
                        String pw = p.pw() != null ? p.pw() : old == null ? null : old.pw();
                        m.users.put(p.name(), new MUser(pw, p.disabled(), p.channels(), p.roles()));
                    }
                }
                if (op instanceof DeleteUser d) {
                    int expected = d.name().equals("GUEST") ? 400 : m.users.containsKey(d.name()) ? 200 : 404;
                    assertEquals(expected, status(() -> store.deleteUser(d.name())), what);
                    if (expected == 200) {
                        m.users.remove(d.name());
                        m.sessions.values().removeIf(x -> x.user().equals(d.name()));
                    }
                }
                if (op instanceof PutRole r) {
                    int expected = r.create() && m.roles.containsKey(r.name()) ? 409 : 200;
                    assertEquals(expected, status(() -> {
                        if (r.create()) {
                            store.createRole(new Role(r.name(), r.channels()));
                        } else {
                            store.putRole(new Role(r.name(), r.channels()));
                        }
                    }), what);
                    if (expected == 200) {
                        m.roles.put(r.name(), r.channels());
                    }
                }
                if (op instanceof DeleteRole d) {
                    int expected = m.roles.containsKey(d.name()) ? 200 : 404;
                    assertEquals(expected, status(() -> store.deleteRole(d.name())), what);
                    m.roles.remove(d.name());
                }
                if (op instanceof CreateSession c) {
                    int expected = m.users.containsKey(c.name()) ? 200 : 404;
                    Duration ttl = Duration.ofSeconds(c.ttl());
                    assertEquals(expected, status(() -> issued.add(store.createSession(c.name(), ttl).id())), what);
                    if (expected == 200) {
                        m.sessions.put(issued.get(issued.size() - 1), new MSession(c.name(), now.plus(ttl), ttl));
                    }
                }
                if (op instanceof DeleteSession d) {
                    MSession sn = m.sessions.remove(id(d.index()));
                    int expected = sn == null || !now.isBefore(sn.expires()) ? 404 : 200;
                    assertEquals(expected, status(() -> store.deleteSession(id(d.index()))), what);
                }
                if (op instanceof DeleteSessions d) {
                    int expected = d.name().equals("GUEST") || m.users.containsKey(d.name()) ? 200 : 404;
                    assertEquals(expected, status(() -> store.deleteSessions(d.name())), what);
                    m.sessions.values().removeIf(x -> x.user().equals(d.name()));
                }
                if (op instanceof Advance a) {
                    clock.advance(Duration.ofSeconds(a.seconds()));
                }
                if (op instanceof CheckPassword c) {
                    MUser u = m.users.get(c.name());
                    boolean ok = u != null && u.pw() != null && u.pw().equals(c.pw()) && !u.disabled();
                    assertEquals(ok ? Optional.of(m.channels(u)) : Optional.empty(),
                            store.checkPassword(c.name(), c.pw()).map(Principal::channels), what);
                }
                if (op instanceof CheckSession c) {
                    Optional<MSession> sn = m.session(id(c.index()), now);
                    MUser u = sn.map(x -> m.users.get(x.user())).orElse(null);
                    Optional<Session> got = store.session(id(c.index()));
                    net.jqwik.api.statistics.Statistics.label("live session checked").collect(got.isPresent());
                    assertEquals(sn.map(MSession::expires), got.map(Session::expires), what);
                    assertEquals(u == null || u.disabled() ? Optional.empty() : Optional.of(m.channels(u)),
                            got.flatMap(x -> store.principal(x.user())).map(Principal::channels), what);
                }
                if (op instanceof Reopen) {
                    store.close();
                    store = AccountStore.open(dir, clock, 1000);
                }
            Optional<Set<String>> guest = m.guest.disabled() ? Optional.empty() : Optional.of(m.channels(m.guest));
            assertEquals(guest, store.guest().map(Principal::channels), "guest after " + what);
            assertEquals(new java.util.TreeSet<>(m.users.keySet()).stream().toList(), store.userNames(), what);
            assertEquals(new java.util.TreeSet<>(m.roles.keySet()).stream().toList(), store.roleNames(), what);
        }

        private static int status(Runnable r) {
            try {
                r.run();
                return 200;
            } catch (C4Exception e) {
                return e.code();
            }
        }
    }
}
