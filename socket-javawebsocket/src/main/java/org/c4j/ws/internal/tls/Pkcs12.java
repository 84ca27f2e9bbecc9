package org.c4j.ws.internal.tls;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.c4j.socket.C4Exception;
import org.c4j.ws.TlsIdentity;

/**
 * PKCS#12 key stores in memory (JDK {@link KeyStore}): parse with a password, read identities, serialize.
 * Every foreign exception is mapped to an {@link IdentityErrors} error here. Pure; thread-safe.
 */
public final class Pkcs12 {
    public static final String TYPE = "PKCS12";

    private Pkcs12() {
    }

    /** An empty store. */
    public static KeyStore empty() {
        try {
            KeyStore ks = KeyStore.getInstance(TYPE);
            ks.load(null, null);
            return ks;
        } catch (IOException | GeneralSecurityException e) {
            throw IdentityErrors.crypto("no PKCS#12 support in this JDK", e);
        }
    }

    /**
     * Parses {@code data}.
     *
     * @param what names the data in error messages (a file name, "the PKCS#12 data")
     * @throws C4Exception {@link IdentityErrors#wrongPassword} or {@link IdentityErrors#corrupt}
     */
    public static KeyStore parse(byte[] data, char[] password, String what) {
        try {
            KeyStore ks = KeyStore.getInstance(TYPE);
            ks.load(new ByteArrayInputStream(data), password);
            return ks;
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException) {
                throw IdentityErrors.wrongPassword(what);
            }
            throw IdentityErrors.corrupt(what + " is not a readable PKCS#12 file", e);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw IdentityErrors.corrupt(what + " is not a readable PKCS#12 file", e);
        }
    }

    /** {@code ks} serialized, protected with {@code password}. */
    public static byte[] serialize(KeyStore ks, char[] password) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ks.store(out, password);
            return out.toByteArray();
        } catch (IOException | GeneralSecurityException e) {
            throw IdentityErrors.crypto("cannot write a PKCS#12 store", e);
        }
    }

    /** Key entry aliases of {@code ks}, sorted. */
    public static List<String> keyAliases(KeyStore ks) {
        try {
            List<String> out = new ArrayList<>();
            for (String alias : Collections.list(ks.aliases())) {
                if (ks.isKeyEntry(alias)) {
                    out.add(alias);
                }
            }
            Collections.sort(out);
            return out;
        } catch (GeneralSecurityException e) {
            throw IdentityErrors.crypto("cannot list a PKCS#12 store", e);
        }
    }

    /** All aliases of {@code ks} (key and certificate entries). */
    public static List<String> aliases(KeyStore ks) {
        try {
            return Collections.list(ks.aliases());
        } catch (GeneralSecurityException e) {
            throw IdentityErrors.crypto("cannot list a PKCS#12 store", e);
        }
    }

    /**
     * The identity stored under {@code alias}, named {@code label}; null if there is no such alias.
     *
     * @throws C4Exception {@link IdentityErrors#invalid} if the entry is a certificate without a private key;
     *                     {@link IdentityErrors#wrongPassword} if {@code password} does not open its key
     */
    public static TlsIdentity identity(KeyStore ks, String alias, char[] password, String label, String what) {
        try {
            if (!ks.containsAlias(alias)) {
                return null;
            }
            if (!ks.isKeyEntry(alias)) {
                throw IdentityErrors.invalid(what + ": entry '" + alias + "' is a certificate without a private key");
            }
            Key key = ks.getKey(alias, password);
            if (!(key instanceof PrivateKey pk)) {
                throw IdentityErrors.invalid(what + ": entry '" + alias + "' holds no private key");
            }
            Certificate[] chain = ks.getCertificateChain(alias);
            if (chain == null || chain.length == 0) {
                throw IdentityErrors.invalid(what + ": entry '" + alias + "' has a key but no certificate");
            }
            List<X509Certificate> certs = new ArrayList<>();
            for (Certificate c : chain) {
                if (!(c instanceof X509Certificate x)) {
                    throw IdentityErrors.invalid(what + ": entry '" + alias + "' holds a non-X.509 certificate");
                }
                certs.add(x);
            }
            return TlsIdentity.of(label, pk, certs);
        } catch (UnrecoverableKeyException e) {
            throw IdentityErrors.wrongPassword(what);
        } catch (GeneralSecurityException e) {
            throw IdentityErrors.corrupt(what + ": entry '" + alias + "' cannot be read", e);
        }
    }

    /** Stores {@code identity} in {@code ks} under its label, its key protected with {@code password}. */
    public static void put(KeyStore ks, TlsIdentity identity, char[] password) {
        try {
            ks.setKeyEntry(identity.label(), identity.privateKey(), password,
                    identity.certificateChain().toArray(Certificate[]::new));
        } catch (GeneralSecurityException e) {
            throw IdentityErrors.crypto("cannot store identity '" + identity.label() + "'", e);
        }
    }

    /** Removes {@code alias} from {@code ks}. */
    public static void remove(KeyStore ks, String alias) {
        try {
            ks.deleteEntry(alias);
        } catch (GeneralSecurityException e) {
            throw IdentityErrors.crypto("cannot remove identity '" + alias + "'", e);
        }
    }

    /** {@code identity} as a one-entry PKCS#12 file protected with {@code password}. */
    public static byte[] export(TlsIdentity identity, char[] password) {
        KeyStore ks = empty();
        put(ks, identity, password);
        return serialize(ks, password);
    }
}
