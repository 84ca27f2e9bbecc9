package org.c4j.ws;

import java.security.cert.X509Certificate;
import java.util.List;

import org.c4j.ws.internal.tls.PkixRoots;

/**
 * Decides, in the TLS handshake, whether a listener accepts a client's certificate chain (Couchbase Lite's
 * {@code ListenerCertificateAuthenticator}). Setting one on a listener makes client certificates required: a
 * client without a certificate, or with one this refuses, fails the handshake before any HTTP is exchanged.
 *
 * <p>Called on connection threads, possibly concurrently: implementations must be thread-safe and quick.
 */
@FunctionalInterface
public interface ClientCertificateAuthenticator {

    /**
     * @param chain the client's certificate chain, leaf first (never empty)
     * @return true to accept the client
     */
    boolean authenticate(List<X509Certificate> chain);

    /**
     * Accepts a chain that validates (PKIX: signatures, validity dates, CA constraints; no revocation check) up to
     * one of {@code roots}.
     */
    static ClientCertificateAuthenticator roots(List<X509Certificate> roots) {
        PkixRoots pkix = new PkixRoots(roots);
        return chain -> pkix.verdict(chain) == 0;
    }
}
