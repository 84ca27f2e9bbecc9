package org.c4j.ws.internal.tls;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

import org.c4j.ws.TlsIdentity;

/**
 * Presents one {@link TlsIdentity}: as the server certificate of a listener, or as a client certificate whenever
 * a server asks for one (whatever CA names it lists, so a server that would refuse it says so with its alert,
 * rather than the client silently sending none). Immutable; thread-safe.
 */
public final class IdentityKeyManager extends X509ExtendedKeyManager {
    private final TlsIdentity identity;
    private final String keyType;

    public IdentityKeyManager(TlsIdentity identity) {
        this.identity = identity;
        this.keyType = identity.privateKey().getAlgorithm();
    }

    private String[] alias(String type) {
        return type == null || type.equals(keyType) ? new String[] {identity.label()} : null;
    }

    private String choose(String[] types) {
        if (types == null) {
            return identity.label();
        }
        for (String t : types) {
            if (t.equals(keyType) || t.startsWith(keyType + "_")) {
                return identity.label();
            }
        }
        return null;
    }

    @Override
    public String[] getClientAliases(String type, Principal[] issuers) {
        return alias(type);
    }

    @Override
    public String chooseClientAlias(String[] types, Principal[] issuers, Socket socket) {
        return choose(types);
    }

    @Override
    public String chooseEngineClientAlias(String[] types, Principal[] issuers, SSLEngine engine) {
        return choose(types);
    }

    @Override
    public String[] getServerAliases(String type, Principal[] issuers) {
        return alias(type);
    }

    @Override
    public String chooseServerAlias(String type, Principal[] issuers, Socket socket) {
        return type == null || type.equals(keyType) || type.startsWith(keyType + "_") ? identity.label() : null;
    }

    @Override
    public String chooseEngineServerAlias(String type, Principal[] issuers, SSLEngine engine) {
        return chooseServerAlias(type, issuers, null);
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return identity.label().equals(alias) ? identity.certificateChain().toArray(X509Certificate[]::new) : null;
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return identity.label().equals(alias) ? identity.privateKey() : null;
    }

    @Override
    public String toString() {
        return "IdentityKeyManager{" + identity.label() + "}";
    }
}
