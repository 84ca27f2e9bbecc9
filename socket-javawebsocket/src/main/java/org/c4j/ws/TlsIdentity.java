package org.c4j.ws;

import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.c4j.socket.C4Exception;
import org.c4j.ws.internal.tls.Certificates;
import org.c4j.ws.internal.tls.IdentityErrors;

/**
 * A TLS identity: a private key and its certificate chain (leaf first), kept under a label in an
 * {@link IdentityStore}. A listener presents it as its server certificate; a replicator as its client
 * certificate. Create, import and look identities up with {@link TlsIdentities}.
 *
 * <p>Immutable; thread-safe. The private key is a secret: it is never logged and never part of
 * {@link #toString()}.
 */
public final class TlsIdentity {
    private final String label;
    private final PrivateKey privateKey;
    private final List<X509Certificate> chain;

    private TlsIdentity(String label, PrivateKey privateKey, List<X509Certificate> chain) {
        this.label = label;
        this.privateKey = privateKey;
        this.chain = chain;
    }

    /**
     * An identity of {@code privateKey} and {@code chain} (leaf first).
     *
     * @throws C4Exception {@link org.c4j.socket.ErrorDomain#LITECORE}
     *                     {@link org.c4j.socket.ErrorCodes.LiteCore#INVALID_PARAMETER} for an empty label or chain,
     *                     or a key that is not the leaf certificate's
     */
    public static TlsIdentity of(String label, PrivateKey privateKey, List<X509Certificate> chain) {
        if (label == null || label.isBlank()) {
            throw IdentityErrors.invalid("an identity needs a non-empty label");
        }
        Objects.requireNonNull(privateKey, "privateKey");
        if (chain == null || chain.isEmpty()) {
            throw IdentityErrors.invalid("identity '" + label + "' has no certificate");
        }
        List<X509Certificate> copy = List.copyOf(chain);
        Certificates.checkKeyMatches(privateKey, copy.get(0), label);
        return new TlsIdentity(label, privateKey, copy);
    }

    public String label() {
        return label;
    }

    /** The leaf certificate (the one presented to the peer). */
    public X509Certificate certificate() {
        return chain.get(0);
    }

    /** The leaf and any issuing certificates, leaf first. */
    public List<X509Certificate> certificateChain() {
        return chain;
    }

    /** The private key. A secret: never log it. */
    public PrivateKey privateKey() {
        return privateKey;
    }

    /** When the leaf certificate stops being valid. */
    public Instant expiration() {
        return certificate().getNotAfter().toInstant();
    }

    /** True if the leaf certificate is not valid at {@code when} (expired or not yet valid). */
    public boolean isExpiredAt(Instant when) {
        return when.isAfter(expiration()) || when.isBefore(certificate().getNotBefore().toInstant());
    }

    /** The leaf certificate in DER form. */
    public byte[] certificateDer() {
        try {
            return certificate().getEncoded();
        } catch (CertificateEncodingException e) {
            throw IdentityErrors.corrupt("identity '" + label + "' certificate cannot be encoded", e);
        }
    }

    /** The leaf certificate as a PEM block ({@code -----BEGIN CERTIFICATE-----}). */
    public String certificatePem() {
        return Certificates.toPem(List.of(certificate()));
    }

    /** The whole chain as concatenated PEM blocks, leaf first. */
    public String certificateChainPem() {
        return Certificates.toPem(chain);
    }

    /** Label, subject and expiration; never the key. */
    @Override
    public String toString() {
        return "TlsIdentity{" + label + ", " + certificate().getSubjectX500Principal().getName() + ", expires "
                + expiration() + "}";
    }
}
