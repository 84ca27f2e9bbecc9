package org.c4j.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.c4j.socket.C4Exception;
import org.c4j.socket.ErrorCodes.LiteCore;
import org.c4j.socket.ErrorDomain;
import org.c4j.storage.internal.LmdbErrors;
import org.c4j.storage.internal.MappedBufferProxy;
import org.c4j.storage.internal.ReaderGate;
import org.c4j.storage.internal.Scratch;
import org.c4j.storage.internal.StoreErrors;
import org.c4j.storage.internal.Tuning;
import org.lmdbjava.Cursor;
import org.lmdbjava.Dbi;
import org.lmdbjava.DbiFlags;
import org.lmdbjava.Env;
import org.lmdbjava.EnvFlags;
import org.lmdbjava.EnvInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one LMDB environment of a database directory, shared by every {@link LmdbStore} handle opened on that
 * directory in this process (LMDB forbids opening an environment twice in one process). Owns the five named
 * databases, the writer lock, the reader gate used for map growth, and the {@link KeyStore} handles.
 * Thread-safe. Single process: another process must not write the same directory.
 */
final class SharedEnv {
    /** Lifecycle; transitions only in {@link #moveTo} (from {@link #release}). */
    enum State {
        OPEN, CLOSED;

        boolean canMoveTo(State next) {
            return this == OPEN && next == CLOSED;
        }
    }

    /** On-disk format of this layer, stored in the info database; bump on incompatible change. */
    static final int FORMAT = 1;

    private static final Logger LOG = LoggerFactory.getLogger(SharedEnv.class);
    private static final Map<Path, SharedEnv> OPEN_ENVS = new HashMap<>();
    private static final byte[] FORMAT_KEY = "format".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NEXT_ID_KEY = "nextStoreId".getBytes(StandardCharsets.US_ASCII);

    final Path dir;
    final Env<ByteBuffer> env;
    final Dbi<ByteBuffer> info;
    final Dbi<ByteBuffer> stores;
    final Dbi<ByteBuffer> records;
    final Dbi<ByteBuffer> sequences;
    final Dbi<ByteBuffer> expiry;
    private final StoreOptions options;
    private final long pageSize;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final ReaderGate gate = new ReaderGate();
    private final Map<String, KeyStore> keyStores = new ConcurrentHashMap<>();
    /** Snapshot at open: a store unknown so far is absent from every snapshot since. */
    private long openSnapshot;
    /** Guarded by the writer lock. */
    private int nextStoreId;
    /** Guarded by the writer lock. */
    private WriteContext writer;
    /** Guarded by OPEN_ENVS. */
    private int handles;
    private volatile State state = State.OPEN;

    private SharedEnv(Path dir, StoreOptions options) {
        this.dir = dir;
        this.options = options;
        Env<ByteBuffer> e = openEnv(dir, options);
        try {
            Dbi<ByteBuffer>[] dbis = initialize(e);
            this.env = e;
            this.info = dbis[0];
            this.stores = dbis[1];
            this.records = dbis[2];
            this.sequences = dbis[3];
            this.expiry = dbis[4];
            this.pageSize = e.stat().pageSize;
            loadStores();
        } catch (RuntimeException ex) {
            e.close();
            throw ex;
        }
    }

    /** The environment of {@code realDir}, opened if needed; each call must be paired with {@link #release}. */
    static SharedEnv acquire(Path realDir, StoreOptions options) {
        synchronized (OPEN_ENVS) {
            SharedEnv shared = OPEN_ENVS.get(realDir);
            if (shared == null) {
                shared = new SharedEnv(realDir, options);
                OPEN_ENVS.put(realDir, shared);
            }
            shared.handles++;
            return shared;
        }
    }

    /** Deletes {@code files} of {@code realDir}; BUSY if its environment is open in this process. */
    static void deleteFiles(Path realDir, String... files) {
        synchronized (OPEN_ENVS) {
            if (OPEN_ENVS.containsKey(realDir)) {
                throw StoreErrors.busy("database " + realDir + " is open");
            }
            try {
                for (String f : files) {
                    Files.deleteIfExists(realDir.resolve(f));
                }
            } catch (IOException e) {
                throw new C4Exception(ErrorDomain.LITECORE, LiteCore.IO_ERROR, "delete " + realDir + ": " + e, e);
            }
        }
    }

    /** Drops one handle; the last one closes the environment. */
    void release() {
        synchronized (OPEN_ENVS) {
            if (--handles == 0) {
                moveTo(State.CLOSED);
                OPEN_ENVS.remove(dir);
                env.close();
            }
        }
    }

    StoreOptions options() {
        return options;
    }

    // ---- key stores ----

