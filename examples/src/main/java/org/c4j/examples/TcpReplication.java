package org.c4j.examples;

import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.c4j.Body;
import org.c4j.Database;
import org.c4j.examples.tcp.TcpListenerTransport;
import org.c4j.examples.tcp.TcpSocketFactory;
import org.c4j.replicator.Listener;
import org.c4j.replicator.ListenerConfig;
import org.c4j.replicator.ReplicatorConfig;
import org.c4j.replicator.ReplicatorType;

/**
 * Example 2: a custom transport plugged into both ends. The listener serves over {@link TcpListenerTransport} and
 * the replicator connects with {@link TcpSocketFactory}: the byte-stream TCP transport of
 * {@code org.c4j.examples.tcp}, which leaves WebSocket framing to the engine. Nothing else changes: the
 * replicator and the listener only see {@code C4Socket}s. Its conformance test is {@code TcpConformanceTest}.
 */
public final class TcpReplication {
    private TcpReplication() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println(run(Files.createTempDirectory("c4j-example"), 100));
    }

    /** Writes {@code count} documents on each side, replicates both ways, returns each side's document count. */
    public static String run(Path dir, int count) throws Exception {
        try (Database server = Database.open(dir.resolve("server"));
             Database client = Database.open(dir.resolve("client"))) {
            for (int i = 0; i < count; i++) {
                server.defaultCollection().save("server-" + i, null, Body.fromJson("{\"n\":" + i + "}"));
                client.defaultCollection().save("client-" + i, null, Body.fromJson("{\"n\":" + i + "}"));
            }
            TcpListenerTransport transport = new TcpListenerTransport(InetAddress.getLoopbackAddress(), 0);
            try (Listener listener = new Listener(transport, ListenerConfig.of(server).withDatabaseName("shared"))) {
                listener.start();
                URI url = URI.create("ws://127.0.0.1:" + listener.port() + "/shared");
                ReplicateOnce.run(ReplicatorConfig.builder(client, url).type(ReplicatorType.PUSH_AND_PULL)
                        .socketFactory(new TcpSocketFactory()).build());
            }
            return "server " + server.defaultCollection().count() + ", client " + client.defaultCollection().count();
        }
    }
}
