package org.c4j.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.c4j.socket.C4Exception;
import org.c4j.socket.ErrorDomain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OidcProvidersTest {
    static final TestClock CLOCK = new TestClock();
    static final TestIssuer ISSUER = new TestIssuer(CLOCK);
    final OidcProviders providers = OidcProviders.parse(ISSUER.config(
            "\"register\": true, \"roles_claim\": \"groups\", \"channels_claim\": \"chans\""), CLOCK);

    private static String refusal(OidcProviders p, String token) {
        C4Exception e = assertThrows(C4Exception.class, () -> p.verify(token));
        assertEquals(ErrorDomain.WEBSOCKET, e.domain());
        assertEquals(401, e.code());
        return e.getMessage();
    }

    @Test
    void goodTokensMapToUsers() {
        TokenIdentity id = providers.verify(ISSUER.token("alice", b -> b.claim("groups", List.of("staff"))
                .claim("chans", "news")));
        assertEquals("test_alice", id.username(), "user_prefix defaults to the provider name");
        assertTrue(id.register());
        assertEquals(Set.of("staff"), id.roles());
        assertEquals(Set.of("news"), id.channels());
        assertEquals("test_bob", providers.verify(ISSUER.es256(ISSUER.claims("bob").build())).username(), "ES256");
        OidcProviders byEmail = OidcProviders.parse(ISSUER.config(
                "\"username_claim\": \"email\", \"user_prefix\": \"oidc\""), CLOCK);
        assertEquals("oidc_a@example.com",
                byEmail.verify(ISSUER.token("alice", b -> b.claim("email", "a@example.com"))).username());
        // within the clock skew an expired token still passes
        assertEquals("test_c", providers.verify(ISSUER.token("c", b -> b.expirationTime(
                Date.from(CLOCK.instant().minusSeconds(10))))).username());
    }

    @Test
    void badTokensAreRefused() {
        JWTClaimsSet good = ISSUER.claims("mallory").build();
        refusal(providers, TestIssuer.rs256(ISSUER.other, good));                      // wrong signature
        refusal(providers, ISSUER.token("m", b -> b.expirationTime(
                Date.from(CLOCK.instant().minus(Duration.ofMinutes(5))))));              // expired
        refusal(providers, ISSUER.token("m", b -> b.notBeforeTime(
                Date.from(CLOCK.instant().plus(Duration.ofMinutes(5))))));               // not yet valid
        assertTrue(refusal(providers, ISSUER.token("m", b -> b.audience("other-app"))).contains("no provider"));
        assertTrue(refusal(providers, ISSUER.token("m", b -> b.issuer("https://evil.test"))).contains("no provider"));
        assertTrue(refusal(providers, TestIssuer.none(good)).contains("not a signed JWT"));   // alg none
        // HS256 "signed" with the RSA public key's bytes (the classic confusion attack), and with any secret
        byte[] publicBytes = ISSUER.rsa.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8);
        refusal(providers, TestIssuer.hs256(good, publicBytes));
        refusal(providers, TestIssuer.hs256(good, new byte[32]));
        refusal(providers, ISSUER.token("m", b -> b.expirationTime(null)));              // no exp
        refusal(providers, ISSUER.token("m", b -> b.subject(null)));                     // no sub
        refusal(providers, "garbage");
        refusal(providers, "");
        refusal(providers, "x".repeat(20_000));
        // a signed token whose body was swapped
        String[] parts = ISSUER.token("m").split("\\.");
        String forged = parts[0] + "." + Base64URL.encode(ISSUER.claims("admin").build().toString()) + "." + parts[2];
        refusal(providers, forged);
        refusal(OidcProviders.NONE, ISSUER.token("m"));
    }

    @Test
    void tokensWithUnlistedAlgorithmsAreRefused() throws Exception {
        OidcProviders esOnly = OidcProviders.parse(ISSUER.config("").replace("\"RS256\", ", ""), CLOCK);
        refusal(esOnly, ISSUER.token("m"));
        RSAKey ps = ISSUER.rsa;
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.PS256).keyID("rsa1").build(),
                ISSUER.claims("m").build());
        jwt.sign(new RSASSASigner(ps));
        refusal(providers, jwt.serialize());
    }

    @Test
    void configurationIsCheckedStrictly() {
        for (String bad : List.of(
                ISSUER.config("").replace("\"RS256\", \"ES256\"", "\"HS256\""),
                ISSUER.config("").replace("\"RS256\", \"ES256\"", "\"none\""),
                ISSUER.config("").replace("\"RS256\", \"ES256\"", ""),
                ISSUER.config("\"colour\": \"red\""),
                ISSUER.config("\"jwks_uri\": \"https://x.test/jwks\""),
                ISSUER.config("").replace("\"issuer\": \"" + TestIssuer.ISSUER + "\",", ""),
                "{\"local_jwt\": {\"p\": {\"issuer\": \"i\", \"client_id\": \"c\", \"algorithms\": [\"RS256\"],"
                        + " \"jwks_uri\": \"ftp://x/\"}}}",
                "{\"local_jwt\": [1]}",
                "not json")) {
            C4Exception e = assertThrows(C4Exception.class, () -> OidcProviders.parse(bad, CLOCK), bad);
            assertEquals(ErrorDomain.LITECORE, e.domain());
        }
        assertEquals(List.of("test"), providers.names());
    }

    @Test
    void keysFromAFile(@TempDir Path dir) throws Exception {
        Path jwks = dir.resolve("jwks.json");
        Files.writeString(jwks, new JWKSet(List.of(ISSUER.rsa)).toString(true)); // public part only is kept
        OidcProviders p = OidcProviders.parse("{\"local_jwt\": {\"f\": {\"issuer\": \"" + TestIssuer.ISSUER
                + "\", \"client_id\": \"" + TestIssuer.CLIENT + "\", \"algorithms\": [\"RS256\"], \"jwks_uri\": \""
                + jwks.toUri() + "\"}}}", CLOCK);
        assertEquals("f_z", p.verify(ISSUER.token("z")).username());
    }

    /** A remote key set is fetched once, cached, and fetched again when a token names a new key (rotation). */
    @Test
    void remoteKeySetWithRotation() throws Exception {
        RSAKey second = new RSAKeyGenerator(2048).keyID("rsa2").generate();
        AtomicReference<JWKSet> served = new AtomicReference<>(new JWKSet(ISSUER.rsa.toPublicJWK()));
        AtomicInteger fetches = new AtomicInteger();
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/jwks", ex -> {
            fetches.incrementAndGet();
            byte[] body = served.get().toString().getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        http.start();
        try {
            OidcProviders p = OidcProviders.parse("{\"local_jwt\": {\"r\": {\"issuer\": \"" + TestIssuer.ISSUER
                    + "\", \"client_id\": \"" + TestIssuer.CLIENT + "\", \"algorithms\": [\"RS256\"], \"jwks_uri\": "
                    + "\"http://127.0.0.1:" + http.getAddress().getPort() + "/jwks\"}}}", CLOCK);
            assertEquals("r_a", p.verify(ISSUER.token("a")).username());
            assertEquals("r_b", p.verify(ISSUER.token("b")).username());
            assertEquals(1, fetches.get(), "cached");
            served.set(new JWKSet(List.of(ISSUER.rsa.toPublicJWK(), second.toPublicJWK())));
            String rotated = TestIssuer.rs256(second, ISSUER.claims("c").build());
            assertEquals("r_c", p.verify(rotated).username());
            assertEquals(2, fetches.get(), "an unknown key id refetches the set");
        } finally {
            http.stop(0);
        }
    }

    /** Discovery: the well-known document gives the key set's URL; a document for another issuer is refused. */
    @Test
    void discoveryFindsTheKeySet() throws Exception {
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        String base = "http://127.0.0.1:" + http.getAddress().getPort();
        AtomicReference<String> issuerInDoc = new AtomicReference<>(TestIssuer.ISSUER);
        http.createContext("/.well-known/openid-configuration", ex -> {
            byte[] body = ("{\"issuer\": \"" + issuerInDoc.get() + "\", \"jwks_uri\": \"" + base + "/keys\"}")
                    .getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        http.createContext("/keys", ex -> {
            byte[] body = new JWKSet(ISSUER.rsa.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        http.start();
        try {
            String config = "{\"local_jwt\": {\"d\": {\"issuer\": \"" + TestIssuer.ISSUER + "\", \"client_id\": \""
                    + TestIssuer.CLIENT + "\", \"algorithms\": [\"RS256\"], \"discovery_url\": \"" + base
                    + "/.well-known/openid-configuration\"}}}";
            assertEquals("d_q", OidcProviders.parse(config, CLOCK).verify(ISSUER.token("q")).username());
            issuerInDoc.set("https://someone-else.test");
            C4Exception e = assertThrows(C4Exception.class, () -> OidcProviders.parse(config, CLOCK));
            assertTrue(e.getMessage().contains("another issuer"), e.getMessage());
        } finally {
            http.stop(0);
        }
    }

    @Test
    void clockIsInjected() {
        TestClock later = new TestClock(Instant.parse("2030-01-01T00:00:00Z"));
        OidcProviders p = OidcProviders.parse(ISSUER.config(""), later);
        refusal(p, ISSUER.token("x"));
    }
}
