package org.c4j.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.c4j.socket.C4Exception;
import org.c4j.socket.ErrorCodes.LiteCore;
import org.c4j.socket.ErrorDomain;
import org.c4j.storage.internal.LmdbErrors;
import org.c4j.storage.internal.Scratch;
import org.c4j.storage.internal.StoreErrors;
import org.lmdbjava.CopyFlags;

/**
 * A record store on one LMDB environment per database directory (files {@code data.mdb} and {@code lock.mdb}),
 * after LiteCore's DataFile: named {@link KeyStore}s of {@link Record}s, one writer at a time, lock-free
 * snapshot readers, durable commits, and a memory map that grows on demand.
 *
 * <p>Opening the same directory again in this process returns another handle on the same environment (LMDB
 * allows only one per process); the environment closes with its last handle. Another process must not write
 * the directory at the same time.
 *
 * <p>No JVM flags are needed (LMDBJava's usual {@code --add-opens} are avoided, see the module description).
 * LMDBJava extracts its native library to {@code java.io.tmpdir} on first use.
 *
 * <p>Thread-safe. {@link ReadTxn}s may be used from any thread (one at a time); a {@link WriteTxn} only from the
 * thread that began it.
 */
public final class LmdbStore implements AutoCloseable {
    /** Lifecycle of this handle; transitions only in {@link #moveTo} (from {@link #close()}). */
    public enum State {
        OPEN,
        /** {@link #close()} is checking that no transaction is open; it goes on to CLOSED or back to OPEN. */
        CLOSING,
        CLOSED;

        boolean canMoveTo(State next) {
            return switch (this) {
                case OPEN -> next == CLOSING;
                case CLOSING -> next == CLOSED || next == OPEN;
                case CLOSED -> false;
            };
        }
    }

    private static final String DATA_FILE = "data.mdb";
    private static final String LOCK_FILE = "lock.mdb";

    private final SharedEnv env;
    private final AtomicInteger openTxns = new AtomicInteger();
    private volatile State state = State.OPEN;

    private LmdbStore(SharedEnv env) {
        this.env = env;
    }

    /** Opens (creating if needed) the store in {@code dir} with default options. */
    public static LmdbStore open(Path dir) {
        return open(dir, StoreOptions.defaults());
    }

    /** Opens (creating if needed) the store in {@code dir}. */
    public static LmdbStore open(Path dir, StoreOptions options) {
        Objects.requireNonNull(options, "options");
        return new LmdbStore(SharedEnv.acquire(realDirectory(dir, true), options));
    }

