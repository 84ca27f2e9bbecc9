package org.c4j.internal;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

import org.c4j.socket.C4Exception;
import org.c4j.socket.ErrorCodes.LiteCore;
import org.c4j.socket.ErrorDomain;

/**
 * Factories for the typed errors the database layer throws, and the one place where {@link IOException}s from the
 * file system (blob store, database directories) are mapped to {@link C4Exception}.
 *
 * <p>Stateless; thread-safe.
 */
public final class Errors {
    private Errors() {
    }

    public static C4Exception of(int liteCoreCode, String message) {
        return new C4Exception(ErrorDomain.LITECORE, liteCoreCode, message);
    }

    /** Fleece's {@code kFLInvalidData}: a value JSON or a body can't hold (NaN, unpaired surrogate, odd type). */
    public static final int FLEECE_INVALID_DATA = 3;
    /** Fleece's {@code kFLJSONError}: text that doesn't parse as JSON. */
    public static final int FLEECE_JSON_ERROR = 5;

    /** Unparseable JSON, as LiteCore reports it (Fleece domain). */
    public static C4Exception json(String message) {
        return new C4Exception(ErrorDomain.FLEECE, FLEECE_JSON_ERROR, message);
    }

    /** A value a document body can't hold, as LiteCore reports it (Fleece domain). */
    public static C4Exception invalidData(String message) {
        return new C4Exception(ErrorDomain.FLEECE, FLEECE_INVALID_DATA, message);
    }

    public static C4Exception invalid(String message) {
        return of(LiteCore.INVALID_PARAMETER, message);
    }

    /** Stored revision data (a body or a revision tree) that can't be decoded. */
    public static C4Exception corrupt(String message) {
        return of(LiteCore.CORRUPT_REVISION_DATA, message);
    }

    public static C4Exception badRevId(String message) {
        return of(LiteCore.BAD_REVISION_ID, message);
    }

    public static C4Exception badDocId(String message) {
        return of(LiteCore.BAD_DOC_ID, message);
    }

    public static C4Exception notFound(String message) {
        return of(LiteCore.NOT_FOUND, message);
    }

    public static C4Exception conflict(String message) {
        return of(LiteCore.CONFLICT, message);
    }

    public static C4Exception notOpen(String message) {
        return of(LiteCore.NOT_OPEN, message);
    }

    /** Maps a file-system failure to a LiteCore-domain error. */
    public static C4Exception io(String what, IOException e) {
        int code = e instanceof NoSuchFileException ? LiteCore.NOT_FOUND
                : e instanceof AccessDeniedException ? LiteCore.NOT_WRITEABLE
                : LiteCore.IO_ERROR;
        return new C4Exception(ErrorDomain.LITECORE, code, what + ": " + e, e);
    }
}
