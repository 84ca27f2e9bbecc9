package org.c4j.storage.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Constructor;
import org.c4j.socket.C4Exception;
import org.c4j.socket.ErrorCodes.LiteCore;
import org.c4j.socket.ErrorDomain;
import org.junit.jupiter.api.Test;
import org.lmdbjava.Dbi;
import org.lmdbjava.Env;
import org.lmdbjava.LmdbException;
import org.lmdbjava.LmdbNativeException;
import org.lmdbjava.Txn;

class LmdbErrorsTest {
    /** LMDBJava's native exceptions have package-private constructors; tests build them reflectively. */
    static RuntimeException make(Class<? extends RuntimeException> type, Object... args) throws Exception {
        Constructor<?> c = type.getDeclaredConstructors()[0];
        c.setAccessible(true);
        return (RuntimeException) c.newInstance(args);
    }

    static int code(RuntimeException e) {
        C4Exception c = LmdbErrors.map(e, "ctx");
        assertEquals(ErrorDomain.LITECORE, c.domain());
        assertTrue(c.getMessage().startsWith("ctx: "));
        assertSame(e, c.getCause());
        return c.code();
    }

    @Test
    void lmdbConditionsMapToLiteCoreCodes() throws Exception {
        assertEquals(LiteCore.NOT_A_DATABASE_FILE, code(make(Env.FileInvalidException.class)));
        assertEquals(LiteCore.WRONG_FORMAT, code(make(Env.VersionMismatchException.class)));
        assertEquals(LiteCore.WRONG_FORMAT, code(make(Dbi.IncompatibleException.class)));
        assertEquals(LiteCore.BUSY, code(make(Env.ReadersFullException.class)));
        assertEquals(LiteCore.MEMORY_ERROR, code(make(Env.MapFullException.class)));
        assertEquals(LiteCore.MEMORY_ERROR, code(make(Txn.TxFullException.class)));
        assertEquals(LiteCore.CORRUPT_DATA, code(make(LmdbNativeException.PageCorruptedException.class)));
        assertEquals(LiteCore.CORRUPT_DATA, code(make(LmdbNativeException.PageNotFoundException.class)));
        assertEquals(LiteCore.CORRUPT_DATA, code(make(LmdbNativeException.PanicException.class)));
        assertEquals(LiteCore.CORRUPT_DATA, code(make(Dbi.BadDbiException.class)));
        assertEquals(LiteCore.INVALID_PARAMETER, code(make(Dbi.BadValueSizeException.class)));
        assertEquals(LiteCore.CONFLICT, code(make(Dbi.KeyExistsException.class)));
        assertEquals(LiteCore.NOT_FOUND, code(make(Dbi.KeyNotFoundException.class)));
        assertEquals(LiteCore.NOT_OPEN, code(new Env.AlreadyClosedException()));
        assertEquals(LiteCore.NOT_IN_TRANSACTION, code(new Txn.NotReadyException()));
        assertEquals(LiteCore.NOT_IN_TRANSACTION, code(make(Txn.BadException.class)));
        assertEquals(LiteCore.UNEXPECTED_ERROR, code(new LmdbException("other")));
        assertEquals(LiteCore.UNEXPECTED_ERROR, code(new IllegalStateException("bug")));
    }

    @Test
    void errnoValuesMapToFileErrors() throws Exception {
        Class<? extends RuntimeException> errno = LmdbNativeException.ConstantDerivedException.class;
        assertEquals(LiteCore.CANT_OPEN_FILE, code(make(errno, 2, "ENOENT")));
        assertEquals(LiteCore.NOT_WRITEABLE, code(make(errno, 13, "EACCES")));
        assertEquals(LiteCore.NOT_WRITEABLE, code(make(errno, 30, "EROFS")));
        assertEquals(LiteCore.IO_ERROR, code(make(errno, 28, "ENOSPC")));
        assertEquals(LiteCore.IO_ERROR, code(make(errno, 5, "EIO")));
        assertEquals(LiteCore.MEMORY_ERROR, code(make(errno, 12, "ENOMEM")));
        assertEquals(LiteCore.BUSY, code(make(errno, 11, "EAGAIN")));
    }

    @Test
    void c4ExceptionsPassThroughAndMapFullIsRecognised() throws Exception {
        C4Exception own = StoreErrors.busy("x");
        assertSame(own, LmdbErrors.map(own, "ctx"));
        assertTrue(LmdbErrors.isMapFull(make(Env.MapFullException.class)));
        assertFalse(LmdbErrors.isMapFull(make(Env.ReadersFullException.class)));
        assertEquals(LiteCore.UNSUPPORTED, LmdbErrors.mapLinkage(new UnsatisfiedLinkError("no lib")).code());
    }
}
