package org.c4j;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

import org.c4j.internal.Errors;
import org.c4j.internal.db.ChangeNotifier;
import org.c4j.internal.db.DbFiles;
import org.c4j.internal.db.ExpiryScheduler;
import org.c4j.internal.db.InfoStore;
import org.c4j.internal.db.LocalDocs;
import org.c4j.internal.db.OpenHandles;
import org.c4j.internal.db.WriteScope;
import org.c4j.storage.LmdbStore;
import org.c4j.storage.ReadTxn;
import org.c4j.storage.StoreOptions;

/**
 * A database (LiteCore's C4Database): a directory holding the LMDB files and the blob store
 * ({@code Attachments/}), with collections of documents ({@code _default._default} always exists), local
 * documents, stable public/private UUIDs and observers.
 *
 * <p>Thread-safe. Writes are serialized (one writing thread at a time per database, also across handles on the
 * same directory); reads never wait. A thread's writes inside {@link #inBatch} form one transaction. Observers are
 * called after the commit on the database's serial executor (see {@link DatabaseConfig#withExecutor}); changes
 * made through another handle on the same directory in this process are reported as external.
 */
public final class Database implements AutoCloseable {
    /** Lifecycle; transitions only in {@link #moveTo} (from {@link #close()}). */
    public enum State {
        OPEN, CLOSED;

        boolean canMoveTo(State next) {
            return this == OPEN && next == CLOSED;
        }
    }

    private static final String ATTACHMENTS_DIR = "Attachments";

    private final Path dir;
    private final DatabaseConfig config;
    private final LmdbStore store;
    private final BlobStore blobs;
    private final ScheduledExecutorService executor;
    private final boolean ownExecutor;
    private final ChangeNotifier notifier;
    private final WriteScope writes;
    private final LocalDocs locals;
    private final InfoStore info;
    private final ExpiryScheduler expiry;
    private final Map<CollectionSpec, Collection> collections = new ConcurrentHashMap<>();
    private volatile State state = State.OPEN;

