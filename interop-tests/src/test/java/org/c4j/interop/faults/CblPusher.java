package org.c4j.interop.faults;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import com.couchbase.lite.CouchbaseLiteException;
import com.couchbase.lite.Database;
import com.couchbase.lite.DatabaseConfiguration;
import com.couchbase.lite.Document;
import com.couchbase.lite.MutableDocument;
import com.couchbase.lite.Replicator;
import com.couchbase.lite.ReplicatorActivityLevel;
import com.couchbase.lite.ReplicatorConfiguration;
import com.couchbase.lite.ReplicatorType;
import com.couchbase.lite.URLEndpoint;
import org.c4j.interop.RealCbl;

/**
 * A real Couchbase Lite 3.0 client for the fault tests: a database whose writer thread saves a new document
 * ({@code cbl-NNNNN}, never updated, so a document ID names one revision) every few milliseconds, and a continuous
 * push replicator retrying every second. Each successful per-document push event (CBL reports it after the
 * listener's reply to {@code rev}) is passed on as (document ID, revision ID). Thread-safe.
 */
final class CblPusher implements AutoCloseable {
    private final Database db;
    private final Replicator replicator;
    private final Thread writer;
    private final AtomicBoolean done = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private volatile int saved;

    CblPusher(Path dir, URI url, Consumer<String[]> acknowledged) throws CouchbaseLiteException {
        RealCbl.init();
        db = new Database("cbl", new DatabaseConfiguration().setDirectory(dir.toString()));
        ReplicatorConfiguration config = new ReplicatorConfiguration(db, new URLEndpoint(url))
                .setType(ReplicatorType.PUSH).setContinuous(true).setMaxAttemptWaitTime(1);
        replicator = new Replicator(config);
        replicator.addDocumentReplicationListener(r -> r.getDocuments().forEach(d -> {
            if (d.getError() == null) {
                Document doc = db.getDocument(d.getID());
                if (doc != null) {
                    acknowledged.accept(new String[] {d.getID(), doc.getRevisionID()});
                }
            } else if (!isTransient(d.getError())) {
                failures.add(d.getID() + ": " + d.getError());
            }
        }));
        writer = new Thread(this::write, "cbl-writer");
        writer.setDaemon(true);
    }

    /**
     * Everything but an HTTP 4xx refusal (CBL's codes 10000 + status) other than 408/429: network and WebSocket
     * errors of a killed connection leave the document pending, pushed after the reconnection.
     */
    private static boolean isTransient(CouchbaseLiteException e) {
        int status = e.getCode() - 10_000;
        return status < 400 || status >= 500 || status == 408 || status == 429;
    }

    void start() {
        writer.start();
        replicator.start();
    }

    private void write() {
        int next = 0;
        while (!done.get()) {
            try {
                String id = String.format("cbl-%05d", next++);
                db.save(new MutableDocument(id).setData(Map.of("n", id, "from", "cbl")));
                saved++;
                Thread.sleep(15);
            } catch (InterruptedException e) {
                return;
            } catch (CouchbaseLiteException e) {
                failures.add("saving: " + e);
                return;
            }
        }
    }

    int saved() {
        return saved;
    }

    /** Documents whose push failed for good, and failed saves. */
    List<String> failures() {
        return failures;
    }

    void stopWriting() throws InterruptedException {
        done.set(true);
        writer.join(TimeUnit.SECONDS.toMillis(30));
    }

    /** (document ID, revision ID) of every document saved. */
    List<String[]> currentRevisions() {
        List<String[]> out = new java.util.ArrayList<>();
        for (int i = 0; i < saved; i++) {
            String id = String.format("cbl-%05d", i);
            Document d = db.getDocument(id);
            out.add(new String[] {id, d.getRevisionID()});
        }
        return out;
    }

    /** Waits (bounded) until the replicator is idle with nothing pending. */
    void awaitCaughtUp(long seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        Set<String> pending = Set.of();
        while (System.nanoTime() < deadline) {
            pending = replicator.getPendingDocumentIds();
            if (pending.isEmpty() && replicator.getStatus().getActivityLevel() == ReplicatorActivityLevel.IDLE) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("CBL: " + pending.size() + " documents still pending: " + pending + "; status "
                + replicator.getStatus());
    }

    boolean stoppedForGood() {
        return replicator.getStatus().getActivityLevel() == ReplicatorActivityLevel.STOPPED;
    }

    @Override
    public void close() throws Exception {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        done.set(true);
        replicator.stop();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (replicator.getStatus().getActivityLevel() != ReplicatorActivityLevel.STOPPED
                && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        writer.join(TimeUnit.SECONDS.toMillis(30));
        db.close();
    }
}
