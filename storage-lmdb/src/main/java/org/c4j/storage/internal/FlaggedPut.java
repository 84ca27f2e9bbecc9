package org.c4j.storage.internal;

import java.lang.invoke.MethodHandle;
import java.lang.ref.Reference;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.ByteBuffer;
import jnr.ffi.Pointer;
import org.lmdbjava.Cursor;
import org.lmdbjava.PutFlags;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code mdb_cursor_put} with {@code MDB_APPEND}, without the cost LMDBJava adds to every call given flags.
 *
 * <p>LMDBJava 0.9.1 turns a non-null flag array into a mask through a Stream pipeline (two filters, a map and a
 * boxed reduce) on every put: measured at about 0.2 µs a call, a tenth of the c4-api save path for the two puts
 * of a document. This class calls the same native function through LMDBJava's own bound library
 * ({@code Library.LIB}) and cursor pointer, with its own per-thread {@code MDB_val} structs, and maps a failure
 * through LMDBJava's own result-code mapper, so callers see exactly the exceptions LMDBJava would throw. It
 * reaches those package-private members by reflection, which LMDBJava, an automatic module, allows; if they
 * are missing (another LMDBJava version), it falls back to LMDBJava's public flagged calls — the same effect,
 * only slower — and logs that once.
 *
 * <p>Thread-safe (per-thread state); a returned reserved buffer is valid until the next operation on the
 * transaction, like LMDBJava's, and only on the calling thread.
 */
public final class FlaggedPut {
    private static final Logger LOG = LoggerFactory.getLogger(FlaggedPut.class);
    private static final PutFlags[] APPEND_FLAGS = {PutFlags.MDB_APPEND};
    private static final int APPEND = PutFlags.MDB_APPEND.getMask();
    private static final int APPEND_RESERVE = APPEND | PutFlags.MDB_RESERVE.getMask();
    /** (Pointer cursor, Pointer key, Pointer val, int flags) -> int; null if unavailable. */
    private static final MethodHandle PUT;
    /** (Cursor) -> Pointer. */
    private static final MethodHandle CURSOR_POINTER;
    /** (int) -> void, throws LMDBJava's exception for a non-zero code. */
    private static final MethodHandle CHECK_RC;
    private static final ThreadLocal<FlaggedPut> LOCAL;

    static {
        MethodHandle put = null;
        MethodHandle cursorPointer = null;
        MethodHandle checkRc = null;
        try {
            Class<?> library = Class.forName("org.lmdbjava.Library");
            Class<?> lmdb = Class.forName("org.lmdbjava.Library$Lmdb");
            MethodHandles.Lookup inLmdbJava = MethodHandles.privateLookupIn(library, MethodHandles.lookup());
            Object lib = inLmdbJava.findStaticGetter(library, "LIB", lmdb).invoke();
            put = inLmdbJava.findVirtual(lmdb, "mdb_cursor_put",
                    MethodType.methodType(int.class, Pointer.class, Pointer.class, Pointer.class, int.class))
                    .bindTo(lib);
            cursorPointer = MethodHandles.privateLookupIn(Cursor.class, MethodHandles.lookup())
                    .findGetter(Cursor.class, "ptrCursor", Pointer.class)
                    .asType(MethodType.methodType(Pointer.class, Cursor.class));
            Class<?> mapper = Class.forName("org.lmdbjava.ResultCodeMapper");
            checkRc = MethodHandles.privateLookupIn(mapper, MethodHandles.lookup())
                    .findStatic(mapper, "checkRc", MethodType.methodType(void.class, int.class));
        } catch (Throwable e) { // NOPMD: any failure means "use the public API"
            LOG.info("LMDBJava's internals are not as expected ({}); appends use its public API", e.toString());
            put = null;
        }
        PUT = put;
        CURSOR_POINTER = cursorPointer;
        CHECK_RC = checkRc;
        LOCAL = ThreadLocal.withInitial(FlaggedPut::new);
    }

    private final Pointer key;
    private final Pointer val;
    private final ByteBuffer view = MappedBufferProxy.newView();

    private FlaggedPut() {
        jnr.ffi.Runtime runtime = jnr.ffi.Runtime.getSystemRuntime();
        key = runtime.getMemoryManager().allocateDirect(MappedBufferProxy.MDB_VAL_SIZE, true);
        val = runtime.getMemoryManager().allocateDirect(MappedBufferProxy.MDB_VAL_SIZE, true);
    }

    /** True if puts go straight to the native call (false: through LMDBJava's public flagged API). */
    public static boolean direct() {
        return PUT != null;
    }

    /**
     * Appends {@code k} (which must sort after every key of the cursor's database, else LMDBJava's
     * {@code KeyExistsException}) with a value of {@code size} bytes to be written by the caller into the returned
     * buffer (positioned at 0, {@code size} remaining).
     */
    public static ByteBuffer reserveAppend(Cursor<ByteBuffer> cursor, ByteBuffer k, int size) {
        if (PUT == null) {
            return cursor.reserve(k, size, APPEND_FLAGS);
        }
        FlaggedPut p = LOCAL.get();
        MappedBufferProxy.store(p.key.address(), k);
        MappedBufferProxy.store(p.val.address(), 0L, size);
        p.call(cursor, APPEND_RESERVE);
        Reference.reachabilityFence(k);
        return MappedBufferProxy.load(p.view, p.val.address());
    }

    /** Appends {@code k -> v} (as {@link #reserveAppend}, with the value given). */
    public static void putAppend(Cursor<ByteBuffer> cursor, ByteBuffer k, ByteBuffer v) {
        if (PUT == null) {
            cursor.put(k, v, APPEND_FLAGS);
            return;
        }
        FlaggedPut p = LOCAL.get();
        MappedBufferProxy.store(p.key.address(), k);
        MappedBufferProxy.store(p.val.address(), v);
        p.call(cursor, APPEND);
        Reference.reachabilityFence(k);
        Reference.reachabilityFence(v);
    }

    private void call(Cursor<ByteBuffer> cursor, int flags) {
        int rc;
        try {
            rc = (int) PUT.invokeExact((Pointer) CURSOR_POINTER.invokeExact(cursor), key, val, flags);
            if (rc != 0) {
                CHECK_RC.invokeExact(rc);
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("mdb_cursor_put", e);
        }
    }
}
