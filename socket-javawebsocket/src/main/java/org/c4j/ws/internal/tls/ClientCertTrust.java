package org.c4j.ws.internal.tls;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

import org.c4j.socket.ErrorCodes.Network;
import org.c4j.ws.ClientCertificateAuthenticator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A listener's check of a client's certificate chain in the TLS handshake: the application's
 * {@link ClientCertificateAuthenticator} decides (roots or its own callback). A refusal, or an exception from the
 * callback, fails the handshake with a certificate alert: no HTTP, nothing transferred. Immutable; thread-safe.
 */
public final class ClientCertTrust extends X509ExtendedTrustManager {
    private static final Logger LOG = LoggerFactory.getLogger(ClientCertTrust.class);

    private final ClientCertificateAuthenticator authenticator;
    private final X509Certificate[] acceptedIssuers;

    /**
     * @param acceptedIssuers CA names to send in the certificate request (the roots), or empty for a callback
     */
    public ClientCertTrust(ClientCertificateAuthenticator authenticator, List<X509Certificate> acceptedIssuers) {
        this.authenticator = authenticator;
        this.acceptedIssuers = acceptedIssuers.toArray(X509Certificate[]::new);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw TlsErrors.refuse(Network.TLS_CERT_REQUIRED_BY_PEER, "the client presented no certificate");
        }
        boolean ok;
        try {
            ok = authenticator.authenticate(List.of(chain));
        } catch (RuntimeException e) {
            LOG.warn("client certificate authenticator threw; refusing the client", e);
            ok = false;
        }
        if (!ok) {
            LOG.debug("refused client certificate '{}'", chain[0].getSubjectX500Principal().getName());
            throw TlsErrors.refuse(Network.TLS_CERT_REJECTED_BY_PEER, "client certificate refused");
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("a listener does not check server certificates");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        checkServerTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        checkServerTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return acceptedIssuers.clone();
    }
}