    private Database(Path dir, DatabaseConfig config, LmdbStore store) {
        this.dir = store.directory();
        this.config = config;
        this.store = store;
        this.blobs = new BlobStore(dir.resolve(ATTACHMENTS_DIR), config.clock());
        this.ownExecutor = config.executor() == null;
        this.executor = ownExecutor ? Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "c4j-db-" + dir.getFileName());
            t.setDaemon(true);
            return t;
        }) : config.executor();
        this.notifier = new ChangeNotifier(executor);
        this.writes = new WriteScope(store, this::afterCommit);
        this.locals = new LocalDocs(store, writes);
        this.info = new InfoStore(store);
        this.expiry = new ExpiryScheduler(executor, config.clock(), this::purgeAllExpired);
    }

    /** Opens the database in {@code dir}, creating it (and the directory) if needed. */
    public static Database open(Path dir, DatabaseConfig config) {
        DbFiles.createDirectory(dir);
        LmdbStore store = LmdbStore.open(dir, StoreOptions.defaults().withDurable(config.durable()));
        Database db;
        try {
            db = new Database(dir, config, store);
            db.writes.run((txn, p) -> {
                p.willWrite();
                db.info.initialize(txn, CollectionSpec.DEFAULT.toString());
                return null;
            });
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        OpenHandles.add(db.dir, db.notifier);
        db.expiry.schedule(db.nextExpirationOfAll());
        return db;
    }

    /** Opens with {@link DatabaseConfig#defaults()}. */
    public static Database open(Path dir) {
        return open(dir, DatabaseConfig.defaults());
    }

    /** Deletes a closed database and its directory. BUSY if it is open in this process. */
    public static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        LmdbStore.delete(dir);
        DbFiles.deleteTree(dir);
    }

    /**
     * Copies the database in {@code from} (which may be open) to {@code to} (absent or empty): documents, local
     * documents and blobs. The copy gets new UUIDs, as LiteCore's copies do.
     */
    public static void copy(Path from, Path to, DatabaseConfig config) {
        if (!Files.isDirectory(from)) {
            throw Errors.notFound("no database at " + from);
        }
        try (LmdbStore src = LmdbStore.open(from)) {
            src.copyTo(to);
        }
        DbFiles.copyBlobs(from.resolve(ATTACHMENTS_DIR), to.resolve(ATTACHMENTS_DIR));
        try (Database copy = open(to, config)) {
            copy.writes.run((txn, p) -> {
                p.willWrite();
                copy.info.resetUuids(txn);
                return null;
            });
        }
    }

    /** What runs when {@link #close} begins (see {@link #onClose}). */
    private final List<Runnable> closeActions = new java.util.concurrent.CopyOnWriteArrayList<>();

    public State state() {
        return state;
    }

    /** The database directory (real path). */
    public Path path() {
        return dir;
    }

    public DatabaseConfig config() {
        return config;
    }

    /** Identifies the database to peers (shared with its replicas' checkpoints); stable across opens. */
    public UUID publicUuid() {
        return info.uuid(true);
    }

    /** Identifies this copy of the database; never shared. */
    public UUID privateUuid() {
        return info.uuid(false);
    }

    public BlobStore blobStore() {
        checkOpen();
        return blobs;
    }

    // ---- collections

    public Collection defaultCollection() {
        return collection(CollectionSpec.DEFAULT);
    }

    /** The collection, or null if it doesn't exist. */
    public Collection collection(CollectionSpec spec) {
        checkOpen();
        Collection c = collections.get(spec);
        if (c != null && c.isValid()) {
            return c;
        }
        if (!info.hasCollection(spec.toString())) {
            return null;
        }
        return collections.compute(spec, (k, old) -> old != null && old.isValid() ? old : new Collection(this, k));
    }

    /** The collection, created if needed. */
    public Collection createCollection(CollectionSpec spec) {
        checkOpen();
        writes.run((txn, p) -> {
            if (!info.hasCollection(txn, spec.toString())) {
                p.willWrite();
                info.addCollection(txn, spec.toString());
            }
            return null;
        });
        return collection(spec);
    }

    /**
     * Deletes a collection with all its documents; false if it didn't exist. The default collection can't be
     * deleted (INVALID_PARAMETER). Handles of the deleted collection stop working (NOT_OPEN).
     */
    public boolean deleteCollection(CollectionSpec spec) {
        checkOpen();
        if (spec.isDefault()) {
            throw Errors.invalid("the default collection can't be deleted");
        }
        boolean existed = writes.run((txn, p) -> {
            if (!info.hasCollection(txn, spec.toString())) {
                return false;
            }
            p.willWrite();
            info.removeCollection(txn, spec.toString());
            store.deleteKeyStore(txn, Collection.keyStoreName(spec));
            store.deleteKeyStore(txn, org.c4j.internal.db.PreviousBodies.keyStoreName(spec.toString()));
            return true;
        });
        Collection c = collections.remove(spec);
        if (c != null) {
            c.invalidate();
        }
        return existed;
    }

    /** All collections, sorted by scope then name. */
    public List<CollectionSpec> collectionSpecs() {
        checkOpen();
        List<CollectionSpec> specs = new ArrayList<>();
        for (String s : info.collectionNames()) {
            int dot = s.indexOf('.');
            specs.add(new CollectionSpec(s.substring(0, dot), s.substring(dot + 1)));
        }
        specs.sort((a, b) -> a.scope().equals(b.scope()) ? a.name().compareTo(b.name()) : a.scope().compareTo(b.scope()));
        return Collections.unmodifiableList(specs);
    }

    /** Names of the scopes that have collections. */
    public List<String> scopeNames() {
        return collectionSpecs().stream().map(CollectionSpec::scope).distinct().toList();
    }

    // ---- transactions

    /** Runs {@code work} as one transaction: all its writes commit together, or none if it throws. */
    public void inBatch(Runnable work) {
        inBatch(() -> {
            work.run();
            return null;
        });
    }

    /** Runs {@code work} as one transaction and returns its result. */
    public <T> T inBatch(Supplier<T> work) {
        checkOpen();
        return writes.run((txn, p) -> {
            p.willWrite(); // the caller's work may write through any collection: a failure aborts it all
            return work.get();
        });
    }

    <T> T write(WriteScope.Work<T> work) {
        checkOpen();
        return writes.run(work);
    }

    boolean infoHasCollection(org.c4j.storage.Txn txn, CollectionSpec spec) {
        return info.hasCollection(txn, spec.toString());
    }

    /**
     * Runs a read: inside this thread's write transaction if there is one (so it sees the uncommitted writes),
     * else in a fresh snapshot.
     */
    <T> T read(java.util.function.Function<org.c4j.storage.Txn, T> work) {
        checkOpen();
        org.c4j.storage.Txn txn = writes.currentTxn();
        if (txn != null) {
            return work.apply(txn);
        }
        try (ReadTxn t = store.beginRead()) {
            return work.apply(t);
        }
    }

    LmdbStore store() {
        return store;
    }

    ChangeNotifier notifier() {
        return notifier;
    }

    /**
     * Returns once every write transaction begun before the call has ended (by taking the write lock once, writing
     * nothing); at once inside this thread's own write transaction, where no other can be running. A transaction
     * decides whether to record changes for observers when it writes ({@link #observed}); one that decided before
     * an observer was added has committed when this returns, so the observer's next read sees its writes.
     */
    void awaitEarlierWrites() {
        if (!writes.inTransaction()) {
            store.beginWrite().abort();
        }
    }

    /** True if any handle on this directory observes the collection. */
    boolean observed(CollectionSpec spec) {
        return notifier.hasObservers(spec) || OpenHandles.othersObserve(dir, notifier, spec);
    }

    private void afterCommit(WriteScope.Pending p) {
        p.localChanges().forEach((spec, changes) -> notifier.post(spec, changes, false));
        p.externalChanges().forEach((spec, changes) -> notifier.post(spec, changes, true));
        for (ChangeNotifier other : OpenHandles.others(dir, notifier)) {
            p.localChanges().forEach((spec, changes) -> other.post(spec, changes, true));
            p.externalChanges().forEach((spec, changes) -> other.post(spec, changes, true));
        }
        if (p.earliestExpiration() > 0) {
            expiry.schedule(p.earliestExpiration());
        }
    }

    // ---- expiration

    private long nextExpirationOfAll() {
        long next = 0;
        for (CollectionSpec spec : collectionSpecs()) {
            Collection c = collection(spec);
            long t = c == null ? 0 : c.nextExpiration();
            if (t > 0 && (next == 0 || t < next)) {
                next = t;
            }
        }
        return next;
    }

    /** Purges expired documents in every collection; returns the next expiration (0 if none). */
    private long purgeAllExpired() {
        if (state != State.OPEN) {
            return 0;
        }
        for (CollectionSpec spec : collectionSpecs()) {
            Collection c = collection(spec);
            if (c != null) {
                c.purgeExpired();
            }
        }
        return nextExpirationOfAll();
    }

    // ---- remote peers

    /**
     * The small integer naming a remote peer (by its address, e.g. a replication URL) in revision trees'
     * remote markers; assigned on first use, stable afterwards.
     */
    public int remoteId(String remoteAddress) {
        checkOpen();
        Integer known = info.remoteId(remoteAddress);
        if (known != null) {
            return known;
        }
        return writes.run((txn, p) -> {
            p.willWrite();
            return info.assignRemoteId(txn, remoteAddress);
        });
    }

    // ---- local documents

    /** A local document, or null. */
    public LocalDocument getLocalDocument(String id) {
        checkOpen();
        return locals.get(id);
    }

    /** Stores a local document (JSON object text; {@code meta} may be null). */
    public void putLocalDocument(String id, String meta, String json) {
        checkOpen();
        locals.put(id, meta, id == null || id.isEmpty() ? null : Body.fromJson(json).bytes());
    }

    /** Deletes a local document; false if there was none. */
    public boolean deleteLocalDocument(String id) {
        checkOpen();
        return locals.delete(id);
    }

    // ---- maintenance

    /**
     * Deletes blobs no revision of any document references, and previous bodies kept for delta sync that are past
     * their age bound; returns how many blobs were deleted.
     */
    public int compact() {
        checkOpen();
        return writes.run((txn, p) -> {
            java.util.Set<BlobKey> used = new java.util.HashSet<>();
            for (CollectionSpec spec : collectionSpecs()) {
                Collection c = collection(spec);
                if (c != null) {
                    c.collectBlobKeys(txn, used);
                    c.prunePreviousBodies(txn, config.clock().millis());
                }
            }
            return blobs.deleteAllExcept(used);
        });
    }

    private void checkOpen() {
        if (state != State.OPEN) {
            throw Errors.notOpen("database is closed");
        }
    }

    /**
     * Runs {@code action} when {@link #close} begins, before anything is closed, as Couchbase Lite stops a
     * database's replicators and listeners first: the replicator module registers each running replicator and
     * listener here, and its action stops it and waits for it. Actions run newest first, on the closing thread,
     * outside any lock of the database (they may wait for threads that still use it); one that throws is logged and
     * the others still run. Thread-safe.
     *
     * @return removes the action (a stopped replicator removes its own)
     */
    public ListenerToken onClose(Runnable action) {
        java.util.Objects.requireNonNull(action, "action");
        Runnable once = new Runnable() {
            @Override
            public void run() {
                action.run();
            }
        };
        closeActions.add(once);
        return () -> closeActions.remove(once);
    }

    /**
     * Closes this handle: first the {@linkplain #onClose close actions} (its replicators and listeners stop), then
     * the handle. TRANSACTION_NOT_CLOSED if a transaction of this handle is still open. Idempotent. Queued observer
     * callbacks still run unless the executor is the database's own and is shut down first.
     */
    @Override
    public void close() {
        if (state == State.CLOSED) {
            return;
        }
        List<Runnable> actions = new ArrayList<>(closeActions);
        Collections.reverse(actions);
        for (Runnable a : actions) {
            try {
                a.run();
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(Database.class).warn("a close action of {} failed", dir, e);
            }
        }
        closeHandle();
    }

    private synchronized void closeHandle() {
        if (state == State.CLOSED) {
            return;
        }
        if (writes.inTransaction()) {
            throw Errors.of(org.c4j.socket.ErrorCodes.LiteCore.TRANSACTION_NOT_CLOSED, "close inside inBatch");
        }
        store.close();
        moveTo(State.CLOSED);
        expiry.cancel();
        OpenHandles.remove(dir, notifier);
        collections.values().forEach(Collection::invalidate);
        if (ownExecutor) {
            executor.shutdown();
        }
    }

    @Override
    public String toString() {
        return "Database{" + dir + ", " + state + "}";
    }

    private void moveTo(State next) {
        if (!state.canMoveTo(next)) {
            throw new IllegalStateException("Database: bad transition " + state + " -> " + next);
        }
        state = next;
    }
}
