package org.c4j.examples;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.c4j.Body;
import org.c4j.Database;
import org.c4j.accounts.AccountStore;
import org.c4j.accounts.AccountsAuthenticator;
import org.c4j.accounts.PublicSessionEndpoint;
import org.c4j.accounts.UserSpec;
import org.c4j.replicator.CredentialsProvider;
import org.c4j.replicator.Listener;
import org.c4j.replicator.ListenerConfig;
import org.c4j.replicator.ReplicatorConfig;
import org.c4j.replicator.ReplicatorType;
import org.c4j.socket.OptionKeys;
import org.c4j.socket.OptionsDict;
import org.c4j.ws.WebSocketClientFactory;
import org.c4j.ws.WebSocketListenerTransport;

/**
 * Example 3: a Sync Gateway-style client. The listener authenticates with Sync Gateway's account model (users and
 * sessions from the {@code accounts} module) and serves Sync Gateway's public {@code /{db}/_session} on its port.
 * The client logs in there with its password to get a session cookie, pulls with the cookie, and its
 * {@link CredentialsProvider} logs in again when the server answers 401 — here because the first session was
 * logged out before the replication started.
 */
public final class SessionAuthSync {
    private static final String USER = "ada";
    private static final String PASSWORD = "correct horse";

    private SessionAuthSync() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println(run(Files.createTempDirectory("c4j-example")));
    }

    /** Returns e.g. {@code "client 1 doc(s), 1 session renewal(s)"}. */
    public static String run(Path dir) throws Exception {
        try (Database server = Database.open(dir.resolve("server"));
             Database client = Database.open(dir.resolve("client"));
             AccountStore accounts = AccountStore.open(dir.resolve("accounts"))) {
            accounts.createUser(UserSpec.of(USER, PASSWORD, Set.of("*")));
            server.defaultCollection().save("welcome", null, Body.fromJson("{\"hello\":\"ada\"}"));
            WebSocketListenerTransport transport = WebSocketListenerTransport.builder().disableTls()
                    .networkInterface("127.0.0.1").port(0).upgradeAuthenticator(AccountsAuthenticator.of(accounts))
                    .httpHandler(new PublicSessionEndpoint(db -> accounts)).build();
            AtomicInteger renewals = new AtomicInteger();
            try (Listener listener = new Listener(transport, ListenerConfig.of(server).withDatabaseName("db"))) {
                listener.start();
                URI sessions = URI.create("http://127.0.0.1:" + listener.port() + "/db/_session");
                String stale = login(sessions);
                logout(sessions, stale);
                ReplicateOnce.run(ReplicatorConfig.builder(client, URI.create("ws://127.0.0.1:" + listener.port()
                                + "/db")).type(ReplicatorType.PULL).socketFactory(new WebSocketClientFactory())
                        .options(OptionsDict.builder().putDict(OptionKeys.AUTH, CredentialsProvider.session(stale))
                                .build())
                        .credentialsProvider((reason, current) -> {
                            if (reason != CredentialsProvider.Reason.UNAUTHORIZED) {
                                return null; // keep the current session
                            }
                            renewals.incrementAndGet();
                            return CredentialsProvider.session(login(sessions));
                        }).build());
            }
            return "client " + client.defaultCollection().count() + " doc(s), " + renewals + " session renewal(s)";
        }
    }

    /** {@code POST /{db}/_session} with Basic credentials: the id from the {@code SyncGatewaySession} cookie. */
    static String login(URI sessions) {
        String basic = Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        HttpResponse<Void> r = send(HttpRequest.newBuilder(sessions).header("Authorization", "Basic " + basic)
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        for (String cookie : r.headers().allValues("Set-Cookie")) {
            if (cookie.startsWith(OptionKeys.DEFAULT_SESSION_COOKIE_NAME + "=")) {
                return cookie.substring(cookie.indexOf('=') + 1).split(";", 2)[0];
            }
        }
        throw new IllegalStateException("login refused: HTTP " + r.statusCode());
    }

    /** {@code DELETE /{db}/_session} with the session's cookie: logs it out. */
    static void logout(URI sessions, String session) {
        send(HttpRequest.newBuilder(sessions).header("Cookie", OptionKeys.DEFAULT_SESSION_COOKIE_NAME + "=" + session)
                .DELETE().build());
    }

    private static HttpResponse<Void> send(HttpRequest request) {
        try {
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding());
        } catch (Exception e) {
            throw new IllegalStateException("session endpoint unreachable", e);
        }
    }
}
