package org.c4j.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.c4j.socket.C4Exception;
import org.c4j.socket.Principal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccountStoreTest {
    static final int FAST = 1000;
    final TestClock clock = new TestClock();
    @TempDir
    Path dir;

    private AccountStore open() {
        return AccountStore.open(dir.resolve("accounts"), clock, FAST);
    }

    private static int status(Runnable r) {
        return assertThrows(C4Exception.class, r::run).code();
    }

    @Test
    void usersRolesAndPrincipals() {
        try (AccountStore s = open()) {
            s.createRole(new Role("editors", Set.of("drafts")));
            s.createUser(new UserSpec("ada", "pw", "ada@example.com", false, Set.of("news"), Set.of("editors")));
            assertEquals(409, status(() -> s.createUser(UserSpec.of("ada", "x", Set.of()))));
            Principal p = s.checkPassword("ada", "pw").orElseThrow();
            assertEquals("ada", p.name());
            assertEquals(Set.of("editors"), p.roles());
            assertEquals(Set.of("news", "drafts", "!"), p.channels());
            assertTrue(s.checkPassword("ada", "wrong").isEmpty());
            assertTrue(s.checkPassword("bob", "pw").isEmpty());
            assertEquals(List.of("ada"), s.userNames());
            assertFalse(s.putUser(new UserSpec("ada", null, null, true, Set.of(), Set.of())), "replaced, not created");
            assertTrue(s.checkPassword("ada", "pw").isEmpty(), "disabled");
            s.putUser(new UserSpec("ada", null, null, false, Set.of(), Set.of()));
            assertTrue(s.checkPassword("ada", "pw").isPresent(), "PUT without password keeps it");
            s.deleteRole("editors");
            assertEquals(404, status(() -> s.deleteRole("editors")));
            s.deleteUser("ada");
            assertEquals(404, status(() -> s.deleteUser("ada")));
            assertEquals(400, status(() -> s.createUser(UserSpec.of("a:b", "x", Set.of()))));
            assertEquals(400, status(() -> s.createUser(UserSpec.of("a", "x", Set.of("bad channel")))));
        }
    }

    @Test
    void guestIsDisabledUntilEnabled() {
        try (AccountStore s = open()) {
            assertTrue(s.guest().isEmpty());
            assertTrue(s.user(AccountStore.GUEST).orElseThrow().disabled());
            s.putUser(new UserSpec(AccountStore.GUEST, null, null, false, Set.of("public"), Set.of()));
            Principal g = s.guest().orElseThrow();
            assertTrue(g.isAnonymous());
            assertEquals(Set.of("public", "!"), g.channels());
            assertEquals(400, status(() -> s.deleteUser(AccountStore.GUEST)));
            assertEquals(400, status(() -> s.putUser(new UserSpec(AccountStore.GUEST, "pw", null, false, Set.of(),
                    Set.of()))));
            assertTrue(s.checkPassword(AccountStore.GUEST, "").isEmpty());
            assertFalse(s.userNames().contains(AccountStore.GUEST));
            s.setGuestEnabled(false);
            assertTrue(s.guest().isEmpty());
        }
    }

    @Test
    void sessionsExpireRenewAndDelete() {
        try (AccountStore s = open()) {
            s.createUser(UserSpec.of("ada", "pw", Set.of()));
            Session a = s.createSession("ada", null);
            assertEquals(Duration.ofHours(24), a.ttl());
            assertEquals(clock.instant().plus(Duration.ofHours(24)), a.expires());
            assertEquals(40, a.id().length());
            assertTrue(a.id().matches("[0-9a-f]{40}"));
            // within the first tenth of its life a session is not renewed
            clock.advance(Duration.ofHours(2));
            assertEquals(a.expires(), s.session(a.id()).orElseThrow().expires());
            // later it is, to a full lifetime from now
            clock.advance(Duration.ofMinutes(30));
            assertEquals(clock.instant().plus(Duration.ofHours(24)), s.session(a.id()).orElseThrow().expires());
            clock.advance(Duration.ofHours(24));
            assertTrue(s.checkSession(a.id()).isEmpty(), "expired");
            assertEquals(404, status(() -> s.deleteSession(a.id())), "an expired session is gone");

            Session b = s.createSession("ada", Duration.ofSeconds(60));
            Session c = s.createSession("ada", Duration.ofSeconds(60));
            assertTrue(s.checkSession(b.id()).isPresent());
            s.deleteSession(b.id());
            assertTrue(s.checkSession(b.id()).isEmpty());
            assertEquals(1, s.deleteSessions("ada"));
            assertTrue(s.checkSession(c.id()).isEmpty());
            assertEquals(404, status(() -> s.createSession("nobody", null)));
            assertEquals(404, status(() -> s.createSession(AccountStore.GUEST, null)));
            assertEquals(400, status(() -> s.createSession("ada", Duration.ofDays(400))));
            Session d = s.createSession("ada", null);
            s.deleteUser("ada");
            assertTrue(s.checkSession(d.id()).isEmpty(), "deleting a user deletes its sessions");
            assertEquals(0, s.sessionCount());
            assertTrue(s.checkSession("not-a-session").isEmpty());
        }
    }

    @Test
    void everythingSurvivesARestartInPrivateFiles() throws Exception {
        Session session;
        try (AccountStore s = open()) {
            s.createRole(new Role("r", Set.of("c1")));
            s.createUser(new UserSpec("ada", "pw", null, false, Set.of("c2"), Set.of("r")));
            s.setGuestEnabled(true);
            session = s.createSession("ada", null);
        }
        try (AccountStore s = open()) {
            assertEquals(Set.of("c1", "c2", "!"), s.checkPassword("ada", "pw").orElseThrow().channels());
            assertEquals("ada", s.checkSession(session.id()).orElseThrow().name());
            assertTrue(s.guest().isPresent());
        }
        Path d = dir.resolve("accounts");
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(d)));
        for (String f : List.of("users.json", "roles.json", "sessions.json")) {
            Path p = d.resolve(f);
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(p)), f);
            String text = Files.readString(p);
            assertFalse(text.contains(session.id()), "session ids are stored only hashed");
            assertFalse(text.contains("\"pw\""), "passwords are stored only hashed");
        }
        try (var files = Files.list(d)) {
            assertEquals(3, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void closedStoreRefusesCalls() {
        AccountStore s = open();
        s.close();
        assertEquals(AccountStore.State.CLOSED, s.state());
        assertEquals(503, status(s::userNames));
        s.close();
        assertEquals(AccountStore.State.CLOSED, s.state());
        assertTrue(AccountStore.State.OPEN.canMoveTo(AccountStore.State.CLOSED));
        assertFalse(AccountStore.State.CLOSED.canMoveTo(AccountStore.State.OPEN));
        assertFalse(AccountStore.State.CLOSED.canMoveTo(AccountStore.State.CLOSED));
    }
}
