package org.c4j.examples;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.c4j.Body;
import org.c4j.Database;
import org.c4j.replicator.Listener;
import org.c4j.replicator.ListenerConfig;
import org.c4j.replicator.ReplicatorConfig;
import org.c4j.replicator.ReplicatorType;
import org.c4j.ws.WebSocketClientFactory;
import org.c4j.ws.WebSocketListenerTransport;

/**
 * Example 1: embed two databases in one JVM, serve one with a listener, and replicate the other with it (push and
 * pull, one shot) over a real ws connection on 127.0.0.1. Run it: {@code main} prints {@code server 2, client 2}.
 */
public final class EmbeddedSync {
    private EmbeddedSync() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println(run(Files.createTempDirectory("c4j-example")));
    }

    /** Replicates and returns how many documents each side has afterwards, e.g. {@code "server 2, client 2"}. */
    public static String run(Path dir) throws Exception {
        try (Database server = Database.open(dir.resolve("server"));
             Database client = Database.open(dir.resolve("client"))) {
            server.defaultCollection().save("from-server", null, Body.fromJson("{\"greeting\":\"hello\"}"));
            client.defaultCollection().save("from-client", null, Body.fromJson("{\"greeting\":\"hi\"}"));

            WebSocketListenerTransport transport = WebSocketListenerTransport.builder().disableTls()
                    .networkInterface("127.0.0.1").port(0).build();
            try (Listener listener = new Listener(transport, ListenerConfig.of(server).withDatabaseName("shared"))) {
                listener.start();
                URI url = URI.create("ws://127.0.0.1:" + listener.port() + "/shared");
                ReplicatorConfig config = ReplicatorConfig.builder(client, url).type(ReplicatorType.PUSH_AND_PULL)
                        .socketFactory(new WebSocketClientFactory()).build();
                ReplicateOnce.run(config);
            }
            return "server " + server.defaultCollection().count() + ", client " + client.defaultCollection().count();
        }
    }
}