    KeyStore keyStore(String name, boolean withSequences) {
        KeyStore ks = keyStores.computeIfAbsent(name,
                n -> new KeyStore(this, n, withSequences, StoreMeta.absent(withSequences, openSnapshot)));
        if (ks.hasSequences() != withSequences) {
            throw StoreErrors.invalid("key store '" + name + "' " + (ks.hasSequences() ? "has" : "has no")
                    + " sequences");
        }
        return ks;
    }

    KeyStore existingKeyStore(String name) {
        return keyStores.get(name);
    }

    /** The store's metadata as stored in {@code txn}'s snapshot. */
    StoreMeta lookupStore(org.lmdbjava.Txn<ByteBuffer> txn, KeyStore ks) {
        try {
            ByteBuffer v = stores.get(txn, Scratch.get().name(ks.nameBytes()));
            return v == null ? StoreMeta.absent(ks.hasSequences(), txn.getId()) : StoreMeta.decode(v, txn.getId());
        } catch (RuntimeException e) {
            throw LmdbErrors.map(e, "lookup key store");
        }
    }

    void putStoreMeta(org.lmdbjava.Txn<ByteBuffer> txn, KeyStore ks, StoreState st) {
        ByteBuffer v = Scratch.get().value(StoreMeta.SIZE);
        StoreMeta.encode(v, st.id, ks.hasSequences(), st.lastSequence, st.count);
        stores.put(txn, Scratch.get().name(ks.nameBytes()), v);
    }

    void deleteStoreMeta(org.lmdbjava.Txn<ByteBuffer> txn, KeyStore ks) {
        stores.delete(txn, Scratch.get().name(ks.nameBytes()));
    }

    void putNextStoreId(org.lmdbjava.Txn<ByteBuffer> txn, int id) {
        ByteBuffer v = Scratch.get().value(4);
        v.putInt(0, id);
        info.put(txn, Scratch.get().name(NEXT_ID_KEY), v);
    }

    /** Names of the key stores that exist in {@code txn}'s view. */
    List<String> keyStoreNames(org.lmdbjava.Txn<ByteBuffer> txn) {
        List<String> names = new ArrayList<>();
        try (Cursor<ByteBuffer> c = stores.openCursor(txn)) {
            boolean found = c.first();
            while (found) {
                ByteBuffer k = c.key();
                byte[] bytes = new byte[k.remaining()];
                k.get(0, bytes);
                names.add(new String(bytes, StandardCharsets.UTF_8));
                found = c.next();
            }
        } catch (RuntimeException e) {
            throw LmdbErrors.map(e, "list key stores");
        }
        return names;
    }

    // ---- transactions ----

    org.lmdbjava.Txn<ByteBuffer> beginReadLmdb() {
        checkOpen();
        gate.enter();
        try {
            return env.txnRead();
        } catch (RuntimeException e) {
            gate.exit();
            throw LmdbErrors.map(e, "begin read");
        }
    }

    void endReadLmdb(org.lmdbjava.Txn<ByteBuffer> txn) {
        try {
            txn.close();
        } finally {
            gate.exit();
        }
    }

    /** The calling thread's write transaction: nested if it already writes, else new (waits for the lock). */
    WriteContext beginWrite() {
        checkOpen();
        if (writeLock.isHeldByCurrentThread()) {
            writer.nest();
            return writer;
        }
        try {
            writeLock.lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw StoreErrors.busy("interrupted while waiting to write");
        }
        try {
            checkOpen();
            growIfNearlyFull();
            writer = new WriteContext(this);
            return writer;
        } catch (RuntimeException e) {
            writeLock.unlock();
            throw LmdbErrors.map(e, "begin write");
        }
    }

    org.lmdbjava.Txn<ByteBuffer> beginWriteLmdb() {
        return env.txnWrite();
    }

    void writerDone(WriteContext context) {
        if (writer == context) {
            writer = null;
            writeLock.unlock();
        }
    }

    int nextStoreId() {
        return nextStoreId;
    }

    void committed(int newNextStoreId) {
        nextStoreId = newNextStoreId;
    }

    // ---- map size ----

    long mapSize() {
        return env.info().mapSize;
    }

    /** Doubles the map; waits for open readers (BUSY after the resize timeout). Writer only, between txns. */
    void growMap() {
        long target = grown(env.info().mapSize);
        long timeout = options.resizeTimeout().toNanos();
        if (!gate.runExclusive(timeout, () -> resize(target))) {
            throw StoreErrors.busy("the database map is full and read transactions stayed open for "
                    + options.resizeTimeout() + "; close them, or raise StoreOptions.resizeTimeout");
        }
    }

