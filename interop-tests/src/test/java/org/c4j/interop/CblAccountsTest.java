package org.c4j.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.couchbase.lite.BasicAuthenticator;
import com.couchbase.lite.CouchbaseLiteException;
import com.couchbase.lite.ReplicatorConfiguration;
import com.couchbase.lite.ReplicatorType;
import com.couchbase.lite.SessionAuthenticator;
import com.couchbase.lite.URLEndpoint;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.c4j.Database;
import org.c4j.accounts.AccountStore;
import org.c4j.accounts.AccountsAuthenticator;
import org.c4j.accounts.AdminServer;
import org.c4j.accounts.OidcProviders;
import org.c4j.accounts.PublicSessionEndpoint;
import org.c4j.replicator.Listener;
import org.c4j.replicator.ListenerConfig;
import org.c4j.ws.WebSocketListenerTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Couchbase Lite 3.0.0 client against a c4j listener whose accounts are kept Sync Gateway's way: users and
 * sessions made through the admin REST API (the seed's request bodies), Bearer ID tokens signed by a provider key made
 * in the test; refused clients get 401 and nothing is transferred either way.
 */
class CblAccountsTest {
    private static final String DB = "db";
    private static final String ISSUER = "https://issuer.test";
    private static final String CLIENT_ID = "cbl-app";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A clock the test moves (sessions expire without waiting). */
    public static final class MovableClock extends Clock {
        volatile Instant now = Instant.now();

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @TempDir
    Path dir;
    private final MovableClock clock = new MovableClock();
    private final HttpClient http = HttpClient.newHttpClient();
    private Database c4j;
    private com.couchbase.lite.Database cbl;
    private AccountStore accounts;
    private AdminServer admin;
    private Listener listener;
    private URI url;
    private RSAKey key;

    @BeforeEach
    void start() throws Exception {
        c4j = Database.open(dir.resolve("c4j"));
        cbl = CblSide.open(dir.resolve("cbl"), "client");
        accounts = AccountStore.open(dir.resolve("accounts"), clock, 10_000);
        key = new RSAKeyGenerator(2048).keyID("k1").generate();
        accounts.setOidcProviders(OidcProviders.parse("{\"local_jwt\": {\"test\": {\"issuer\": \"" + ISSUER
                + "\", \"client_id\": \"" + CLIENT_ID + "\", \"algorithms\": [\"RS256\"], \"register\": true, "
                + "\"keys\": [" + key.toPublicJWK().toJSONString() + "]}}}", clock));
        admin = AdminServer.startLoopback(0, db -> DB.equals(db) ? accounts : null);
        listener = new Listener(WebSocketListenerTransport.builder().disableTls()
                .networkInterface("127.0.0.1").port(0)
                .upgradeAuthenticator(AccountsAuthenticator.of(accounts))
                .httpHandler(new PublicSessionEndpoint(db -> DB.equals(db) ? accounts : null)).build(),
                ListenerConfig.of(c4j).withDatabaseName(DB));
        listener.start();
        url = listener.urls().get(0);
    }

    @AfterEach
    void stop() throws CouchbaseLiteException {
        listener.stop();
        admin.close();
        accounts.close();
        cbl.close();
        c4j.close();
    }

    @Test
    void userMadeThroughTheAdminApiSyncsWithBasicAuth() throws Exception {
        assertEquals(201, adminCall("POST", "/db/_user/",
                "{\"name\": \"john\", \"password\": \"pass\", \"admin_roles\": [\"foo\"]}").statusCode());
        fillBothSides();
        assertRefused(config().setAuthenticator(new BasicAuthenticator("john", "wrong".toCharArray())));
        assertRefused(config());
        assertSyncs(config().setAuthenticator(new BasicAuthenticator("john", "pass".toCharArray())));
    }

    @Test
    void adminSessionSyncsUntilDeletedOrExpired() throws Exception {
        adminCall("POST", "/db/_user/", "{\"name\": \"ada\", \"password\": \"secret\"}");
        fillBothSides();
        JsonNode session = JSON.readTree(adminCall("POST", "/db/_session", "{\"name\": \"ada\", \"ttl\": 3600}")
                .body());
        assertEquals("SyncGatewaySession", session.get("cookie_name").asText());
        String id = session.get("session_id").asText();
        assertSyncs(config().setAuthenticator(new SessionAuthenticator(id)));

        CblSide.fill(cbl, "later", 5);
        assertEquals(200, adminCall("DELETE", "/db/_session/" + id, null).statusCode());
        assertRefused(config().setAuthenticator(new SessionAuthenticator(id)));

        String second = JSON.readTree(adminCall("POST", "/db/_session", "{\"name\": \"ada\", \"ttl\": 60}").body())
                .get("session_id").asText();
        clock.now = clock.now.plus(Duration.ofMinutes(2));
        assertRefused(config().setAuthenticator(new SessionAuthenticator(second)));
    }

    @Test
    void bearerTokensFromTheProviderSyncAndBadOnesAreRefused() throws Exception {
        fillBothSides();
        JWTClaimsSet good = claims(b -> { });
        RSAKey stranger = new RSAKeyGenerator(2048).keyID("k1").generate();
        assertRefused(bearer(sign(stranger, good)));                                          // wrong signature
        assertRefused(bearer(sign(key, claims(b -> b.expirationTime(Date.from(clock.now.minusSeconds(600)))))));
        assertRefused(bearer(sign(key, claims(b -> b.audience("someone-else")))));           // wrong audience
        assertRefused(bearer(sign(key, claims(b -> b.issuer("https://evil.test")))));       // wrong issuer
        assertRefused(bearer(new PlainJWT(good).serialize()));                               // alg none
        SignedJWT hs = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), good);
        hs.sign(new MACSigner(new byte[32]));
        assertRefused(bearer(hs.serialize()));                                                // HS256
        assertSyncs(bearer(sign(key, good)));
        assertNotNull(accounts.user("test_zoe").orElse(null), "registered on first login");
    }

    @Test
    void thePublicSessionEndpointTradesATokenOrAPasswordForACookieThatCblUses() throws Exception {
        fillBothSides();
        URI session = URI.create("http://127.0.0.1:" + listener.port() + "/" + DB + "/_session");
        HttpResponse<String> bad = http.send(HttpRequest.newBuilder(session).header("Authorization", "Bearer "
                + sign(key, claims(b -> b.issuer("https://evil.test")))).POST(HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, bad.statusCode());
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(session).header("Authorization", "Bearer "
                + sign(key, claims(b -> { }))).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, login.statusCode(), login.body());
        assertEquals("test_zoe", JSON.readTree(login.body()).get("userCtx").get("name").asText());
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                "SyncGatewaySession=([0-9a-f]{40}); Path=/db; Expires=[^;]+; HttpOnly").matcher(cookie);
        assertTrue(m.matches(), cookie);
        assertSyncs(config().setAuthenticator(new SessionAuthenticator(m.group(1))));

        // a password login through the JSON body works the same way; logging out ends the session
        adminCall("POST", "/db/_user/", "{\"name\": \"ada\", \"password\": \"secret\"}");
        HttpResponse<String> json = http.send(HttpRequest.newBuilder(session).header("Content-Type",
                "application/json").POST(HttpRequest.BodyPublishers.ofString(
                "{\"name\": \"ada\", \"password\": \"secret\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, json.statusCode(), json.body());
        String id = json.headers().firstValue("Set-Cookie").orElseThrow().replaceAll("SyncGatewaySession=([0-9a-f]+);.*",
                "$1");
        CblSide.fill(cbl, "more", 5);
        assertSyncs(config().setAuthenticator(new SessionAuthenticator(id)));
        assertEquals(200, http.send(HttpRequest.newBuilder(session).header("Cookie", "SyncGatewaySession=" + id)
                .DELETE().build(), HttpResponse.BodyHandlers.ofString()).statusCode());
        assertRefused(config().setAuthenticator(new SessionAuthenticator(id)));
    }

    // ---- helpers

    private void fillBothSides() throws Exception {
        CblSide.fill(cbl, "cbl", 20);
        C4jSide.fill(c4j, "c4j", 20);
    }

    private ReplicatorConfiguration config() {
        return new ReplicatorConfiguration(cbl, new URLEndpoint(url)).setType(ReplicatorType.PUSH_AND_PULL);
    }

    private ReplicatorConfiguration bearer(String token) {
        return config().setHeaders(Map.of("Authorization", "Bearer " + token));
    }

    private JWTClaimsSet claims(Consumer<JWTClaimsSet.Builder> change) {
        JWTClaimsSet.Builder b = new JWTClaimsSet.Builder().issuer(ISSUER).audience(List.of(CLIENT_ID))
                .subject("zoe").issueTime(Date.from(clock.now)).expirationTime(Date.from(clock.now.plusSeconds(600)));
        change.accept(b);
        return b.build();
    }

    private static String sign(RSAKey k, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(k.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(k));
        return jwt.serialize();
    }

    private HttpResponse<String> adminCall(String method, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(admin.url().resolve(path)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private void assertSyncs(ReplicatorConfiguration config) throws Exception {
        CblSide.Outcome outcome = CblSide.replicate(config);
        assertNull(outcome.status().getError(), () -> "CBL replication failed: " + outcome.status().getError());
        assertEquals(List.of(), outcome.documentErrors());
        Convergence.assertSameCount(cbl, c4j);
    }

    /** CBL fails with HTTP 401 (its code 10401) and neither database changes. */
    private void assertRefused(ReplicatorConfiguration config) throws Exception {
        long c4jBefore = c4j.defaultCollection().lastSequence();
        long cblBefore = cbl.getCount();
        CblSide.Outcome outcome = CblSide.replicate(config);
        assertNotNull(outcome.status().getError(), "the replication must be refused");
        assertEquals(10401, outcome.status().getError().getCode(), outcome.status().getError()::toString);
        assertEquals(c4jBefore, c4j.defaultCollection().lastSequence(), "c4j database changed");
        assertEquals(cblBefore, cbl.getCount(), "CBL database changed");
    }
}
