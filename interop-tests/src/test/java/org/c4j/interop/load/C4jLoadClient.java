package org.c4j.interop.load;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.c4j.Body;
import org.c4j.Collection;
import org.c4j.Database;
import org.c4j.Document;
import org.c4j.replicator.Replicator;
import org.c4j.replicator.ReplicatorActivity;
import org.c4j.replicator.ReplicatorConfig;
import org.c4j.replicator.ReplicatorStatus;
import org.c4j.replicator.ReplicatorType;
import org.c4j.socket.OptionKeys;
import org.c4j.socket.OptionsDict;
import org.c4j.ws.WebSocketClientFactory;

/**
 * A c4j client of the load scenario: a c4j {@link Database} (real LMDB, durable) and a continuous c4j
 * {@link Replicator} over the ws transport. Every status carrying an error and every document error is recorded.
 * Thread-safe.
 */
final class C4jLoadClient extends LoadClient {
    /** Stopping never needs nearly this long; the bound only keeps a hang from stalling the run. */
    private static final long STOP_TIMEOUT_SECONDS = 60;

    private final Database db;
    private final WebSocketClientFactory sockets;
    private final byte[] pinnedCert;
    private volatile Replicator replicator;

    /**
     * @param sockets    the transport (shared by the c4j clients, on the scenario's own named threads)
     * @param pinnedCert the listener's certificate (DER) for wss, or null for ws
     */
    C4jLoadClient(String name, Mode mode, Path dir, WebSocketClientFactory sockets, byte[] pinnedCert) {
        super(name, mode);
        this.db = Database.open(dir);
        this.sockets = sockets;
        this.pinnedCert = pinnedCert;
    }

    @Override
    void start(URI url) {
        OptionsDict options = pinnedCert == null ? OptionsDict.EMPTY
                : OptionsDict.builder().put(OptionKeys.PINNED_CERT, pinnedCert).build();
        ReplicatorType type = switch (mode) {
            case PUSH -> ReplicatorType.PUSH;
            case PULL -> ReplicatorType.PULL;
            case PUSH_AND_PULL -> ReplicatorType.PUSH_AND_PULL;
        };
        Replicator r = new Replicator(ReplicatorConfig.builder(db, url).type(type).continuous(true)
                .options(options).socketFactory(sockets).build());
        r.addChangeListener(s -> {
            if (s.error() != null) {
                error("status " + s.activity() + ": " + s.error());
            }
        });
        r.addDocumentListener(d -> {
            if (d.error() != null) {
                error((d.pushed() ? "push " : "pull ") + d.docId() + ": " + d.error());
            } else {
                transferred(d.pushed());
            }
        });
        replicator = r;
        r.start();
    }

    @Override
    boolean idle() {
        Replicator r = replicator;
        ReplicatorStatus s = r == null ? null : r.status();
        return s != null && s.activity() == ReplicatorActivity.IDLE && s.error() == null;
    }

    /** The replicator's status, for diagnostics. */
    String status() {
        Replicator r = replicator;
        return r == null ? "not started" : r.status().toString();
    }

    @Override
    int connections() {
        Replicator r = replicator;
        return r == null ? 0 : r.connectionCount();
    }

    @Override
    void save(String docId, Map<String, Object> body) {
        Collection c = db.defaultCollection();
        Document current = c.get(docId);
        c.save(docId, current == null || current.isDeleted() ? null : current.revId(), Body.fromMap(body));
    }

    @Override
    long count() {
        return db.defaultCollection().count();
    }

    @Override
    String revId(String docId) {
        Document d = db.defaultCollection().get(docId);
        return d == null || d.isDeleted() ? null : d.revId();
    }

    @Override
    void stop() throws Exception {
        Replicator r = replicator;
        if (r == null || r.status().activity() == ReplicatorActivity.STOPPED) {
            return;
        }
        CompletableFuture<ReplicatorStatus> stopped = new CompletableFuture<>();
        r.addChangeListener(s -> {
            if (s.activity() == ReplicatorActivity.STOPPED) {
                stopped.complete(s);
            }
        });
        r.stop();
        if (r.status().activity() != ReplicatorActivity.STOPPED) {
            stopped.get(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() throws Exception {
        stop();
        db.close();
    }
}
