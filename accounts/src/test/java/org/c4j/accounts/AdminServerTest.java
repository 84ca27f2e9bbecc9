package org.c4j.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin API over real HTTP on loopback, with Sync Gateway's request bodies. */
class AdminServerTest {
    static final ObjectMapper JSON = new ObjectMapper();
    final TestClock clock = new TestClock();
    final HttpClient http = HttpClient.newHttpClient();
    @TempDir
    Path dir;
    AccountStore store;
    AdminServer admin;

    record Rs(int status, String body, HttpResponse<String> raw) {
        JsonNode json() throws Exception {
            return JSON.readTree(body);
        }
    }

    @BeforeEach
    void start() {
        store = AccountStore.open(dir, clock, 1000);
        admin = AdminServer.startLoopback(0, db -> db.equals("db") ? store : null);
    }

    @AfterEach
    void stop() {
        admin.close();
        store.close();
    }

    Rs call(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(admin.url().resolve(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Rs(r.statusCode(), r.body(), r);
    }

    /** Everything the store holds, to check that a refused call changed nothing. */
    String snapshot() throws Exception {
        StringBuilder sb = new StringBuilder();
        for (String u : store.userNames()) {
            sb.append(call("GET", "/db/_user/" + u, null).body);
        }
        sb.append(call("GET", "/db/_user/GUEST", null).body);
        for (String r : store.roleNames()) {
            sb.append(call("GET", "/db/_role/" + r, null).body);
        }
        return sb.append(store.sessionCount()).toString();
    }

    @Test
    void boundToLoopbackOnly() {
        assertEquals("127.0.0.1", admin.url().getHost());
    }

    @Test
    void syncGatewayUsersRolesAndSessions() throws Exception {
        // the seed's curl bodies
        assertEquals(201, call("PUT", "/db/_role/newrole", "{\"name\": \"newrole\", \"admin_channels\": "
                + "[\"newrolechannel\"]}").status);
        assertEquals(201, call("POST", "/db/_user/", "{\"name\": \"john\", \"password\": \"pass\", "
                + "\"admin_roles\": [\"newrole\"], \"admin_channels\": [\"a\"], \"email\": \"j@x.test\"}").status);
        assertEquals(409, call("POST", "/db/_user/", "{\"name\": \"john\", \"password\": \"pass\"}").status);
        Rs got = call("GET", "/db/_user/john", null);
        assertEquals(200, got.status);
        JsonNode u = got.json();
        assertEquals("john", u.get("name").asText());
        assertEquals("[\"a\"]", u.get("admin_channels").toString());
        assertEquals("[\"!\",\"a\",\"newrolechannel\"]", u.get("all_channels").toString());
        assertEquals("[\"newrole\"]", u.get("roles").toString());
        assertFalse(u.get("disabled").asBoolean());
        assertFalse(got.body.contains("pass"), "no password or hash in GET output: " + got.body);
        assertFalse(got.body.contains("pbkdf2"));
        assertEquals("[\"john\"]", call("GET", "/db/_user/", null).body);
        assertEquals("[\"newrole\"]", call("GET", "/db/_role/", null).body);
        assertEquals("[\"newrolechannel\"]", call("GET", "/db/_role/newrole", null).json()
                .get("admin_channels").toString());
        // a GET body can be PUT back; PUT replaces, keeps the password
        assertEquals(200, call("PUT", "/db/_user/john", got.body.replace("\"a\"]", "\"b\"]")).status);
        assertTrue(store.checkPassword("john", "pass").isPresent());
        assertEquals(Set.of("b"), store.user("john").orElseThrow().adminChannels());

        Rs s = call("POST", "/db/_session", "{\"name\": \"john\", \"ttl\": 3600}");
        assertEquals(200, s.status);
        JsonNode sj = s.json();
        assertEquals("SyncGatewaySession", sj.get("cookie_name").asText());
        assertEquals(clock.instant().plusSeconds(3600).toString(), sj.get("expires").asText());
        String id = sj.get("session_id").asText();
        assertTrue(store.checkSession(id).isPresent());
        assertEquals(200, call("GET", "/db/_session/" + id, null).status);
        assertEquals(200, call("DELETE", "/db/_session/" + id, null).status);
        assertEquals(404, call("DELETE", "/db/_session/" + id, null).status);
        String id2 = call("POST", "/db/_session", "{\"name\": \"john\"}").json().get("session_id").asText();
        assertEquals(200, call("DELETE", "/db/_user/john/_session", null).status);
        assertTrue(store.checkSession(id2).isEmpty());

        assertEquals(200, call("PUT", "/db/_user/GUEST", "{\"disabled\": false, \"admin_channels\": [\"pub\"]}")
                .status);
        assertTrue(store.guest().isPresent());
        assertEquals(200, call("DELETE", "/db/_user/john", null).status);
        assertEquals(404, call("GET", "/db/_user/john", null).status);
        assertEquals(200, call("DELETE", "/db/_role/newrole", null).status);
    }

    @Test
    void badInputIsRefusedAndChangesNothing() throws Exception {
        call("POST", "/db/_user/", "{\"name\": \"ada\", \"password\": \"pw\", \"admin_channels\": [\"x\"]}");
        call("POST", "/db/_role/", "{\"name\": \"r\"}");
        String before = snapshot();
        Map<String, Integer> cases = new java.util.LinkedHashMap<>();
        cases.put("POST /db/_user/ {\"name\": \"bob\", ", 400);
        cases.put("POST /db/_user/ [1,2]", 400);
        cases.put("POST /db/_user/ ", 400);
        cases.put("POST /db/_user/ {\"name\": \"bob\"} trailing", 400);
        cases.put("POST /db/_user/ {\"name\": \"bob\", \"name\": \"eve\"}", 400);
        cases.put("POST /db/_user/ {\"name\": \"bob\", \"admin\": true}", 400);
        cases.put("POST /db/_user/ {\"name\": \"bob\", \"admin_channels\": \"x\"}", 400);
        cases.put("POST /db/_user/ {\"name\": \"bob\", \"admin_channels\": [\"bad channel\"]}", 400);
        cases.put("POST /db/_user/ {\"name\": \"bob\", \"disabled\": \"no\"}", 400);
        cases.put("POST /db/_user/ {\"name\": \"b/ob\"}", 400);
        cases.put("POST /db/_user/ {\"password\": \"x\"}", 400);
        cases.put("POST /db/_user/ {\"name\": \"ada\"}", 409);
        cases.put("POST /db/_user/ {\"name\": \"GUEST\"}", 409);
        cases.put("PUT /db/_user/ada {\"name\": \"eve\"}", 400);
        cases.put("PUT /db/_user/ada {\"email\": 5}", 400);
        cases.put("PUT /db/_user/GUEST {\"password\": \"x\"}", 400);
        cases.put("DELETE /db/_user/GUEST ", 400);
        cases.put("GET /db/_user/nobody ", 404);
        cases.put("DELETE /db/_user/nobody ", 404);
        cases.put("DELETE /db/_user/nobody/_session ", 404);
        cases.put("GET /db/_role/nothing ", 404);
        cases.put("DELETE /db/_role/nothing ", 404);
        cases.put("POST /db/_role/ {\"name\": \"r\"}", 409);
        cases.put("POST /db/_role/ {\"name\": \"q\", \"admin_roles\": []}", 400);
        cases.put("POST /db/_session {\"name\": \"nobody\"}", 404);
        cases.put("POST /db/_session {\"name\": \"ada\", \"ttl\": -5}", 400);
        cases.put("POST /db/_session {\"name\": \"ada\", \"ttl\": \"long\"}", 400);
        cases.put("POST /db/_session {\"name\": \"ada\", \"ttl\": 99999999999999}", 400);
        cases.put("POST /db/_session {\"ttl\": 5}", 400);
        cases.put("DELETE /db/_session/0123456789012345678901234567890123456789 ", 404);
        cases.put("DELETE /db/_session/junk ", 404);
        cases.put("GET /nodb/_user/ ", 404);
        cases.put("GET /db/_nothing ", 404);
        cases.put("GET /db/_user/ada/extra ", 404);
        cases.put("PATCH /db/_user/ada {}", 405);
        cases.put("DELETE /db/_user/ ", 405);
        cases.put("GET /db/_session ", 405);
        cases.put("PUT /db/_role/ {}", 405);
        for (Map.Entry<String, Integer> c : cases.entrySet()) {
            String[] parts = c.getKey().split(" ", 3);
            Rs r = call(parts[0], parts[1], parts[2].isEmpty() ? null : parts[2]);
            assertEquals(c.getValue(), r.status, c.getKey() + " -> " + r.body);
            if (r.status != 405) {
                JsonNode err = r.json();
                assertTrue(err.hasNonNull("reason") && err.hasNonNull("error"), r.body);
            } else {
                assertTrue(r.raw.headers().firstValue("Allow").isPresent(), c.getKey());
            }
        }
        assertEquals(before, snapshot(), "a refused call changes nothing");
        assertTrue(store.checkPassword("ada", "pw").isPresent());
    }

    @Test
    void hugeBodiesGet413() throws Exception {
        String before = snapshot();
        String huge = "{\"name\": \"bob\", \"email\": \"" + "x".repeat(2 * 1024 * 1024) + "\"}";
        assertEquals(413, call("POST", "/db/_user/", huge).status);
        // declared length over the limit: refused before reading
        try (Socket s = new Socket("127.0.0.1", admin.port())) {
            OutputStream out = s.getOutputStream();
            out.write(("POST /db/_user/ HTTP/1.1\r\nHost: x\r\nContent-Length: 999999999\r\n\r\n{")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            String head = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            assertEquals("HTTP/1.1 413", head);
        }
        // chunked body without a length
        HttpURLConnection c = (HttpURLConnection) URI.create(admin.url() + "db/_user/").toURL().openConnection();
        c.setRequestMethod("POST");
        c.setDoOutput(true);
        c.setChunkedStreamingMode(8192);
        try (OutputStream out = c.getOutputStream()) {
            out.write(huge.getBytes(StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            // the server may stop reading once it has answered
        }
        assertEquals(413, c.getResponseCode());
        assertEquals(before, snapshot());
        assertEquals(List.of(), store.userNames());
    }

    @Test
    void closeIsIdempotentAndFinal() {
        assertEquals(AdminServer.State.RUNNING, admin.state());
        admin.close();
        admin.close();
        assertEquals(AdminServer.State.STOPPED, admin.state());
        assertTrue(AdminServer.State.RUNNING.canMoveTo(AdminServer.State.STOPPED));
        assertFalse(AdminServer.State.STOPPED.canMoveTo(AdminServer.State.RUNNING));
        assertFalse(AdminServer.State.STOPPED.canMoveTo(AdminServer.State.STOPPED));
    }
}
