package org.c4j.ws.internal.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.c4j.socket.C4Exception;

/**
 * Certificate and key encodings: PEM and DER in, X.509 objects out, and back. Pure; thread-safe.
 */
public final class Certificates {
    private static final String PEM_BEGIN = "-----BEGIN CERTIFICATE-----";
    private static final String PEM_END = "-----END CERTIFICATE-----";
    private static final int PEM_LINE = 64;

    private Certificates() {
    }

    /**
     * The certificates in {@code data}: one or more PEM blocks, or DER (one certificate, or several
     * concatenated), in their order.
     *
     * @throws C4Exception {@link IdentityErrors#corrupt} if {@code data} holds no certificate or does not parse
     */
    public static List<X509Certificate> parse(byte[] data) {
        if (data == null || data.length == 0) {
            throw IdentityErrors.corrupt("no certificate data", null);
        }
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            List<X509Certificate> out = new ArrayList<>();
            for (Certificate c : cf.generateCertificates(new ByteArrayInputStream(data))) {
                out.add((X509Certificate) c);
            }
            if (out.isEmpty()) {
                throw IdentityErrors.corrupt("no certificate found in the data", null);
            }
            return List.copyOf(out);
        } catch (CertificateException e) {
            throw IdentityErrors.corrupt("not a PEM or DER certificate: " + e.getMessage(), e);
        }
    }

    /** PEM blocks of {@code chain}, in order. */
    public static String toPem(List<X509Certificate> chain) {
        Base64.Encoder b64 = Base64.getMimeEncoder(PEM_LINE, "\n".getBytes(StandardCharsets.US_ASCII));
        StringBuilder sb = new StringBuilder();
        for (X509Certificate c : chain) {
            sb.append(PEM_BEGIN).append('\n').append(b64.encodeToString(der(c))).append('\n').append(PEM_END)
                    .append('\n');
        }
        return sb.toString();
    }

    /** The DER encoding of {@code c}. */
    public static byte[] der(X509Certificate c) {
        try {
            return c.getEncoded();
        } catch (CertificateEncodingException e) {
            throw IdentityErrors.corrupt("certificate cannot be encoded", e);
        }
    }

    /**
     * A private key from PEM ({@code PRIVATE KEY}, {@code RSA PRIVATE KEY}, {@code EC PRIVATE KEY}) or PKCS#8
     * DER.
     *
     * @throws C4Exception {@link IdentityErrors#corrupt} if it is neither
     */
    public static PrivateKey parsePrivateKey(byte[] data) {
        if (data == null || data.length == 0) {
            throw IdentityErrors.corrupt("no private key data", null);
        }
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        try {
            String text = new String(data, StandardCharsets.US_ASCII);
            if (text.contains("-----BEGIN")) {
                try (PEMParser parser = new PEMParser(new StringReader(text))) {
                    Object o = parser.readObject();
                    if (o instanceof PEMKeyPair pair) {
                        return converter.getKeyPair(pair).getPrivate();
                    } else if (o instanceof PrivateKeyInfo info) {
                        return converter.getPrivateKey(info);
                    }
                    throw IdentityErrors.corrupt("the PEM data holds no unencrypted private key", null);
                }
            }
            return converter.getPrivateKey(PrivateKeyInfo.getInstance(data));
        } catch (IOException | RuntimeException e) {
            if (e instanceof C4Exception c) {
                throw c;
            }
            throw IdentityErrors.corrupt("not a PEM or PKCS#8 private key", e);
        }
    }

    /** The PKCS#8 DER encoding of {@code key}. A secret. */
    public static byte[] pkcs8(PrivateKey key) {
        return key.getEncoded();
    }

    /**
     * Checks that {@code key} belongs to {@code certificate} by signing a probe with it and verifying with the
     * certificate's public key.
     *
     * @throws C4Exception {@link IdentityErrors#invalid} if it does not
     */
    public static void checkKeyMatches(PrivateKey key, X509Certificate certificate, String label) {
        PublicKey pub = certificate.getPublicKey();
        if (!key.getAlgorithm().equals(pub.getAlgorithm())) {
            throw IdentityErrors.invalid("identity '" + label + "': the private key (" + key.getAlgorithm()
                    + ") is not the certificate's (" + pub.getAlgorithm() + ")");
        }
        String algorithm = key.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
        byte[] probe = "c4j identity key check".getBytes(StandardCharsets.US_ASCII);
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(pub);
            verifier.update(probe);
            if (!verifier.verify(signature)) {
                throw IdentityErrors.invalid("identity '" + label + "': the private key is not the certificate's");
            }
        } catch (GeneralSecurityException e) {
            throw IdentityErrors.invalid("identity '" + label + "': cannot use the private key ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    /** True if {@code c} is issued by itself: same subject and issuer, and its own key verifies its signature. */
    public static boolean isSelfSigned(X509Certificate c) {
        if (!c.getSubjectX500Principal().equals(c.getIssuerX500Principal())) {
            return false;
        }
        try {
            c.verify(c.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
