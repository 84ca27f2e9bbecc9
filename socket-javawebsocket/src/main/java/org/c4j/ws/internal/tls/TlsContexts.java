package org.c4j.ws.internal.tls;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

import org.c4j.ws.TlsIdentity;

/** Builds JSSE {@link SSLContext}s from c4j's key and trust managers. Pure apart from the JDK's providers. */
public final class TlsContexts {
    private TlsContexts() {
    }

    /** A listener's context presenting {@code identity}; {@code clientTrust} null when no client certs are asked. */
    public static SSLContext server(TlsIdentity identity, ClientCertTrust clientTrust) {
        return context(new KeyManager[] {new IdentityKeyManager(identity)},
                clientTrust == null ? null : new TrustManager[] {clientTrust});
    }

    /** A client's context trusting servers by {@code trust}, presenting {@code identity} (may be null). */
    public static SSLContext client(ServerTrust trust, TlsIdentity identity) {
        return context(identity == null ? null : new KeyManager[] {new IdentityKeyManager(identity)},
                new TrustManager[] {trust});
    }

    private static SSLContext context(KeyManager[] km, TrustManager[] tm) {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(km, tm, new SecureRandom());
            return ctx;
        } catch (GeneralSecurityException e) {
            throw IdentityErrors.crypto("cannot set up TLS", e);
        }
    }
}
