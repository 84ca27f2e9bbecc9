package org.c4j.interop.load;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.couchbase.lite.Database;
import com.couchbase.lite.DatabaseConfiguration;
import com.couchbase.lite.Document;
import com.couchbase.lite.MutableDocument;
import com.couchbase.lite.ReplicatedDocument;
import com.couchbase.lite.Replicator;
import com.couchbase.lite.ReplicatorActivityLevel;
import com.couchbase.lite.ReplicatorConfiguration;
import com.couchbase.lite.ReplicatorStatus;
import com.couchbase.lite.ReplicatorType;
import com.couchbase.lite.URLEndpoint;
import org.c4j.interop.RealCbl;

/**
 * A real Couchbase Lite 3.0.0 client of the load scenario: its own CBL database and a continuous CBL
 * {@link Replicator}. Every status carrying an error and every document error is recorded. Thread-safe as far as
 * Couchbase Lite is.
 */
final class CblLoadClient extends LoadClient {
    /** Stopping never needs nearly this long; the bound only keeps a hang from stalling the run. */
    private static final long STOP_TIMEOUT_SECONDS = 60;

    private final Database db;
    private final byte[] pinnedCert;
    private volatile Replicator replicator;

    /** @param pinnedCert the listener's certificate (DER) for wss, or null for ws */
    CblLoadClient(String name, Mode mode, Path dir, byte[] pinnedCert) throws Exception {
        super(name, mode);
        RealCbl.init();
        this.db = new Database(name, new DatabaseConfiguration().setDirectory(dir.toString()));
        this.pinnedCert = pinnedCert;
    }

    @Override
    void start(URI url) {
        ReplicatorType type = switch (mode) {
            case PUSH -> ReplicatorType.PUSH;
            case PULL -> ReplicatorType.PULL;
            case PUSH_AND_PULL -> ReplicatorType.PUSH_AND_PULL;
        };
        ReplicatorConfiguration config = new ReplicatorConfiguration(db, new URLEndpoint(url)).setType(type)
                .setContinuous(true);
        if (pinnedCert != null) {
            config.setPinnedServerCertificate(pinnedCert);
        }
        Replicator r = new Replicator(config);
        r.addChangeListener(change -> {
            ReplicatorStatus s = change.getStatus();
            if (s.getError() != null) {
                error("status " + s.getActivityLevel() + ": " + s.getError());
            }
        });
        r.addDocumentReplicationListener(change -> {
            for (ReplicatedDocument d : change.getDocuments()) {
                if (d.getError() != null) {
                    error((change.isPush() ? "push " : "pull ") + d.getID() + ": " + d.getError());
                } else {
                    transferred(change.isPush());
                }
            }
        });
        replicator = r;
        r.start();
    }

    @Override
    boolean idle() {
        Replicator r = replicator;
        if (r == null) {
            return false;
        }
        ReplicatorStatus s = r.getStatus();
        return s.getActivityLevel() == ReplicatorActivityLevel.IDLE && s.getError() == null;
    }

    @Override
    int connections() {
        return -1;
    }

    @Override
    void save(String docId, Map<String, Object> body) throws Exception {
        Document current = db.getDocument(docId);
        MutableDocument doc = current == null ? new MutableDocument(docId) : current.toMutable();
        db.save(doc.setData(body));
    }

    @Override
    long count() {
        return db.getCount();
    }

    @Override
    String revId(String docId) {
        Document d = db.getDocument(docId);
        return d == null ? null : d.getRevisionID();
    }

    @Override
    void stop() throws Exception {
        Replicator r = replicator;
        if (r == null || r.getStatus().getActivityLevel() == ReplicatorActivityLevel.STOPPED) {
            return;
        }
        CompletableFuture<ReplicatorStatus> stopped = new CompletableFuture<>();
        r.addChangeListener(change -> {
            if (change.getStatus().getActivityLevel() == ReplicatorActivityLevel.STOPPED) {
                stopped.complete(change.getStatus());
            }
        });
        r.stop();
        if (r.getStatus().getActivityLevel() != ReplicatorActivityLevel.STOPPED) {
            stopped.get(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() throws Exception {
        stop();
        db.close();
    }
}
