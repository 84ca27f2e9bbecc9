package org.c4j.ws.internal.tls;

import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXReason;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.c4j.socket.ErrorCodes.Network;

/**
 * PKIX validation of a peer's chain against a fixed set of root certificates (the JDK's
 * {@link CertPathValidator}): every certificate's validity dates, signatures up to one of the roots, CA basic
 * constraints and key usage; no revocation checking (peer-to-peer certificates name no CRL or OCSP responder).
 * Immutable; thread-safe.
 */
public final class PkixRoots {
    private final Set<TrustAnchor> anchors;
    private final List<X509Certificate> roots;

    public PkixRoots(List<X509Certificate> roots) {
        if (roots == null || roots.isEmpty()) {
            throw IdentityErrors.invalid("root certificates needed");
        }
        this.roots = List.copyOf(roots);
        Set<TrustAnchor> a = new HashSet<>();
        for (X509Certificate r : this.roots) {
            a.add(new TrustAnchor(r, null));
        }
        this.anchors = Set.copyOf(a);
    }

    /** The roots, as CA names a server may send in its certificate request. */
    public X509Certificate[] roots() {
        return roots.toArray(X509Certificate[]::new);
    }

    /** 0 if {@code chain} (leaf first) validates to a root, else the {@link Network} TLS code of why not. */
    public int verdict(List<X509Certificate> chain) {
        try {
            check(chain);
            return 0;
        } catch (CertificateException e) {
            return e.getCause() instanceof org.c4j.socket.C4Exception c ? c.code() : Network.TLS_CERT_UNTRUSTED;
        }
    }

    /**
     * Validates {@code chain}, leaf first; a root the peer sent along is dropped from the path.
     *
     * @throws CertificateException carrying {@link Network#TLS_CERT_EXPIRED} (some certificate is outside its
     *                              validity dates), {@link Network#TLS_CERT_UNKNOWN_ROOT} (no path to a root) or
     *                              {@link Network#TLS_CERT_UNTRUSTED} (anything else)
     */
    public void check(List<X509Certificate> chain) throws CertificateException {
        if (chain == null || chain.isEmpty()) {
            throw TlsErrors.refuse(Network.TLS_CERT_UNTRUSTED, "no certificate presented");
        }
        for (X509Certificate c : chain) {
            try {
                c.checkValidity();
            } catch (CertificateExpiredException | CertificateNotYetValidException e) {
                throw TlsErrors.refuse(Network.TLS_CERT_EXPIRED, "certificate '"
                        + c.getSubjectX500Principal().getName() + "' is not valid now: " + e.getMessage(), e);
            }
        }
        List<X509Certificate> path = new ArrayList<>();
        for (X509Certificate c : chain) {
            if (!roots.contains(c)) {
                path.add(c);
            }
        }
        if (path.isEmpty()) {
            return; // the peer presented a root itself
        }
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            CertPath certPath = cf.generateCertPath(path);
            PKIXParameters params = new PKIXParameters(anchors);
            params.setRevocationEnabled(false);
            CertPathValidator.getInstance("PKIX").validate(certPath, params);
        } catch (CertPathValidatorException e) {
            int code = e.getReason() == CertPathValidatorException.BasicReason.EXPIRED
                    || e.getReason() == CertPathValidatorException.BasicReason.NOT_YET_VALID
                    ? Network.TLS_CERT_EXPIRED
                    : unknownRoot(e) ? Network.TLS_CERT_UNKNOWN_ROOT : Network.TLS_CERT_UNTRUSTED;
            throw TlsErrors.refuse(code, "certificate chain does not validate to a trusted root: "
                    + e.getMessage(), e);
        } catch (InvalidAlgorithmParameterException e) {
            throw TlsErrors.refuse(Network.TLS_CERT_UNTRUSTED, "cannot validate: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw TlsErrors.refuse(Network.TLS_CERT_UNTRUSTED, "cannot validate: " + e.getMessage(), e);
        }
    }

    /** The path's last certificate is not issued by any root (rather than, e.g., a bad signature inside). */
    private static boolean unknownRoot(CertPathValidatorException e) {
        return e.getReason() == PKIXReason.NO_TRUST_ANCHOR
                || e.getReason() == CertPathValidatorException.BasicReason.UNSPECIFIED
                || e.getReason() == CertPathValidatorException.BasicReason.INVALID_SIGNATURE
                && e.getIndex() == (e.getCertPath() == null ? -1 : e.getCertPath().getCertificates().size() - 1);
    }
}
