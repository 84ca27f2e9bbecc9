package org.c4j.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.c4j.socket.PlainHttpRequest;
import org.c4j.socket.PlainHttpResponse;
import org.junit.jupiter.api.Test;

class PublicSessionEndpointTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Pattern COOKIE = Pattern.compile(
            "SyncGatewaySession=([0-9a-f]{40}); Path=/db; Expires=([^;]+ GMT); HttpOnly(; Secure)?");
    final TestClock clock = new TestClock();
    final AccountStore store = AccountStore.inMemory(clock, 1000);
    final TestIssuer issuer = new TestIssuer(clock);
    final PublicSessionEndpoint endpoint = new PublicSessionEndpoint(db -> db.equals("db") ? store : null);

    PublicSessionEndpointTest() {
        store.createUser(UserSpec.of("ada", "pw", Set.of("news")));
        store.setOidcProviders(OidcProviders.parse(issuer.config("\"register\": true"), clock));
    }

    PlainHttpResponse call(String method, String path, Map<String, List<String>> headers, String body, boolean tls) {
        return endpoint.handle(new PlainHttpRequest(method, path, null, headers,
                body == null ? null : body.getBytes(StandardCharsets.UTF_8), tls, null));
    }

    static JsonNode json(PlainHttpResponse r) throws Exception {
        return JSON.readTree(r.body());
    }

    static String sessionOf(PlainHttpResponse r, boolean secure) {
        List<String> cookies = r.headers().get("Set-Cookie");
        assertEquals(1, cookies.size());
        Matcher m = COOKIE.matcher(cookies.get(0));
        assertTrue(m.matches(), cookies.get(0));
        assertEquals(secure, m.group(3) != null);
        return m.group(1);
    }

    @Test
    void loginWithJsonBasicOrBearerSetsTheCookie() throws Exception {
        PlainHttpResponse r = call("POST", "/db/_session", Map.of(), "{\"name\": \"ada\", \"password\": \"pw\"}",
                false);
        assertEquals(200, r.status());
        String id = sessionOf(r, false);
        assertEquals("ada", store.checkSession(id).orElseThrow().name());
        JsonNode ctx = json(r).get("userCtx");
        assertEquals("ada", ctx.get("name").asText());
        assertTrue(ctx.get("channels").has("news"));
        assertEquals(clock.instant().plus(Duration.ofHours(24)), store.session(id).orElseThrow().expires());

        r = call("POST", "/db/_session/", Map.of("Authorization",
                List.of(AccountsAuthenticatorTest.basic("ada", "pw"))), null, true);
        assertEquals(200, r.status());
        sessionOf(r, true);

        r = call("POST", "/db/_session", Map.of("Authorization", List.of("Bearer " + issuer.token("sam"))), null,
                true);
        assertEquals(200, r.status());
        assertEquals("test_sam", store.checkSession(sessionOf(r, true)).orElseThrow().name());
    }

    @Test
    void badLoginsAre401WithoutACookie() {
        for (PlainHttpResponse r : List.of(
                call("POST", "/db/_session", Map.of(), "{\"name\": \"ada\", \"password\": \"no\"}", false),
                call("POST", "/db/_session", Map.of(), null, false),
                call("POST", "/db/_session", Map.of("Authorization",
                        List.of("Bearer " + issuer.token("sam", b -> b.issuer("https://evil.test")))), null, false),
                call("POST", "/db/_session", Map.of("Authorization",
                        List.of(AccountsAuthenticatorTest.basic("ada", "x"))), null, false))) {
            assertEquals(401, r.status());
            assertNull(r.headers().get("Set-Cookie"));
            assertTrue(r.headers().get("WWW-Authenticate").contains("Basic realm=\"Couchbase Sync Gateway\""));
        }
        assertEquals(400, call("POST", "/db/_session", Map.of(), "{\"name\": ", false).status());
        assertEquals(400, call("POST", "/db/_session", Map.of(), "{\"name\": \"ada\"}", false).status());
        assertEquals(0, store.sessionCount());
    }

    @Test
    void currentUserAndLogout() throws Exception {
        String id = store.createSession("ada", null).id();
        Map<String, List<String>> cookie = Map.of("Cookie", List.of("SyncGatewaySession=" + id));
        PlainHttpResponse r = call("GET", "/db/_session", cookie, null, false);
        assertEquals(200, r.status());
        assertEquals("ada", json(r).get("userCtx").get("name").asText());
        assertEquals(401, call("GET", "/db/_session", Map.of(), null, false).status());
        store.setGuestEnabled(true);
        r = call("GET", "/db/_session", Map.of(), null, false);
        assertEquals(200, r.status());
        assertTrue(json(r).get("userCtx").get("name").isNull());

        r = call("DELETE", "/db/_session", cookie, null, false);
        assertEquals(200, r.status());
        assertTrue(r.headers().get("Set-Cookie").get(0).startsWith("SyncGatewaySession=; Path=/db; Expires=Thu, 1 Jan 1970"));
        assertTrue(store.checkSession(id).isEmpty());
        assertEquals(200, call("DELETE", "/db/_session", cookie, null, false).status(), "logging out twice is fine");
        assertEquals(400, call("DELETE", "/db/_session", Map.of(), null, false).status());
    }

    @Test
    void otherPathsAndMethods() {
        assertNull(call("GET", "/db/_blipsync", Map.of(), null, false));
        assertNull(call("GET", "/db/_session/x", Map.of(), null, false));
        assertNull(call("GET", "/", Map.of(), null, false));
        assertNull(call("GET", "/%zz/_session", Map.of(), null, false));
        assertEquals(404, call("GET", "/other/_session", Map.of(), null, false).status());
        PlainHttpResponse r = call("PUT", "/db/_session", Map.of(), null, false);
        assertEquals(405, r.status());
        assertFalse(r.headers().get("Allow").isEmpty());
    }
}
