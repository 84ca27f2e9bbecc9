package org.c4j.storage.internal;

import org.c4j.socket.C4Exception;
import org.c4j.socket.ErrorCodes.LiteCore;
import org.c4j.socket.ErrorDomain;
import org.lmdbjava.Dbi;
import org.lmdbjava.Env;
import org.lmdbjava.LmdbNativeException;
import org.lmdbjava.Txn;

/**
 * The one place where LMDB / LMDBJava failures become {@link C4Exception}s (domain {@link ErrorDomain#LITECORE}).
 * Stateless; thread-safe.
 */
public final class LmdbErrors {
    /** Linux errno values LMDB passes through from the OS. */
    private static final int ENOENT = 2;
    private static final int EIO = 5;
    private static final int EACCES = 13;
    private static final int ENOTDIR = 20;
    private static final int EINVAL = 22;
    private static final int ENOSPC = 28;
    private static final int EROFS = 30;
    private static final int EAGAIN = 11;
    private static final int ENOMEM = 12;

    private LmdbErrors() {
    }

    /** True if {@code e} is LMDB's "map full": the caller grows the map and retries instead of failing. */
    public static boolean isMapFull(RuntimeException e) {
        return e instanceof Env.MapFullException;
    }

    /** Maps any exception thrown by an LMDBJava call; a {@link C4Exception} is returned unchanged. */
    public static C4Exception map(RuntimeException e, String context) {
        if (e instanceof C4Exception) {
            return (C4Exception) e;
        }
        return new C4Exception(ErrorDomain.LITECORE, code(e), context + ": " + e.getMessage(), e);
    }

    /** Maps a failure to load LMDB's native library. */
    public static C4Exception mapLinkage(LinkageError e) {
        return new C4Exception(ErrorDomain.LITECORE, LiteCore.UNSUPPORTED,
                "LMDB native library unavailable on this platform: " + e.getMessage(), e);
    }

    private static int code(RuntimeException e) {
        if (e instanceof Env.MapFullException || e instanceof Txn.TxFullException) {
            return LiteCore.MEMORY_ERROR;
        }
        if (e instanceof Env.ReadersFullException) {
            return LiteCore.BUSY;
        }
        if (e instanceof Env.FileInvalidException) {
            return LiteCore.NOT_A_DATABASE_FILE;
        }
        if (e instanceof Env.VersionMismatchException || e instanceof Dbi.IncompatibleException) {
            return LiteCore.WRONG_FORMAT;
        }
        if (e instanceof LmdbNativeException.PageCorruptedException
                || e instanceof LmdbNativeException.PageNotFoundException
                || e instanceof LmdbNativeException.PanicException
                || e instanceof Dbi.BadDbiException) {
            return LiteCore.CORRUPT_DATA;
        }
        if (e instanceof Dbi.BadValueSizeException) {
            return LiteCore.INVALID_PARAMETER;
        }
        if (e instanceof Dbi.KeyExistsException) {
            return LiteCore.CONFLICT;
        }
        if (e instanceof Dbi.KeyNotFoundException) {
            return LiteCore.NOT_FOUND;
        }
        if (e instanceof Env.AlreadyClosedException) {
            return LiteCore.NOT_OPEN;
        }
        if (e instanceof Txn.NotReadyException || e instanceof Txn.BadException) {
            return LiteCore.NOT_IN_TRANSACTION;
        }
        if (e instanceof LmdbNativeException) {
            return errnoCode(((LmdbNativeException) e).getResultCode());
        }
        return LiteCore.UNEXPECTED_ERROR;
    }

    private static int errnoCode(int errno) {
        switch (errno) {
            case ENOENT:
            case ENOTDIR:
            case EINVAL:
                return LiteCore.CANT_OPEN_FILE;
            case EACCES:
            case EROFS:
                return LiteCore.NOT_WRITEABLE;
            case EAGAIN:
                return LiteCore.BUSY;
            case ENOMEM:
                return LiteCore.MEMORY_ERROR;
            case EIO:
            case ENOSPC:
            default:
                return LiteCore.IO_ERROR;
        }
    }
}