    /** Deletes the store's files in {@code dir} (not the directory); BUSY if it is open in this process. */
    public static void delete(Path dir) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        SharedEnv.deleteFiles(realDirectory(dir, false), DATA_FILE, LOCK_FILE);
    }

    public State state() {
        return state;
    }

    /** The database directory (real path). */
    public Path directory() {
        return env.dir;
    }

    /**
     * The handle of the key store {@code name} (which exists once written to). {@code sequences} must match
     * the store's: INVALID_PARAMETER otherwise.
     */
    public KeyStore keyStore(String name, boolean sequences) {
        checkOpen();
        Objects.requireNonNull(name, "name");
        Scratch.get().checkName(name);
        return env.keyStore(name, sequences);
    }

    /** Names of the key stores that exist in {@code txn}'s view. */
    public List<String> keyStoreNames(Txn txn) {
        checkSame(txn);
        return env.keyStoreNames(txn.lmdb());
    }

    /** Deletes key store {@code name} with all its records; false if it did not exist. */
    public boolean deleteKeyStore(WriteTxn txn, String name) {
        checkSame(txn);
        Objects.requireNonNull(name, "name");
        KeyStore ks = env.existingKeyStore(name);
        if (ks == null) {
            txn.context();
            return false;
        }
        return ks.drop(txn);
    }

    /** Begins a snapshot read; never blocks on the writer. Close it (try-with-resources). */
    public ReadTxn beginRead() {
        enterTxn();
        try {
            return new ReadTxn(this, env);
        } catch (RuntimeException e) {
            txnEnded();
            throw e;
        }
    }

    /** Begins a write (waiting while another thread writes), or a nested level if this thread writes already. */
    public WriteTxn beginWrite() {
        enterTxn();
        try {
            return new WriteTxn(this, env.beginWrite());
        } catch (RuntimeException e) {
            txnEnded();
            throw e;
        }
    }

    /** Runs {@code body} in a read transaction. */
    public <R> R inRead(Function<? super ReadTxn, R> body) {
        try (ReadTxn txn = beginRead()) {
            return body.apply(txn);
        }
    }

    /** Runs {@code body} in a write transaction and commits it; aborts if {@code body} throws. */
    public <R> R inWrite(Function<? super WriteTxn, R> body) {
        try (WriteTxn txn = beginWrite()) {
            R result = body.apply(txn);
            txn.commit();
            return result;
        }
    }

    /** Writes a compacted copy of the committed data to {@code destDir}, which must be empty or absent. */
    public void copyTo(Path destDir) {
        checkOpen();
        try (ReadTxn ignored = beginRead()) {
            Files.createDirectories(destDir);
            try (var entries = Files.list(destDir)) {
                if (entries.findAny().isPresent()) {
                    throw StoreErrors.invalid("copy destination " + destDir + " is not empty");
                }
            }
            env.env.copy(destDir.toFile(), CopyFlags.MDB_CP_COMPACT);
        } catch (IOException e) {
            throw new C4Exception(ErrorDomain.LITECORE, LiteCore.IO_ERROR, "copy to " + destDir + ": " + e, e);
        } catch (C4Exception e) {
            throw e;
        } catch (RuntimeException e) {
            throw LmdbErrors.map(e, "copy to " + destDir);
        }
    }

    /** Current size of the memory map in bytes (it grows on demand). */
    public long mapSize() {
        checkOpen();
        return env.mapSize();
    }

    /**
     * Closes this handle; the environment closes with its last handle. TRANSACTION_NOT_CLOSED if transactions
     * begun on this handle are still open. Idempotent.
     */
    @Override
    public synchronized void close() {
        if (state == State.CLOSED) {
            return;
        }
        moveTo(State.CLOSING); // a transaction beginning now sees it and gives up (enterTxn)
        if (openTxns.get() != 0) {
            moveTo(State.OPEN);
            throw StoreErrors.transactionNotClosed(openTxns.get() + " transaction(s) still open");
        }
        moveTo(State.CLOSED);
        env.release();
    }

    @Override
    public String toString() {
        return "LmdbStore{" + env.dir + ", " + state + "}";
    }

    void txnEnded() {
        openTxns.decrementAndGet();
    }

    private void enterTxn() {
        openTxns.incrementAndGet();
        if (state != State.OPEN) {
            openTxns.decrementAndGet();
            throw StoreErrors.notOpen("database is closed");
        }
    }

    private void checkOpen() {
        if (state != State.OPEN) {
            throw StoreErrors.notOpen("database is closed");
        }
    }

    private void checkSame(Txn txn) {
        if (txn.env() != env) {
            throw StoreErrors.invalid("transaction belongs to another database");
        }
    }

    private static Path realDirectory(Path dir, boolean create) {
        try {
            if (create) {
                Files.createDirectories(dir);
            }
            return dir.toRealPath();
        } catch (IOException e) {
            throw new C4Exception(ErrorDomain.LITECORE, LiteCore.CANT_OPEN_FILE, "directory " + dir + ": " + e, e);
        }
    }

    private void moveTo(State next) {
        if (!state.canMoveTo(next)) {
            throw new IllegalStateException("LmdbStore: bad transition " + state + " -> " + next);
        }
        state = next;
    }
}
