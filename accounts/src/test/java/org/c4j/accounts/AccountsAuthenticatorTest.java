package org.c4j.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.c4j.socket.AuthDecision;
import org.c4j.socket.AuthRequest;
import org.c4j.socket.Principal;
import org.junit.jupiter.api.Test;

class AccountsAuthenticatorTest {
    final TestClock clock = new TestClock();
    final AccountStore store = AccountStore.inMemory(clock, 1000);
    final TestIssuer issuer = new TestIssuer(clock);
    final AccountsAuthenticator auth = new AccountsAuthenticator(db -> db.equals("db") ? store : null,
            cert -> cert.getSubjectX500Principal().getName().contains("CN=ada") ? "ada" : null);

    AccountsAuthenticatorTest() {
        store.createRole(new Role("staff", Set.of("internal")));
        store.createUser(new UserSpec("ada", "pw", null, false, Set.of("news"), Set.of("staff")));
        store.createUser(new UserSpec("off", "pw", null, true, Set.of(), Set.of()));
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    AuthDecision decide(String db, Map<String, List<String>> headers, List<X509Certificate> chain) {
        return auth.authenticate(new AuthRequest("GET", "/" + db + "/_blipsync", db, headers, null, false, chain));
    }

    AuthDecision decide(Map<String, List<String>> headers) {
        return decide("db", headers, List.of());
    }

    static Principal accepted(AuthDecision d) {
        return assertInstanceOf(AuthDecision.Accepted.class, d).principal();
    }

    static AuthDecision.Refused refused(AuthDecision d) {
        AuthDecision.Refused r = assertInstanceOf(AuthDecision.Refused.class, d);
        assertEquals(401, r.status());
        assertTrue(r.headers().get("WWW-Authenticate").contains("Basic realm=\"Couchbase Sync Gateway\""));
        return r;
    }

    @Test
    void basicCredentials() {
        Principal p = accepted(decide(Map.of("authorization", List.of(basic("ada", "pw")))));
        assertEquals("ada", p.name());
        assertEquals(Set.of("news", "internal", "!"), p.channels());
        refused(decide(Map.of("Authorization", List.of(basic("ada", "nope")))));
        refused(decide(Map.of("Authorization", List.of(basic("off", "pw")))));
        refused(decide(Map.of("Authorization", List.of(basic("who", "pw")))));
        refused(decide(Map.of("Authorization", List.of("Basic !!!"))));
        refused(decide(Map.of("Authorization", List.of("Digest x"))));
        refused(decide("other", Map.of("Authorization", List.of(basic("ada", "pw"))), List.of()));
    }

    @Test
    void noCredentialsNeedTheGuest() {
        AuthDecision.Refused r = refused(decide(Map.of()));
        assertEquals(List.of("Basic realm=\"Couchbase Sync Gateway\""), r.headers().get("WWW-Authenticate"));
        store.setGuestEnabled(true);
        Principal g = accepted(decide(Map.of()));
        assertNull(g.name());
        assertEquals(Set.of("!"), g.channels());
    }

    @Test
    void sessionCookies() {
        Session s = store.createSession("ada", null);
        Map<String, List<String>> h = Map.of("Cookie", List.of("a=b; SyncGatewaySession=" + s.id() + "; c=d"));
        assertEquals("ada", accepted(decide(h)).name());
        store.deleteSession(s.id());
        refused(decide(h));
        // a stale cookie with valid Basic credentials still gets in (a client's cookie jar may be stale)
        Map<String, List<String>> both = new LinkedHashMap<>(h);
        both.put("Authorization", List.of(basic("ada", "pw")));
        assertEquals("ada", accepted(decide(both)).name());
        store.setGuestEnabled(true);
        refused(decide(h));
    }

    @Test
    void bearerTokens() {
        store.setOidcProviders(OidcProviders.parse(issuer.config("\"register\": true, \"channels_claim\": \"ch\""),
                clock));
        Principal p = accepted(decide(Map.of("Authorization", List.of("Bearer " + issuer.token("zoe",
                b -> b.claim("ch", List.of("inbox")))))));
        assertEquals("test_zoe", p.name());
        assertEquals(Set.of("inbox", "!"), p.channels());
        assertTrue(store.user("test_zoe").isPresent(), "registered on first login");
        AuthDecision.Refused r = refused(decide(Map.of("Authorization", List.of("Bearer " + issuer.token("zoe",
                b -> b.audience("x"))))));
        assertTrue(r.headers().get("WWW-Authenticate").contains("Bearer"));
        store.putUser(new UserSpec("test_zoe", null, null, true, Set.of(), Set.of()));
        refused(decide(Map.of("Authorization", List.of("Bearer " + issuer.token("zoe")))));
        store.setOidcProviders(OidcProviders.parse(issuer.config(""), clock));
        refused(decide(Map.of("Authorization", List.of("Bearer " + issuer.token("newbie")))));
        assertTrue(store.user("test_newbie").isEmpty(), "no registration unless configured");
    }

    @Test
    void clientCertificates() throws Exception {
        X509Certificate ada = TestCertificates.selfSigned("CN=ada,O=test");
        X509Certificate eve = TestCertificates.selfSigned("CN=eve");
        assertEquals("ada", accepted(decide("db", Map.of(), List.of(ada))).name());
        refused(decide("db", Map.of(), List.of(eve)));
        assertEquals("ada", AccountsAuthenticator.commonName(ada));
        assertEquals("eve", AccountsAuthenticator.commonName(eve));
    }
}
