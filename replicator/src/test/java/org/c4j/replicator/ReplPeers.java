package org.c4j.replicator;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

import org.c4j.Body;
import org.c4j.Change;
import org.c4j.ChangesOptions;
import org.c4j.Collection;
import org.c4j.Database;
import org.c4j.Document;
import org.c4j.socket.testkit.LoopbackConfig;
import org.c4j.socket.testkit.LoopbackSocketFactory;

/**
 * Two c4j databases for end-to-end tests: {@code local} replicates actively with {@code remote}, which a
 * {@link Listener} serves over loopback connections.
 */
public final class ReplPeers implements AutoCloseable {
    final Database local;
    final Database remote;
    final LoopbackListenerTransport transport = new LoopbackListenerTransport();
    final Listener listener;
    final FastScheduler scheduler = new FastScheduler();
    private final List<Replicator> replicators = new ArrayList<>();
    LoopbackConfig loopback = LoopbackConfig.defaults();
    LoopbackSocketFactory lastFactory;

    ReplPeers(Path dir) {
        this(dir, UnaryOperator.identity());
    }

    ReplPeers(Path dir, UnaryOperator<ListenerConfig> listenerConfig) {
        local = Database.open(dir.resolve("local"));
        remote = Database.open(dir.resolve("remote"));
        listener = new Listener(transport, listenerConfig.apply(ListenerConfig.of(remote).withDatabaseName("db")));
        listener.start();
    }

    /** A replicator builder for local -> ws://loopback:4984/db with the loopback transport. */
    ReplicatorConfig.Builder config(ReplicatorType type) {
        lastFactory = transport.factory(loopback);
        return ReplicatorConfig.builder(local, URI.create("ws://loopback:4984/db")).type(type)
                .socketFactory(lastFactory).scheduler(scheduler);
    }

    Replicator replicator(ReplicatorConfig config) {
        Replicator r = new Replicator(config);
        replicators.add(r);
        return r;
    }

    /** Runs a one-shot replication to its end and returns its last status. */
    ReplicatorStatus runOnce(ReplicatorConfig config) {
        Replicator r = replicator(config);
        r.start();
        return ReplTestSupport.awaitStopped(r);
    }

    static void put(Database db, String id, String json) {
        Collection c = db.defaultCollection();
        Document d = c.get(id);
        c.save(id, d == null || d.isDeleted() ? null : d.revId(), Body.fromJson(json));
    }

    /** docID -> "revID deleted? body" for every document, tombstones included. */
    static Map<String, String> snapshot(Database db) {
        return snapshot(db.defaultCollection());
    }

    static Map<String, String> snapshot(Collection c) {
        Map<String, String> out = new TreeMap<>();
        String after = null;
        List<Change> batch;
        do {
            batch = c.allDocuments(after, ChangesOptions.DEFAULT);
            for (Change ch : batch) {
                Document d = c.get(ch.docId());
                out.put(ch.docId(), d.revId() + (d.isDeleted() ? " deleted" : " " + d.body().toJson()));
                after = ch.docId();
            }
        } while (!batch.isEmpty());
        return out;
    }

    @Override
    public void close() {
        for (Replicator r : replicators) {
            r.stop();
            ReplTestSupport.awaitStopped(r);
        }
        listener.stop();
        scheduler.shutdownNow();
        local.close();
        remote.close();
    }
}
