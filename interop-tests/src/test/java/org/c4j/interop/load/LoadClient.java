package org.c4j.interop.load;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One client of the load scenario: its own database, one continuous replicator to the listener, and a writer that
 * saves documents {@code <name>-<n>} (every fifth save updates one of its own earlier documents instead, so updates
 * travel too). Subclasses are the real Couchbase Lite 3.0 client and the c4j client.
 *
 * <p>Thread-safe: {@link #saveNext()} is called by one writer task at a time, the checks by the driver thread, and the
 * error list is filled by replicator callbacks.
 */
abstract class LoadClient implements AutoCloseable {
    /** Which way the client replicates. */
    enum Mode {
        PUSH(true, false), PULL(false, true), PUSH_AND_PULL(true, true);

        final boolean pushes;
        final boolean pulls;

        Mode(boolean pushes, boolean pulls) {
            this.pushes = pushes;
            this.pulls = pulls;
        }
    }

    /** Every fifth save updates an earlier document of this client instead of creating one. */
    private static final int UPDATE_EVERY = 5;

    final String name;
    final Mode mode;
    /** Errors its replicator reported (status or document), described. */
    final List<String> errors = new CopyOnWriteArrayList<>();
    /** IDs of the documents this client created, in order; written only by the writer task. */
    private final List<String> created = new CopyOnWriteArrayList<>();
    private volatile int saves; // written by the writer task only
    /** Revisions its replicator reported pushed and pulled without error. */
    final AtomicLong pushed = new AtomicLong();
    final AtomicLong pulled = new AtomicLong();

    LoadClient(String name, Mode mode) {
        this.name = name;
        this.mode = mode;
    }

    /** Opens the replication to {@code url}; returns at once (the replicator connects in the background). */
    abstract void start(URI url) throws Exception;

    /** True once the replicator is connected and idle (caught up) with no error. */
    abstract boolean idle();

    /** Connections the replicator made (1 unless it reconnected); -1 if the client cannot tell. */
    abstract int connections();

    /** Saves {@code body} as the next revision of {@code docId}. */
    abstract void save(String docId, Map<String, Object> body) throws Exception;

    /** Live documents in the client's database. */
    abstract long count();

    /** The current revision ID of {@code docId}, or null if the client lacks it. */
    abstract String revId(String docId);

    /** Stops the replicator and waits until it has stopped. */
    abstract void stop() throws Exception;

    /** One step of the writer: a new document, or every fifth time an update of an earlier own document. */
    final void saveNext() throws Exception {
        int n = saves++;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("client", name);
        body.put("save", n);
        body.put("text", "load test document " + n + " of " + name + " / " + Long.toHexString(System.nanoTime()));
        if (n % UPDATE_EVERY == UPDATE_EVERY - 1 && !created.isEmpty()) {
            save(created.get((n / UPDATE_EVERY) % created.size()), body);
        } else {
            String id = name + "-" + n;
            save(id, body);
            created.add(id);
        }
    }

    /** The documents this client created so far (a copy). */
    final List<String> created() {
        return new ArrayList<>(created);
    }

    /** Saves (creations and updates) so far. */
    final int saves() {
        return saves;
    }

    /** Records a revision the replicator reported transferred without error. */
    final void transferred(boolean push) {
        (push ? pushed : pulled).incrementAndGet();
    }

    /** Records a replication error reported by the replicator. */
    final void error(String what) {
        errors.add(name + ": " + what);
    }

    @Override
    public String toString() {
        return name + " (" + mode + ")";
    }
}
