package org.c4j.interop;

import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.c4j.ws.CertificateAttributes;
import org.c4j.ws.TlsIdentities;
import org.c4j.ws.TlsIdentity;

/** TLS helpers of the interop tests: identities and a JSSE server context built through c4j's public API. */
final class TlsSide {
    static final Instant YEAR = Instant.now().plus(Duration.ofDays(365));

    private TlsSide() {
    }

    /** A server identity for 127.0.0.1 and localhost, signed by {@code issuer} (null: self-signed). */
    static TlsIdentity server(String label, TlsIdentities.KeyType type, TlsIdentity issuer) {
        return TlsIdentities.generate(label, TlsIdentities.Usage.SERVER, type,
                CertificateAttributes.builder("localhost").dnsName("localhost")
                        .ipAddress(InetAddress.getLoopbackAddress()).build(), YEAR, issuer);
    }

    static TlsIdentity ca(String label) {
        return TlsIdentities.generate(label, TlsIdentities.Usage.CA, TlsIdentities.KeyType.EC_P256,
                CertificateAttributes.builder(label).build(), YEAR, null);
    }

    /** A JSSE server context presenting {@code identity} (through a PKCS#12 round trip: public API only). */
    static SSLContext serverContext(TlsIdentity identity) throws Exception {
        char[] pw = "interop".toCharArray();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(new ByteArrayInputStream(TlsIdentities.exportPkcs12(identity, pw)), pw);
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, pw);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        return ctx;
    }
}
