package org.c4j.interop.faults;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import com.couchbase.lite.CouchbaseLiteException;
import com.couchbase.lite.DatabaseConfiguration;
import com.couchbase.lite.MutableDocument;
import com.couchbase.lite.ReplicatedDocument;
import com.couchbase.lite.ReplicatorActivityLevel;
import com.couchbase.lite.ReplicatorConfiguration;
import com.couchbase.lite.ReplicatorStatus;
import com.couchbase.lite.ReplicatorType;
import com.couchbase.lite.URLEndpoint;
import org.c4j.Body;
import org.c4j.Database;
import org.c4j.LocalDocument;
import org.c4j.interop.RealCbl;
import org.c4j.replicator.Listener;
import org.c4j.replicator.ListenerConfig;
import org.c4j.ws.WebSocketListenerTransport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real Couchbase Lite 3.0 pull-only client against a read-only c4j listener (ws, 127.0.0.1). Asserted: the first
 * pull gets every document; its checkpoint is stored on the listener (a read-only listener accepts
 * {@code setCheckpoint}, as LiteCore's does for pull-only clients); a second pull resumes from that checkpoint — a
 * document purged on the client in between is not pulled again, which it would be if the client had started over
 * (Couchbase Lite starts from scratch when the listener's checkpoint does not match its own) — and pulls nothing;
 * a push from the same client is refused with HTTP 403 and nothing reaches the listener's database.
 */
class CblReadOnlyListenerTest {
    private static final int DOCS = 120;

    @TempDir
    Path tmp;

    record Run(ReplicatorStatus status, List<ReplicatedDocument> documents) { }

    @Test
    void pullOnlyClientKeepsItsCheckpointOnAReadOnlyListenerAndCannotPush() throws Exception {
        RealCbl.init();
        try (Database server = Database.open(tmp.resolve("server"))) {
            server.inBatch(() -> {
                for (int i = 0; i < DOCS; i++) {
                    server.defaultCollection().save(String.format("doc-%03d", i), null,
                            Body.fromMap(Map.of("i", i)));
                }
            });
            WebSocketListenerTransport transport = WebSocketListenerTransport.builder().disableTls()
                    .networkInterface("127.0.0.1").port(0).build();
            try (Listener listener = new Listener(transport,
                    ListenerConfig.of(server).withDatabaseName("db").withReadOnly(true))) {
                listener.start();
                URI url = URI.create("ws://127.0.0.1:" + listener.port() + "/db");
                com.couchbase.lite.Database cbl = new com.couchbase.lite.Database("client",
                        new DatabaseConfiguration().setDirectory(tmp.resolve("cbl").toString()));
                try {
                    Run first = run(cbl, url, ReplicatorType.PULL);
                    assertNull(first.status().getError(), () -> "first pull failed: " + first.status());
                    assertEquals(DOCS, cbl.getCount(), "documents pulled");
                    assertEquals(DOCS, first.documents().size(), "document events of the first pull");
                    LocalDocument count = server.getLocalDocument("peerCheckpointCount");
                    assertNotNull(count, "the listener stored no peer checkpoint");
                    assertEquals(1L, ((Number) Body.fromJson(count.json()).toMap().get("count")).longValue());

                    cbl.purge("doc-007");
                    Run second = run(cbl, url, ReplicatorType.PULL);
                    assertNull(second.status().getError(), () -> "second pull failed: " + second.status());
                    assertEquals(List.of(), second.documents(), "the second pull pulled again");
                    assertNull(cbl.getDocument("doc-007"),
                            "the purged document came back: the client started over instead of resuming");
                    assertEquals(DOCS - 1, cbl.getCount());

                    cbl.save(new MutableDocument("from-cbl").setData(Map.of("pushed", true)));
                    Run push = run(cbl, url, ReplicatorType.PUSH);
                    System.out.println("[read-only] push attempt ended: " + push.status() + "; documents "
                            + push.documents());
                    CouchbaseLiteException error = push.status().getError() != null ? push.status().getError()
                            : push.documents().stream().map(ReplicatedDocument::getError)
                            .filter(java.util.Objects::nonNull).findFirst().orElse(null);
                    assertNotNull(error, "the push to a read-only listener reported no error");
                    assertEquals(10_403, error.getCode(), () -> "not HTTP 403: " + error);
                    assertNull(server.defaultCollection().get("from-cbl"), "a push reached a read-only listener");
                    assertTrue(listener.state() == Listener.State.RUNNING);
                } finally {
                    cbl.close();
                }
            }
        }
    }

    /** Runs a one-shot replication of {@code type} to its end; the document events it reported. */
    private static Run run(com.couchbase.lite.Database db, URI url, ReplicatorType type) throws Exception {
        com.couchbase.lite.Replicator r = new com.couchbase.lite.Replicator(
                new ReplicatorConfiguration(db, new URLEndpoint(url)).setType(type).setContinuous(false));
        List<ReplicatedDocument> docs = new CopyOnWriteArrayList<>();
        r.addDocumentReplicationListener(change -> docs.addAll(change.getDocuments()));
        CompletableFuture<ReplicatorStatus> stopped = new CompletableFuture<>();
        r.addChangeListener(change -> {
            if (change.getStatus().getActivityLevel() == ReplicatorActivityLevel.STOPPED) {
                stopped.complete(change.getStatus());
            }
        });
        r.start();
        return new Run(stopped.get(120, TimeUnit.SECONDS), docs);
    }
}
