package org.c4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code user}, {@code session}, and {@code serve}/{@code sync} with accounts, in-process over loopback. */
class AccountsCliTest {
    private static final Pattern LISTENING = Pattern.compile("listening (ws://127\\.0\\.0\\.1:(\\d+)/(\\S+))\n");
    private static final Pattern ADMIN = Pattern.compile("(?s).*c4: admin API at (http://127\\.0\\.0\\.1:\\d+/).*");

    @TempDir
    Path tmp;
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void shutdown() {
        threads.shutdownNow();
    }

    private Running running(String... args) {
        return new Running(threads, LISTENING, args);
    }

    private String db(String name) {
        return tmp.resolve(name).toString();
    }

    private Path file(String name, String content) throws Exception {
        Path p = tmp.resolve(name);
        Files.writeString(p, content);
        return p;
    }

    private static void ok(CliRunner.Result r) {
        assertEquals(Cli.OK, r.status(), () -> "stdout: " + r.out() + "\nstderr: " + r.err());
    }

    @Test
    void userAndSessionCommands() throws Exception {
        Path pw = file("pw", "s3cret\n");
        ok(CliRunner.run("user", "add", db("srv"), "ada", "--channels", "a,b", "--roles", "r", "--password-file",
                pw.toString()));
        CliRunner.Result inline = CliRunner.run("user", "add", db("srv"), "bob", "--password", "hunter2");
        ok(inline);
        assertTrue(inline.err().contains("warning: a password on the command line"), inline.err());
        assertEquals("ada\ta,b\tr\nbob\t\t\n", CliRunner.run("user", "ls", db("srv")).out());
        CliRunner.Result dup = CliRunner.run("user", "add", db("srv"), "ada", "--password-file", pw.toString());
        assertEquals(Cli.ERROR, dup.status());
        assertTrue(dup.err().contains("already exists"), dup.err());
        ok(CliRunner.run("user", "passwd", db("srv"), "bob", "--password-file", pw.toString()));
        assertEquals(Cli.ERROR, CliRunner.run("user", "passwd", db("srv"), "nobody", "--password-file",
                pw.toString()).status());

        CliRunner.Result s = CliRunner.run("session", "create", db("srv"), "ada", "--ttl", "600");
        ok(s);
        assertTrue(s.out().matches("\\{\"session_id\":\"[0-9a-f]{40}\",\"expires\":\"[^\"]+\","
                + "\"cookie_name\":\"SyncGatewaySession\"}\n"), s.out());
        assertEquals(Cli.ERROR, CliRunner.run("session", "create", db("srv"), "nobody").status());
        ok(CliRunner.run("user", "rm", db("srv"), "bob"));
        assertEquals(Cli.ERROR, CliRunner.run("user", "rm", db("srv"), "bob").status());
        assertEquals("ada\ta,b\tr\n", CliRunner.run("user", "ls", db("srv")).out());
        String files = String.join(" ", Files.readString(tmp.resolve("srv/accounts/users.json")),
                Files.readString(tmp.resolve("srv/accounts/sessions.json")));
        assertFalse(files.contains("s3cret") || files.contains("hunter2"), "passwords stored only hashed");
        assertEquals(Cli.USAGE, CliRunner.run("user").status());
    }

