package org.c4j.examples;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.c4j.Body;
import org.c4j.Database;
import org.c4j.accounts.AccountStore;
import org.c4j.accounts.AccountsAuthenticator;
import org.c4j.accounts.AdminServer;
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
 * sessions from the {@code accounts} module, its admin REST API on 127.0.0.1); the client pulls with a session
 * cookie, and its {@link CredentialsProvider} gets a fresh session from the admin API when the server answers 401 —
 * here because the session it starts with was logged out.
 */
public final class SessionAuthSync {
    private SessionAuthSync() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println(run(Files.createTempDirectory("c4j-example")));
    }

    /** Returns e.g. {@code "client 1 doc(s), 1 session renewal(s)"}. */
    public static String run(Path dir) throws Exception {
        try (Database server = Database.open(dir.resolve("server"));
             Database client = Database.open(dir.resolve("client"));
             AccountStore accounts = AccountStore.open(dir.resolve("accounts"));
             AdminServer admin = AdminServer.startLoopback(0, db -> accounts)) {
            accounts.createUser(UserSpec.of("ada", "correct horse", Set.of("*")));
            server.defaultCollection().save("welcome", null, Body.fromJson("{\"hello\":\"ada\"}"));
            String stale = newSession(admin.url());
            HttpClient.newHttpClient().send(HttpRequest.newBuilder(admin.url().resolve("/db/_session/" + stale))
                    .DELETE().build(), HttpResponse.BodyHandlers.discarding()); // logged out elsewhere

            WebSocketListenerTransport transport = WebSocketListenerTransport.builder().networkInterface("127.0.0.1")
                    .port(0).upgradeAuthenticator(AccountsAuthenticator.of(accounts)).build();
            AtomicInteger renewals = new AtomicInteger();
            try (Listener listener = new Listener(transport, ListenerConfig.of(server).withDatabaseName("db"))) {
                listener.start();
                ReplicateOnce.run(ReplicatorConfig.builder(client, URI.create("ws://127.0.0.1:" + listener.port()
                                + "/db")).type(ReplicatorType.PULL).socketFactory(new WebSocketClientFactory())
                        .options(OptionsDict.builder().putDict(OptionKeys.AUTH, CredentialsProvider.session(stale))
                                .build())
                        .credentialsProvider((reason, current) -> {
                            if (reason != CredentialsProvider.Reason.UNAUTHORIZED) {
                                return null; // keep the current session
                            }
                            renewals.incrementAndGet();
                            return CredentialsProvider.session(newSession(admin.url()));
                        }).build());
            }
            return "client " + client.defaultCollection().count() + " doc(s), " + renewals + " session renewal(s)";
        }
    }

    /** Sync Gateway's {@code POST /{db}/_session {"name", "ttl"}} on the admin API: the new session's id. */
    static String newSession(URI admin) {
        try {
            HttpRequest post = HttpRequest.newBuilder(admin.resolve("/db/_session"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"ada\",\"ttl\":3600}")).build();
            HttpResponse<String> r = HttpClient.newHttpClient().send(post, HttpResponse.BodyHandlers.ofString());
            return new ObjectMapper().readTree(r.body()).get("session_id").asText();
        } catch (Exception e) {
            throw new IllegalStateException("could not get a session from the admin API", e);
        }
    }
}
