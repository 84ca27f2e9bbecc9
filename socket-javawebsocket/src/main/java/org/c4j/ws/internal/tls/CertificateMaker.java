package org.c4j.ws.internal.tls;

import java.math.BigInteger;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.c4j.ws.CertificateAttributes;
import org.c4j.ws.TlsIdentities.KeyType;
import org.c4j.ws.TlsIdentities.Usage;

/**
 * Generates key pairs and X.509 v3 certificates with Bouncy Castle's builders (signing through the JDK's
 * providers): subject from {@link CertificateAttributes}, SANs, key usage and extended key usage for the
 * {@link Usage}, a random 128-bit serial number. Stateless; thread-safe.
 */
public final class CertificateMaker {
    /**
     * How far before "now" a new certificate's validity starts: covers clock differences between peers (a
     * certificate "not yet valid" on a peer whose clock lags is refused).
     */
    private static final Duration BACKDATE = Duration.ofHours(1);
    private static final int SERIAL_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private CertificateMaker() {
    }

    /** A new key pair of {@code type}. */
    public static KeyPair keyPair(KeyType type) {
        try {
            KeyPairGenerator g;
            if (type == KeyType.EC_P256) {
                g = KeyPairGenerator.getInstance("EC");
                g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            } else {
                g = KeyPairGenerator.getInstance("RSA");
                g.initialize(2048, RANDOM);
            }
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw IdentityErrors.crypto("cannot generate a " + type + " key pair", e);
        }
    }

    /**
     * A certificate for {@code keys}' public key, valid from an hour ago until {@code notAfter}, signed by
     * {@code issuerKey} as {@code issuer} (null for self-signed, then signed by {@code keys}' own private key).
     */
    public static X509Certificate certificate(KeyPair keys, Usage usage, CertificateAttributes attributes,
                                              Instant notAfter, X509Certificate issuer, PrivateKey issuerKey) {
        Instant notBefore = Instant.now().minus(BACKDATE);
        if (!notAfter.isAfter(notBefore)) {
            throw IdentityErrors.invalid("expiration " + notAfter + " is in the past");
        }
        X500Name subject = subject(attributes);
        PrivateKey signingKey = issuer == null ? keys.getPrivate() : issuerKey;
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X500Name issuerName = issuer == null ? subject
                    : X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded());
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuerName,
                    new BigInteger(SERIAL_BITS, RANDOM), Date.from(notBefore), Date.from(notAfter), subject,
                    keys.getPublic());
            b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
            if (issuer != null) {
                b.addExtension(Extension.authorityKeyIdentifier, false,
                        ext.createAuthorityKeyIdentifier(issuer.getPublicKey()));
            }
            boolean ca = usage == Usage.CA;
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            boolean rsa = keys.getPublic().getAlgorithm().equals("RSA");
            int keyUsage = ca ? KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature
                    : KeyUsage.digitalSignature | (rsa ? KeyUsage.keyEncipherment : 0);
            b.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage));
            if (!ca) {
                b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                        usage == Usage.SERVER ? KeyPurposeId.id_kp_serverAuth : KeyPurposeId.id_kp_clientAuth));
            }
            List<GeneralName> sans = new ArrayList<>();
            for (String dns : attributes.dnsNames()) {
                sans.add(new GeneralName(GeneralName.dNSName, dns));
            }
            for (InetAddress ip : attributes.ipAddresses()) {
                sans.add(new GeneralName(GeneralName.iPAddress, new DEROctetString(ip.getAddress())));
            }
            if (!sans.isEmpty()) {
                b.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(sans.toArray(GeneralName[]::new)));
            }
            String algorithm = signingKey.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
            ContentSigner signer = new JcaContentSignerBuilder(algorithm).build(signingKey);
            return new JcaX509CertificateConverter().getCertificate(b.build(signer));
        } catch (CertIOException | OperatorCreationException | GeneralSecurityException e) {
            throw IdentityErrors.crypto("cannot build the certificate for '" + attributes.commonName() + "'", e);
        } catch (IllegalArgumentException e) {
            throw IdentityErrors.invalid("unusable certificate attributes: " + e.getMessage());
        }
    }

    /** The distinguished name, most significant attribute first (C, ST, L, O, OU, CN, E). */
    private static X500Name subject(CertificateAttributes a) {
        X500NameBuilder n = new X500NameBuilder(BCStyle.INSTANCE);
        add(n, BCStyle.C, a.country());
        add(n, BCStyle.ST, a.state());
        add(n, BCStyle.L, a.locality());
        add(n, BCStyle.O, a.organization());
        add(n, BCStyle.OU, a.organizationalUnit());
        add(n, BCStyle.CN, a.commonName());
        add(n, BCStyle.EmailAddress, a.email());
        return n.build();
    }

    private static void add(X500NameBuilder n, ASN1ObjectIdentifier oid, String value) {
        if (value != null && !value.isEmpty()) {
            n.addRDN(oid, value);
        }
    }
}
