package org.c4j.storage.internal;

import org.c4j.socket.C4Exception;
import org.c4j.socket.ErrorCodes.LiteCore;
import org.c4j.socket.ErrorDomain;

/** Factories for the store's own (non-LMDB) errors, all in the LITECORE domain. Stateless; thread-safe. */
public final class StoreErrors {
    private StoreErrors() {
    }

    public static C4Exception notOpen(String message) {
        return new C4Exception(ErrorDomain.LITECORE, LiteCore.NOT_OPEN, message);
    }

    public static C4Exception notInTransaction(String message) {
        return new C4Exception(ErrorDomain.LITECORE, LiteCore.NOT_IN_TRANSACTION, message);
    }

    public static C4Exception transactionNotClosed(String message) {
        return new C4Exception(ErrorDomain.LITECORE, LiteCore.TRANSACTION_NOT_CLOSED, message);
    }

    public static C4Exception invalid(String message) {
        return new C4Exception(ErrorDomain.LITECORE, LiteCore.INVALID_PARAMETER, message);
    }

    public static C4Exception busy(String message) {
        return new C4Exception(ErrorDomain.LITECORE, LiteCore.BUSY, message);
    }

    public static C4Exception corrupt(String message) {
        return new C4Exception(ErrorDomain.LITECORE, LiteCore.CORRUPT_DATA, message);
    }

    public static C4Exception tooNew(String message) {
        return new C4Exception(ErrorDomain.LITECORE, LiteCore.DATABASE_TOO_NEW, message);
    }
}