    @Test
    void serveWithAccountsUsersSessionsAndTheAdminApi() throws Exception {
        ok(CliRunner.run("user", "add", db("srv"), "ada", "--password-file", file("pw", "pw1").toString()));
        String session = CliRunner.run("session", "create", db("srv"), "ada").out()
                .replaceAll("(?s).*\"session_id\":\"([0-9a-f]+)\".*", "$1");
        Running serve = running("serve", db("srv"), "--port", "0", "--host", "127.0.0.1", "--no-tls",
                "--admin-port", "0", "--db", "db");
        String url = serve.url();
        ok(CliRunner.run("put", db("a"), "d1", "{\"v\":1}"));
        CliRunner.Result refused = CliRunner.run("sync", db("a"), url, "--push");
        assertEquals(Cli.ERROR, refused.status());
        assertTrue(refused.err().contains("401"), refused.err());
        ok(CliRunner.run("sync", db("a"), url, "--push", "--user", "ada", "--password", "pw1"));
        ok(CliRunner.run("sync", db("b"), url, "--pull", "--session", session));
        assertEquals("{\"v\":1}\n", CliRunner.run("get", db("b"), "d1").out());

        Matcher admin = ADMIN.matcher(serve.err());
        assertTrue(admin.matches(), serve.err());
        HttpResponse<String> created = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(admin.group(1) + "db/_user/")).POST(HttpRequest.BodyPublishers.ofString(
                "{\"name\": \"john\", \"password\": \"pass\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, created.statusCode(), created.body());
        ok(CliRunner.run("sync", db("c"), url, "--pull", "--user", "john", "--password", "pass"));

        // the public session endpoint on the listener port trades a password for a cookie
        HttpResponse<String> login = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                url.replace("ws://", "http://") + "/_session")).POST(HttpRequest.BodyPublishers.ofString(
                "{\"name\": \"john\", \"password\": \"pass\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, login.statusCode(), login.body());
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(cookie.matches("SyncGatewaySession=[0-9a-f]{40}; Path=/db; Expires=.* GMT; HttpOnly"), cookie);
        ok(CliRunner.run("sync", db("e"), url, "--pull", "--session", cookie.substring(19, 59)));
        assertEquals(Cli.OK, serve.stopAndWait(), serve.err());
    }

    @Test
    void serveWithOidcAndBearerTokensAndTheGuest() throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID("k").generate();
        Path oidc = file("oidc.json", "{\"local_jwt\": {\"idp\": {\"issuer\": \"https://idp.test\", \"client_id\": "
                + "\"app\", \"algorithms\": [\"RS256\"], \"register\": true, \"keys\": ["
                + key.toPublicJWK().toJSONString() + "]}}}");
        Running serve = running("serve", db("srv"), "--port", "0", "--host", "127.0.0.1", "--no-tls",
                "--oidc", oidc.toString(), "--db", "db");
        String url = serve.url();
        ok(CliRunner.run("put", db("a"), "d1", "{\"v\":1}"));
        Path token = file("token", token(key, "zoe", Instant.now().plusSeconds(600)) + "\n");
        ok(CliRunner.run("sync", db("a"), url, "--push", "--bearer-file", token.toString()));
        CliRunner.Result inline = CliRunner.run("sync", db("b"), url, "--pull", "--bearer",
                token(key, "zoe", Instant.now().plusSeconds(600)));
        ok(inline);
        assertTrue(inline.err().contains("warning: a token on the command line"), inline.err());
        CliRunner.Result expired = CliRunner.run("sync", db("c"), url, "--pull", "--bearer",
                token(key, "zoe", Instant.now().minusSeconds(600)));
        assertEquals(Cli.ERROR, expired.status());
        assertTrue(expired.err().contains("401"), expired.err());
        assertEquals(Cli.OK, serve.stopAndWait(), serve.err());

        Running open = running("serve", db("srv"), "--port", "0", "--host", "127.0.0.1", "--no-tls", "--guest",
                "--db", "db");
        ok(CliRunner.run("sync", db("d"), open.url(), "--pull"));
        assertEquals("{\"v\":1}\n", CliRunner.run("get", db("d"), "d1").out());
        assertEquals(Cli.OK, open.stopAndWait(), open.err());
        assertEquals(Cli.USAGE, CliRunner.run("serve", db("srv"), "--port", "0", "--guest", "--user", "u",
                "--password", "p").status());
    }

    private static String token(RSAKey key, String sub, Instant exp) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k").build(),
                new JWTClaimsSet.Builder().issuer("https://idp.test").audience(List.of("app")).subject(sub)
                        .issueTime(new Date()).expirationTime(Date.from(exp)).build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }
}
