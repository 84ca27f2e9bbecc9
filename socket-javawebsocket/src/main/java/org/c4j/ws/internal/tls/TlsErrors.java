package org.c4j.ws.internal.tls;

import java.security.cert.CertificateException;

import org.c4j.socket.C4Exception;
import org.c4j.socket.ErrorCodes;
import org.c4j.socket.ErrorDomain;

/**
 * Verdicts of c4j's trust managers. JSSE only lets a trust manager throw a {@link CertificateException}; we put
 * the {@link C4Exception} with LiteCore's Network-domain TLS code inside it as the cause, and
 * {@link org.c4j.socket.TransportErrors#fromJavaIo} (the one place JSSE failures are mapped) returns that
 * carried error as it is. Pure; thread-safe.
 */
public final class TlsErrors {
    private TlsErrors() {
    }

    /** A refusal with {@code code} ({@link ErrorCodes.Network} TLS codes), ready to throw from a trust manager. */
    public static CertificateException refuse(int code, String message) {
        return new CertificateException(message, new C4Exception(ErrorDomain.NETWORK, code, message));
    }

    /** Like {@link #refuse(int, String)} keeping the JDK's reason as the C4Exception's cause. */
    public static CertificateException refuse(int code, String message, Throwable cause) {
        return new CertificateException(message, new C4Exception(ErrorDomain.NETWORK, code, message, cause));
    }
}
