package org.c4j.interop.faults;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.c4j.Body;
import org.c4j.Database;
import org.c4j.Document;
import org.c4j.replicator.Listener;
import org.c4j.replicator.ListenerConfig;
import org.c4j.replicator.Replicator;
import org.c4j.replicator.ReplicatorActivity;
import org.c4j.replicator.ReplicatorConfig;
import org.c4j.replicator.ReplicatorType;
import org.c4j.ws.WebSocketClientFactory;
import org.c4j.ws.WebSocketListenerTransport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The client side of issue 9's lifecycle rule, over real sockets with real LMDB databases: a c4j client pulls
 * continuously from a listener whose database keeps getting new documents, and the client's database is closed while
 * pulled revisions are being inserted. Asserted: {@code Database.close()} returns without error (it first stops the
 * replicator, which reports STOPPED only once its inserts are committed); the replicator is STOPPED; reopened, the
 * client database holds every revision the replicator reported pulled.
 */
class ClientCloseTest {
    private static final long WAIT_SECONDS = 60;

    record Rev(String docId, String revId) { }

    @TempDir
    Path tmp;

    @Test
    void closingAClientDatabaseMidPullLosesNoPulledRevision() throws Exception {
        long seed = new Random().nextLong();
        System.out.println("ClientCloseTest seed " + seed);
        Random rnd = new Random(seed);
        Set<Rev> pulled = ConcurrentHashMap.newKeySet();
        try (Database server = Database.open(tmp.resolve("server"))) {
            AtomicBoolean done = new AtomicBoolean();
            Thread writer = new Thread(() -> {
                for (int n = 0; !done.get(); n++) {
                    int batch = n;
                    server.inBatch(() -> {
                        for (int i = 0; i < 5; i++) {
                            server.defaultCollection().save("s-" + batch + "-" + i, null,
                                    Body.fromMap(Map.of("n", batch, "i", i)));
                        }
                    });
                    try {
                        Thread.sleep(2);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "server-writer");
            writer.setDaemon(true);
            writer.start();
            WebSocketListenerTransport transport = WebSocketListenerTransport.builder().disableTls()
                    .networkInterface("127.0.0.1").port(0).build();
            try (Listener listener = new Listener(transport, ListenerConfig.of(server).withDatabaseName("db"))) {
                listener.start();
                Path clientDir = tmp.resolve("client");
                Database client = Database.open(clientDir);
                Replicator replicator = new Replicator(ReplicatorConfig.builder(client,
                                URI.create("ws://127.0.0.1:" + listener.port() + "/db")).type(ReplicatorType.PULL)
                        .continuous(true).socketFactory(new WebSocketClientFactory()).build());
                CompletableFuture<Void> stopped = new CompletableFuture<>();
                replicator.addChangeListener(s -> {
                    if (s.activity() == ReplicatorActivity.STOPPED) {
                        stopped.complete(null);
                    }
                });
                replicator.addDocumentListener(d -> {
                    if (d.error() == null && !d.pushed()) {
                        pulled.add(new Rev(d.docId(), d.revId()));
                    }
                });
                replicator.start();
                int target = 200 + rnd.nextInt(800);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
                while (pulled.size() < target && System.nanoTime() < deadline) {
                    Thread.sleep(2);
                }
                assertTrue(pulled.size() >= target, "only " + pulled.size() + " pulled");
                client.close(); // throws if anything of the replicator still had a transaction open
                stopped.get(WAIT_SECONDS, TimeUnit.SECONDS);
                assertEquals(ReplicatorActivity.STOPPED, replicator.status().activity());
                done.set(true);
                writer.join();
                List<Rev> snapshot = new ArrayList<>(pulled);
                List<Rev> missing = new ArrayList<>();
                try (Database reopened = Database.open(clientDir)) {
                    for (Rev r : snapshot) {
                        Document d = reopened.defaultCollection().get(r.docId());
                        if (d == null || d.revision(r.revId()) == null) {
                            missing.add(r);
                        }
                    }
                }
                System.out.printf("[client-close] closed after %d pulled (target %d): %d reported in all, all"
                        + " stored: %b%n", target, target, snapshot.size(), missing.isEmpty());
                assertEquals(List.of(), missing, "pulled revisions missing after the close");
            } finally {
                done.set(true);
            }
        }
    }
}