    /** At the start of a write: grows the map early if it is nearly full and no reader is open. */
    private void growIfNearlyFull() {
        EnvInfo i = env.info();
        long used = (i.lastPageNumber + 1) * pageSize;
        if (used > i.mapSize * Tuning.PROACTIVE_GROWTH_THRESHOLD) {
            long target = grown(i.mapSize);
            gate.tryRunExclusive(() -> resize(target));
        }
    }

    private void resize(long target) {
        env.setMapSize(target);
        LOG.debug("LMDB map of {} grown to {} bytes", dir, target);
    }

    private static long grown(long current) {
        long a = Tuning.MAP_SIZE_ALIGNMENT;
        return (current * 2 + a - 1) / a * a;
    }

    private void checkOpen() {
        if (state != State.OPEN) {
            throw StoreErrors.notOpen("database is closed");
        }
    }

    // ---- opening ----

    private static Env<ByteBuffer> openEnv(Path dir, StoreOptions options) {
        EnvFlags[] flags = options.durable()
                ? new EnvFlags[] {EnvFlags.MDB_NOTLS}
                : new EnvFlags[] {EnvFlags.MDB_NOTLS, EnvFlags.MDB_NOSYNC};
        try {
            return Env.create(MappedBufferProxy.INSTANCE)
                    .setMapSize(options.initialMapSize())
                    .setMaxDbs(Tuning.MAX_DBS)
                    .setMaxReaders(options.maxReaders())
                    .open(dir.toFile(), flags);
        } catch (LinkageError e) {
            throw LmdbErrors.mapLinkage(e);
        } catch (RuntimeException e) {
            throw LmdbErrors.map(e, "open " + dir);
        }
    }

    /** Opens (creating) the named databases and checks the format, growing a tiny map if needed. */
    @SuppressWarnings("unchecked")
    private Dbi<ByteBuffer>[] initialize(Env<ByteBuffer> e) {
        String[] names = {"c4j.info", "c4j.stores", "c4j.records", "c4j.sequences", "c4j.expiry"};
        while (true) {
            try (org.lmdbjava.Txn<ByteBuffer> txn = e.txnWrite()) {
                Dbi<ByteBuffer>[] dbis = new Dbi[names.length];
                for (int i = 0; i < names.length; i++) {
                    dbis[i] = e.openDbi(txn, names[i].getBytes(StandardCharsets.US_ASCII), null, false,
                            DbiFlags.MDB_CREATE);
                }
                checkFormat(txn, dbis[0]);
                txn.commit();
                return dbis;
            } catch (C4Exception ex) {
                throw ex;
            } catch (RuntimeException ex) {
                if (!LmdbErrors.isMapFull(ex)) {
                    throw LmdbErrors.map(ex, "initialize " + dir);
                }
                e.setMapSize(grown(e.info().mapSize));
            }
        }
    }

    private void checkFormat(org.lmdbjava.Txn<ByteBuffer> txn, Dbi<ByteBuffer> infoDbi) {
        ByteBuffer format = infoDbi.get(txn, Scratch.get().name(FORMAT_KEY));
        if (format == null) {
            ByteBuffer v = Scratch.get().value(4);
            v.putInt(0, FORMAT);
            infoDbi.put(txn, Scratch.get().name(FORMAT_KEY), v);
            v = Scratch.get().value(4);
            v.putInt(0, 1);
            infoDbi.put(txn, Scratch.get().name(NEXT_ID_KEY), v);
            nextStoreId = 1;
            return;
        }
        int found = format.getInt(0);
        if (found > FORMAT) {
            throw StoreErrors.tooNew("database format " + found + " is newer than this library's " + FORMAT);
        }
        nextStoreId = infoDbi.get(txn, Scratch.get().name(NEXT_ID_KEY)).getInt(0);
    }

    /** Creates a handle for every existing store, valid from the snapshot at open. */
    private void loadStores() {
        try (org.lmdbjava.Txn<ByteBuffer> txn = env.txnRead();
             Cursor<ByteBuffer> c = stores.openCursor(txn)) {
            openSnapshot = txn.getId();
            boolean found = c.first();
            while (found) {
                ByteBuffer k = c.key();
                byte[] bytes = new byte[k.remaining()];
                k.get(0, bytes);
                String name = new String(bytes, StandardCharsets.UTF_8);
                StoreMeta meta = StoreMeta.decode(c.val(), openSnapshot);
                keyStores.put(name, new KeyStore(this, name, meta.sequences, meta));
                found = c.next();
            }
        } catch (RuntimeException e) {
            throw LmdbErrors.map(e, "load key stores");
        }
    }

    private void moveTo(State next) {
        if (!state.canMoveTo(next)) {
            throw new IllegalStateException("SharedEnv: bad transition " + state + " -> " + next);
        }
        state = next;
    }
}
