package org.c4j.ws.internal.listen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import org.c4j.socket.UpgradeAuthenticator;
import org.c4j.ws.PasswordAuthenticator;
import org.c4j.ws.internal.http.HttpHead;
import org.junit.jupiter.api.Test;

public class UpgradePolicyTest {
    private static final String GOOD_HEADERS = "Upgrade: websocket\r\nConnection: keep-alive, Upgrade\r\n"
            + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
            + "Sec-WebSocket-Protocol: BLIP_3+CBMobile_3,BLIP_3+CBMobile_2\r\n";
    private static final PasswordAuthenticator AUTH = (u, p) -> u.equals("u") && p.equals("p:w");

    private static HttpHead.Request request(String method, String target, String headers) throws Exception {
        byte[] b = (method + " " + target + " HTTP/1.1\r\nHost: h\r\n" + headers + "\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        return HttpHead.parseRequest(b, b.length);
    }

    private static int status(UpgradePolicy policy, HttpHead.Request rq) {
        return assertInstanceOf(UpgradePolicy.Reject.class, policy.decide(rq)).rejection().status();
    }

    private static String basic(String user, String password) {
        return "Authorization: Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)) + "\r\n";
    }

    @Test
    void acceptsAWellFormedUpgradeForAServedDatabase() throws Exception {
        UpgradePolicy policy = new UpgradePolicy(Set.of("db")::contains, UpgradeAuthenticator.OPEN);
        UpgradePolicy.Accept a = assertInstanceOf(UpgradePolicy.Accept.class,
                policy.decide(request("GET", "/db/_blipsync", GOOD_HEADERS)));
        assertEquals("db", a.database());
        assertEquals("/db/_blipsync", a.path());
        assertEquals("BLIP_3+CBMobile_3", a.subprotocol());
        assertNull(a.user());
    }

    @Test
    void checksCredentialsFirstAndNamesTheUser() throws Exception {
        UpgradePolicy policy = new UpgradePolicy(Set.of("db")::contains, AUTH);
        assertEquals(401, status(policy, request("GET", "/nope/_blipsync", GOOD_HEADERS)));
        assertEquals(401, status(policy, request("GET", "/db/_blipsync", GOOD_HEADERS)));
        assertEquals(401, status(policy, request("GET", "/db/_blipsync", GOOD_HEADERS + basic("u", "x"))));
        assertEquals(401, status(policy, request("GET", "/db/_blipsync",
                GOOD_HEADERS + "Authorization: Basic %%%\r\n")));
        assertEquals(401, status(policy, request("GET", "/db/_blipsync",
                GOOD_HEADERS + "Authorization: Bearer x\r\n")));
        UpgradePolicy.Decision d = policy.decide(request("GET", "/db/_blipsync", GOOD_HEADERS));
        assertEquals("Basic realm=\"Couchbase Lite\"",
                ((UpgradePolicy.Reject) d).rejection().headers().get("WWW-Authenticate"));
        UpgradePolicy.Accept a = assertInstanceOf(UpgradePolicy.Accept.class,
                policy.decide(request("GET", "/db/_blipsync", GOOD_HEADERS + basic("u", "p:w"))));
        assertEquals("u", a.user());
    }

    @Test
    void aValidSessionCookieLetsTheClientInWithoutAUser() throws Exception {
        UpgradePolicy policy = new UpgradePolicy(Set.of("db")::contains, null, "s3ss10n"::equals);
        UpgradePolicy.Accept a = assertInstanceOf(UpgradePolicy.Accept.class, policy.decide(request("GET",
                "/db/_blipsync", GOOD_HEADERS + "Cookie: a=b; SyncGatewaySession=s3ss10n\r\n")));
        assertNull(a.user());
        assertEquals(401, status(policy, request("GET", "/db/_blipsync", GOOD_HEADERS)));
        assertEquals(401, status(policy, request("GET", "/db/_blipsync",
                GOOD_HEADERS + "Cookie: SyncGatewaySession=other\r\n")));
        assertEquals(401, status(policy, request("GET", "/db/_blipsync",
                GOOD_HEADERS + "Cookie: OtherSession=s3ss10n\r\n")));
        assertEquals(401, status(policy, request("GET", "/db/_blipsync", GOOD_HEADERS + basic("u", "p:w"))));
    }

    @Test
    void withBothAuthenticatorsEitherASessionOrBasicCredentialsWork() throws Exception {
        UpgradePolicy policy = new UpgradePolicy(Set.of("db")::contains, AUTH, "s3ss10n"::equals);
        assertInstanceOf(UpgradePolicy.Accept.class, policy.decide(request("GET", "/db/_blipsync",
                GOOD_HEADERS + "Cookie: SyncGatewaySession=s3ss10n\r\n")));
        assertEquals("u", assertInstanceOf(UpgradePolicy.Accept.class,
                policy.decide(request("GET", "/db/_blipsync", GOOD_HEADERS + basic("u", "p:w")))).user());
        UpgradePolicy.Decision d = policy.decide(request("GET", "/db/_blipsync",
                GOOD_HEADERS + "Cookie: SyncGatewaySession=nope\r\n" + basic("u", "x")));
        assertEquals(401, assertInstanceOf(UpgradePolicy.Reject.class, d).rejection().status());
        assertEquals("Basic realm=\"Couchbase Lite\"",
                ((UpgradePolicy.Reject) d).rejection().headers().get("WWW-Authenticate"));
    }

    @Test
    void findsTheSessionCookieAmongOthers() {
        assertEquals("x", UpgradePolicy.sessionCookie(List.of("a=1; SyncGatewaySession=x; b=2")));
        assertEquals("y", UpgradePolicy.sessionCookie(List.of("a=1", " SyncGatewaySession = y ")));
        assertNull(UpgradePolicy.sessionCookie(List.of("SyncGatewaySession=", "NotSyncGatewaySession=z")));
        assertNull(UpgradePolicy.sessionCookie(null));
    }

    @Test
    void aThrowingAuthenticatorIsAServerError() throws Exception {
        UpgradePolicy policy = new UpgradePolicy(Set.of("db")::contains, (u, p) -> {
            throw new IllegalStateException("boom");
        });
        assertEquals(500, status(policy, request("GET", "/db/_blipsync", GOOD_HEADERS + basic("u", "p"))));
    }

    @Test
    void refusesOtherPathsDatabasesMethodsAndNonWebSocketRequests() throws Exception {
        UpgradePolicy policy = new UpgradePolicy(Set.of("db", "my db")::contains, UpgradeAuthenticator.OPEN);
        assertEquals(405, status(policy, request("POST", "/db/_blipsync", GOOD_HEADERS)));
        assertEquals(404, status(policy, request("GET", "/db", GOOD_HEADERS)));
        assertEquals(404, status(policy, request("GET", "/db/_blipsync/", GOOD_HEADERS)));
        assertEquals(404, status(policy, request("GET", "/other/_blipsync", GOOD_HEADERS)));
        assertEquals(404, status(policy, request("GET", "/%zz/_blipsync", GOOD_HEADERS)));
        assertInstanceOf(UpgradePolicy.Accept.class, policy.decide(request("GET", "/my%20db/_blipsync", GOOD_HEADERS)));
        assertEquals(426, status(policy, request("GET", "/db/_blipsync", "Sec-WebSocket-Version: 13\r\n")));
        assertEquals(426, status(policy, request("GET", "/db/_blipsync",
                GOOD_HEADERS.replace("Version: 13", "Version: 8"))));
        assertEquals(400, status(policy, request("GET", "/db/_blipsync",
                GOOD_HEADERS.replace("Sec-WebSocket-Key", "X-Key"))));
        assertEquals(400, status(policy, request("GET", "/db/_blipsync",
                GOOD_HEADERS.replace("BLIP_3+CBMobile_3,", ""))));
    }

    @Test
    void asksTheUpgradeAuthenticatorOnceAndCarriesItsPrincipal() throws Exception {
        java.util.List<org.c4j.socket.AuthRequest> seen = new java.util.ArrayList<>();
        org.c4j.socket.Principal ada = new org.c4j.socket.Principal("ada", Set.of("r"), Set.of("ch", "!"));
        UpgradePolicy policy = new UpgradePolicy(Set.of("db")::contains, rq -> {
            seen.add(rq);
            return rq.header("authorization") != null ? org.c4j.socket.AuthDecision.accept(ada)
                    : org.c4j.socket.AuthDecision.refuse(401, java.util.Map.of("WWW-Authenticate",
                            java.util.List.of("Basic realm=\"x\"", "Bearer")), "login required");
        });
        UpgradePolicy.Accept a = assertInstanceOf(UpgradePolicy.Accept.class,
                policy.decide(request("GET", "/db/_blipsync", GOOD_HEADERS + basic("ada", "pw"))));
        assertEquals(ada, a.principal());
        assertEquals("ada", a.user());
        assertEquals(1, seen.size());
        assertEquals("db", seen.get(0).database());
        assertEquals("/db/_blipsync", seen.get(0).path());
        UpgradePolicy.Reject r = assertInstanceOf(UpgradePolicy.Reject.class,
                policy.decide(request("GET", "/other/_blipsync", GOOD_HEADERS)));
        assertEquals(401, r.rejection().status(), "credentials are checked before the database");
        assertEquals("Basic realm=\"x\", Bearer", r.rejection().headers().get("WWW-Authenticate"));
        assertEquals(2, seen.size());
        assertEquals(405, status(policy, request("PUT", "/db/_blipsync", GOOD_HEADERS)));
        assertEquals(2, seen.size(), "the method is checked first");
    }

    @Test
    void decodesPercentEscapesAsUtf8() {
        assertEquals("caf\u00e9 +", UpgradePolicy.percentDecode("caf%C3%A9%20+"));
        assertNull(UpgradePolicy.percentDecode("%4"));
        assertEquals("d\uD83D\uDE00", UpgradePolicy.percentDecode("d\uD83D\uDE00"));
    }

    @Test
    void splitsBasicCredentialsAtTheFirstColon() {
        String header = "basic " + Base64.getEncoder().encodeToString("a:b:c".getBytes(StandardCharsets.UTF_8));
        assertArrayEquals(new String[] {"a", "b:c"}, UpgradePolicy.basicCredentials(header));
        assertNull(UpgradePolicy.basicCredentials("Basic " + Base64.getEncoder().encodeToString(new byte[] {'x'})));
    }
}
