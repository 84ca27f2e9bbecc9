package org.c4j.ws.internal.tls;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

import org.c4j.socket.ErrorCodes.Network;
import org.c4j.ws.internal.listen.Refusals;

/**
 * How a client decides to trust a server's certificate, in the modes of LiteCore's options (checked in this
 * order):
 * <ol>
 *   <li>{@code pinnedCert}: the server's leaf must be exactly the pinned certificate (byte for byte); no host
 *       name check, as in LiteCore. Otherwise {@link Network#TLS_CERT_UNTRUSTED}.</li>
 *   <li>{@code onlySelfSignedServer}: the leaf must be self-signed (any such certificate is accepted, no host
 *       name check: a peer's anonymous identity names no host). A CA-signed one is
 *       {@link Network#TLS_CERT_UNTRUSTED}.</li>
 *   <li>{@code rootCerts}: PKIX up to one of the roots, then the host name check.</li>
 *   <li>otherwise the JDK's default trust (its {@code cacerts}), then the host name check.</li>
 * </ol>
 * In every mode each certificate of the chain must be within its validity dates
 * ({@link Network#TLS_CERT_EXPIRED}); a failed host name check is {@link Network#TLS_CERT_NAME_MISMATCH}.
 * Refusals carry their code to {@link org.c4j.socket.TransportErrors} (see {@link TlsErrors}).
 *
 * <p>Client side only: checking a client is {@link ClientCertTrust}'s job. Immutable; thread-safe.
 */
public final class ServerTrust extends X509ExtendedTrustManager {
    private final byte[] pinned;
    private final boolean onlySelfSigned;
    private final PkixRoots roots;
    private final X509TrustManager jdkDefault;

    private ServerTrust(byte[] pinned, boolean onlySelfSigned, PkixRoots roots, X509TrustManager jdkDefault) {
        this.pinned = pinned;
        this.onlySelfSigned = onlySelfSigned;
        this.roots = roots;
        this.jdkDefault = jdkDefault;
    }

    /** Accept exactly the certificate {@code pinned} (DER). */
    public static ServerTrust pinned(X509Certificate pinned) {
        return new ServerTrust(Certificates.der(pinned), false, null, null);
    }

    /** Accept any self-signed leaf, and only those. */
    public static ServerTrust onlySelfSigned() {
        return new ServerTrust(null, true, null, null);
    }

    /** PKIX to {@code roots} and host name. */
    public static ServerTrust roots(List<X509Certificate> roots) {
        return new ServerTrust(null, false, new PkixRoots(roots), null);
    }

    /** The JDK's default trust store and host name. */
    public static ServerTrust jdkDefault() {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init((KeyStore) null);
            for (TrustManager tm : tmf.getTrustManagers()) {
                if (tm instanceof X509TrustManager x) {
                    return new ServerTrust(null, false, null, x);
                }
            }
            throw IdentityErrors.crypto("the JDK has no X.509 trust manager", null);
        } catch (GeneralSecurityException e) {
            throw IdentityErrors.crypto("cannot load the JDK's default trust store", e);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        String host = null;
        if (socket instanceof SSLSocket ssl) {
            SSLSession s = ssl.getHandshakeSession();
            host = s == null ? null : s.getPeerHost();
        }
        check(chain, authType, host);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        check(chain, authType, engine == null ? null : engine.getPeerHost());
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain, authType, null);
    }

    /** The decision; {@code host} null skips nothing but makes the host name check fail. */
    void check(X509Certificate[] chain, String authType, String host) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw TlsErrors.refuse(Network.TLS_CERT_UNTRUSTED, "the server presented no certificate");
        }
        X509Certificate leaf = chain[0];
        for (X509Certificate c : chain) {
            try {
                c.checkValidity();
            } catch (CertificateExpiredException | CertificateNotYetValidException e) {
                throw TlsErrors.refuse(Network.TLS_CERT_EXPIRED, "server certificate '"
                        + c.getSubjectX500Principal().getName() + "' is not valid now: " + e.getMessage(), e);
            }
        }
        if (pinned != null) {
            if (!Arrays.equals(pinned, Certificates.der(leaf))) {
                throw TlsErrors.refuse(Network.TLS_CERT_UNTRUSTED,
                        "the server's certificate is not the pinned certificate");
            }
            return;
        }
        if (onlySelfSigned) {
            if (!Certificates.isSelfSigned(leaf)) {
                throw TlsErrors.refuse(Network.TLS_CERT_UNTRUSTED,
                        "only self-signed server certificates are accepted, and this one is CA-signed");
            }
            return;
        }
        if (roots != null) {
            roots.check(List.of(chain));
        } else {
            try {
                jdkDefault.checkServerTrusted(chain, authType);
            } catch (CertificateException e) {
                throw TlsErrors.refuse(unknownRoot(e) ? Network.TLS_CERT_UNKNOWN_ROOT : Network.TLS_CERT_UNTRUSTED,
                        "the server's certificate is not trusted by the JDK's trust store: " + e.getMessage(), e);
            }
        }
        if (!HostnameMatcher.matches(leaf, host)) {
            throw TlsErrors.refuse(Network.TLS_CERT_NAME_MISMATCH,
                    "the server's certificate does not name the host '" + host + "'");
        }
    }

    private static boolean unknownRoot(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.security.cert.CertPathBuilderException) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        throw new CertificateException("a client socket does not check client certificates");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        throw new CertificateException("a client socket does not check client certificates");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("a client socket does not check client certificates");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return roots != null ? roots.roots() : jdkDefault != null ? jdkDefault.getAcceptedIssuers()
                : new X509Certificate[0];
    }
}
