package org.c4j.ws.internal.tls;

import org.c4j.socket.C4Exception;
import org.c4j.socket.ErrorCodes;
import org.c4j.socket.ErrorDomain;

/**
 * The typed errors of TLS identities and identity stores, in one place. Messages name labels and files, never
 * passwords or keys. Pure; thread-safe.
 */
public final class IdentityErrors {
    private IdentityErrors() {
    }

    /** Unusable input: empty label, a certificate without its private key, a key that is not the cert's. */
    public static C4Exception invalid(String message) {
        return new C4Exception(ErrorDomain.LITECORE, ErrorCodes.LiteCore.INVALID_PARAMETER, message);
    }

    /** Bytes that are not a certificate, key or PKCS#12 file, or a store file that does not parse. */
    public static C4Exception corrupt(String message, Throwable cause) {
        return new C4Exception(ErrorDomain.LITECORE, ErrorCodes.LiteCore.CORRUPT_DATA, message, cause);
    }

    /** A PKCS#12 file or store that the given password does not open. */
    public static C4Exception wrongPassword(String what) {
        return new C4Exception(ErrorDomain.LITECORE, ErrorCodes.LiteCore.CRYPTO,
                "wrong password for " + what);
    }

    /** Key generation or signing failed (no such algorithm in this JDK, ...). */
    public static C4Exception crypto(String message, Throwable cause) {
        return new C4Exception(ErrorDomain.LITECORE, ErrorCodes.LiteCore.CRYPTO, message, cause);
    }

    /** No identity under {@code label}. */
    public static C4Exception notFound(String label) {
        return new C4Exception(ErrorDomain.LITECORE, ErrorCodes.LiteCore.NOT_FOUND,
                "no TLS identity labelled '" + label + "'");
    }

    /** An identity under {@code label} exists already. */
    public static C4Exception exists(String label) {
        return new C4Exception(ErrorDomain.LITECORE, ErrorCodes.LiteCore.CONFLICT,
                "a TLS identity labelled '" + label + "' exists already");
    }

    /** Reading or writing a store file failed. */
    public static C4Exception io(String message, Throwable cause) {
        return new C4Exception(ErrorDomain.LITECORE, ErrorCodes.LiteCore.IO_ERROR, message, cause);
    }

    /** A listener given an identity that is not valid now refuses to start. */
    public static C4Exception expired(String label, java.time.Instant notAfter) {
        return new C4Exception(ErrorDomain.NETWORK, ErrorCodes.Network.TLS_CERT_EXPIRED,
                "TLS identity '" + label + "' is not valid now (its certificate expires " + notAfter
                        + "): refusing to serve it; create or import a new identity");
    }
}
