package org.c4j.accounts;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.c4j.accounts.internal.Credentials;
import org.c4j.accounts.internal.StoredUser;
import org.c4j.socket.AuthRequest;
import org.c4j.socket.PlainHttpRequest;
import org.c4j.socket.PlainHttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** No password, hash, session id or token appears in any log line (all levels) or toString. */
class SecretsNeverShownTest {
    static final String PASSWORD = "Pa55-very-secret-XYZ";

    @Test
    void secretsStayOutOfLogsAndToString(@TempDir Path dir) throws Exception {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        List<String> secrets = new ArrayList<>(List.of(PASSWORD));
        List<String> shown = new ArrayList<>();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        TestClock clock = new TestClock();
        try (AccountStore store = AccountStore.open(dir, clock, 1000);
             AdminServer admin = AdminServer.startLoopback(0, db -> store)) {
            TestIssuer issuer = new TestIssuer(clock);
            store.setOidcProviders(OidcProviders.parse(issuer.config("\"register\": true"), clock));
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> created = http.send(HttpRequest.newBuilder(admin.url().resolve("/db/_user/"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"ada\", \"password\": \"" + PASSWORD
                            + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
            assertTrue(created.statusCode() == 201);
            http.send(HttpRequest.newBuilder(admin.url().resolve("/db/_user/"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"x\", \"password\": \"" + PASSWORD
                            + "\", \"oops\": 1")).build(), HttpResponse.BodyHandlers.ofString());
            String hash = Files.readString(dir.resolve("users.json")).replaceAll("(?s).*\"password_hash\" : \"([^\"]+)\".*",
                    "$1");
            assertTrue(hash.startsWith("pbkdf2-sha256$"), hash);
            secrets.add(hash);
            secrets.add(hash.substring(hash.lastIndexOf('$') + 1));

            AccountsAuthenticator auth = AccountsAuthenticator.of(store);
            String basic = AccountsAuthenticatorTest.basic("ada", PASSWORD);
            AuthRequest good = new AuthRequest("GET", "/db/_blipsync", "db", Map.of("Authorization", List.of(basic)),
                    null, false, List.of());
            shown.add(good.toString());
            shown.add(auth.authenticate(good).toString());
            auth.authenticate(new AuthRequest("GET", "/db/_blipsync", "db", Map.of("Authorization",
                    List.of(AccountsAuthenticatorTest.basic("ada", PASSWORD + "x"))), null, false, List.of()));

            Session s = store.createSession("ada", null);
            secrets.add(s.id());
            shown.add(s.toString());
            auth.authenticate(new AuthRequest("GET", "/db/_blipsync", "db",
                    Map.of("Cookie", List.of("SyncGatewaySession=" + s.id())), null, false, List.of()));
            String token = issuer.token("sam");
            String badToken = issuer.token("sam", b -> b.audience("nope"));
            secrets.add(token);
            secrets.add(token.substring(token.lastIndexOf('.') + 1));
            secrets.add(badToken.substring(badToken.lastIndexOf('.') + 1));
            auth.authenticate(new AuthRequest("GET", "/db/_blipsync", "db",
                    Map.of("Authorization", List.of("Bearer " + token)), null, false, List.of()));
            auth.authenticate(new AuthRequest("GET", "/db/_blipsync", "db",
                    Map.of("Authorization", List.of("Bearer " + badToken)), null, false, List.of()));

            PublicSessionEndpoint endpoint = new PublicSessionEndpoint(db -> store);
            PlainHttpRequest login = new PlainHttpRequest("POST", "/db/_session", null, Map.of(),
                    ("{\"name\": \"ada\", \"password\": \"" + PASSWORD + "\"}").getBytes(StandardCharsets.UTF_8),
                    true, null);
            PlainHttpResponse answer = endpoint.handle(login);
            String cookie = answer.headers().get("Set-Cookie").get(0);
            secrets.add(cookie.substring("SyncGatewaySession=".length(), cookie.indexOf(';')));
            shown.add(login.toString());
            shown.add(answer.toString());
            shown.add(new UserSpec("ada", PASSWORD, null, false, Set.of(), Set.of()).toString());
            shown.add(new StoredUser(store.user("ada").orElseThrow(), hash).toString());
            shown.add(Credentials.from(basic, List.of("SyncGatewaySession=" + s.id())).toString());
            shown.add(Credentials.from("Bearer " + token, List.of()).toString());
            shown.add(store.user("ada").orElseThrow().toString());
        } finally {
            System.setErr(original);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        original.print(log);
        assertTrue(log.contains("user ada created"), "the capture works: " + log);
        assertTrue(log.contains("bearer token refused"), "debug lines captured too");
        for (String secret : secrets) {
            assertFalse(log.contains(secret), "a secret in the log");
            for (String s : shown) {
                assertFalse(s.contains(secret), "a secret in toString: " + s);
            }
        }
    }
}
