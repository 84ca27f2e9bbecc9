package org.c4j.ws;

import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.c4j.socket.C4Exception;
import org.c4j.ws.internal.tls.CertificateMaker;
import org.c4j.ws.internal.tls.Certificates;
import org.c4j.ws.internal.tls.IdentityErrors;
import org.c4j.ws.internal.tls.Pkcs12;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creating, importing, finding and removing {@link TlsIdentity TLS identities} in an {@link IdentityStore}
 * (Couchbase Lite's {@code TLSIdentity} operations). Every operation either completes or throws a typed
 * {@link C4Exception} and leaves the store unchanged:
 * <ul>
 *   <li>{@link org.c4j.socket.ErrorCodes.LiteCore#NOT_FOUND}: no identity under the label;</li>
 *   <li>{@link org.c4j.socket.ErrorCodes.LiteCore#CONFLICT}: creating or importing under a label in use;</li>
 *   <li>{@link org.c4j.socket.ErrorCodes.LiteCore#CRYPTO}: a wrong PKCS#12 password;</li>
 *   <li>{@link org.c4j.socket.ErrorCodes.LiteCore#CORRUPT_DATA}: bytes that are not PKCS#12, PEM or DER;</li>
 *   <li>{@link org.c4j.socket.ErrorCodes.LiteCore#INVALID_PARAMETER}: a certificate without its private key,
 *       an empty label, an expiration in the past.</li>
 * </ul>
 *
 * <p>Stateless; thread-safe as far as the store is.
 */
public final class TlsIdentities {
    private static final Logger LOG = LoggerFactory.getLogger(TlsIdentities.class);

    /** The label the anonymous identity is saved under. */
    public static final String ANONYMOUS_LABEL = "c4j-anonymous";
    /** Common name of the anonymous identity's certificate. */
    public static final String ANONYMOUS_COMMON_NAME = "c4j anonymous listener";
    /** How long an anonymous identity is valid: one year, as Couchbase Lite's. */
    public static final Duration ANONYMOUS_VALIDITY = Duration.ofDays(365);

    /** What a certificate is for (its key usage and extended key usage). */
    public enum Usage {
        /** TLS server authentication (a listener). */
        SERVER,
        /** TLS client authentication (a replicator presenting a client certificate). */
        CLIENT,
        /** A certificate authority that signs other identities' certificates. */
        CA
    }

    /** The key pair to generate. */
    public enum KeyType {
        /** RSA with a 2048-bit modulus: what Couchbase Lite generates. */
        RSA_2048,
        /** ECDSA on NIST P-256: smaller and a faster handshake. */
        EC_P256
    }

    private TlsIdentities() {
    }

    /**
     * Generates a key pair and a self-signed certificate and saves them under {@code label}.
     *
     * @throws C4Exception CONFLICT if {@code label} is taken; INVALID_PARAMETER for an expiration in the past
     */
    public static TlsIdentity create(IdentityStore store, String label, Usage usage, KeyType keyType,
                                     CertificateAttributes attributes, Instant expiration) {
        return create(store, label, usage, keyType, attributes, expiration, null);
    }

    /**
     * Like {@link #create(IdentityStore, String, Usage, KeyType, CertificateAttributes, Instant)}, but the
     * certificate is signed by {@code issuer} (an identity created with {@link Usage#CA}), and the chain saved
     * is the new certificate followed by the issuer's chain. Null {@code issuer}: self-signed.
     */
    public static TlsIdentity create(IdentityStore store, String label, Usage usage, KeyType keyType,
                                     CertificateAttributes attributes, Instant expiration, TlsIdentity issuer) {
        Objects.requireNonNull(store, "store");
        if (label != null && store.load(label).isPresent()) {
            throw IdentityErrors.exists(label);
        }
        TlsIdentity identity = generate(label, usage, keyType, attributes, expiration, issuer);
        store.save(identity);
        LOG.info("created TLS identity {}", identity);
        return identity;
    }

    /** A new identity like {@link #create} makes, but not saved anywhere. */
    public static TlsIdentity generate(String label, Usage usage, KeyType keyType, CertificateAttributes attributes,
                                       Instant expiration, TlsIdentity issuer) {
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(keyType, "keyType");
        Objects.requireNonNull(attributes, "attributes");
        Objects.requireNonNull(expiration, "expiration");
        if (label == null || label.isBlank()) {
            throw IdentityErrors.invalid("an identity needs a non-empty label");
        }
        KeyPair keys = CertificateMaker.keyPair(keyType);
        X509Certificate cert = CertificateMaker.certificate(keys, usage, attributes, expiration,
                issuer == null ? null : issuer.certificate(), issuer == null ? null : issuer.privateKey());
        List<X509Certificate> chain = new java.util.ArrayList<>();
        chain.add(cert);
        if (issuer != null) {
            chain.addAll(issuer.certificateChain());
        }
        return TlsIdentity.of(label, keys.getPrivate(), chain);
    }

    /**
     * The listener's anonymous identity: the one saved under {@link #ANONYMOUS_LABEL} if it is valid now,
     * otherwise a new self-signed RSA 2048 server identity (valid {@link #ANONYMOUS_VALIDITY}) saved under that
     * label, replacing an expired one. So a listener presents the same certificate across restarts (a client that
     * pinned it keeps syncing) until it expires.
     */
    public static TlsIdentity anonymous(IdentityStore store) {
        Optional<TlsIdentity> saved = store.load(ANONYMOUS_LABEL);
        Instant now = Instant.now();
        if (saved.isPresent() && !saved.get().isExpiredAt(now)) {
            return saved.get();
        }
        TlsIdentity fresh = generate(ANONYMOUS_LABEL, Usage.SERVER, KeyType.RSA_2048,
                CertificateAttributes.builder(ANONYMOUS_COMMON_NAME).build(), now.plus(ANONYMOUS_VALIDITY), null);
        store.save(fresh);
        LOG.info(saved.isPresent() ? "anonymous TLS identity expired; saved a new one: {}"
                : "saved a new anonymous TLS identity: {}", fresh);
        return fresh;
    }

    /**
     * Imports the identity in a PKCS#12 file's bytes (its first key entry, by alias order) and saves it under
     * {@code label}. The PKCS#12 password opens both the file and the key.
     *
     * @throws C4Exception CRYPTO for a wrong password; CORRUPT_DATA for bytes that are not PKCS#12;
     *                     INVALID_PARAMETER if the file holds no private key (a certificate alone);
     *                     CONFLICT if {@code label} is taken
     */
    public static TlsIdentity importPkcs12(IdentityStore store, byte[] pkcs12, char[] password, String label) {
        TlsIdentity identity = readPkcs12(pkcs12, password, label);
        if (store.load(label).isPresent()) {
            throw IdentityErrors.exists(label);
        }
        store.save(identity);
        LOG.info("imported TLS identity {}", identity);
        return identity;
    }

    /** The identity in a PKCS#12 file's bytes (its first key entry), named {@code label}; nothing is saved. */
    public static TlsIdentity readPkcs12(byte[] pkcs12, char[] password, String label) {
        Objects.requireNonNull(pkcs12, "pkcs12");
        Objects.requireNonNull(password, "password");
        if (label == null || label.isBlank()) {
            throw IdentityErrors.invalid("an identity needs a non-empty label");
        }
        String what = "the PKCS#12 data";
        KeyStore ks = Pkcs12.parse(pkcs12, password, what);
        List<String> keys = Pkcs12.keyAliases(ks);
        if (keys.isEmpty()) {
            throw IdentityErrors.invalid(what + " holds no private key (a certificate alone is not an identity)");
        }
        return Pkcs12.identity(ks, keys.get(0), password, label, what);
    }

    /** {@code identity} as PKCS#12 bytes protected with {@code password} (what {@link #importPkcs12} reads). */
    public static byte[] exportPkcs12(TlsIdentity identity, char[] password) {
        return Pkcs12.export(identity, password);
    }

    /**
     * The identity saved under {@code label}.
     *
     * @throws C4Exception NOT_FOUND if there is none
     */
    public static TlsIdentity get(IdentityStore store, String label) {
        return store.load(label).orElseThrow(() -> IdentityErrors.notFound(label));
    }

    /**
     * Removes the identity saved under {@code label}.
     *
     * @throws C4Exception NOT_FOUND if there is none
     */
    public static void delete(IdentityStore store, String label) {
        if (!store.delete(label)) {
            throw IdentityErrors.notFound(label);
        }
        LOG.info("deleted TLS identity '{}'", label);
    }

    /**
     * The certificates in PEM (one or more blocks) or DER bytes, in order: what {@code pinnedCert},
     * {@code rootCerts} and {@code --cert-out} files hold.
     *
     * @throws C4Exception CORRUPT_DATA if the bytes hold no certificate
     */
    public static List<X509Certificate> readCertificates(byte[] pemOrDer) {
        return Certificates.parse(pemOrDer);
    }

    /** {@code chain} as concatenated PEM blocks. */
    public static String toPem(List<X509Certificate> chain) {
        return Certificates.toPem(chain);
    }
}
