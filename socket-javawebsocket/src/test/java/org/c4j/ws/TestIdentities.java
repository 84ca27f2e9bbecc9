package org.c4j.ws;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;

import org.c4j.ws.TlsIdentities.KeyType;
import org.c4j.ws.TlsIdentities.Usage;

/**
 * Identities shared by the TLS tests, made once per JVM (EC keys: generation takes microseconds, RSA 2048 up to a
 * second): a CA, a server identity it signed for 127.0.0.1/localhost, client identities signed by it, by another
 * CA, and expired ones, and a self-signed server identity.
 */
public final class TestIdentities {
    static final Instant YEAR = Instant.now().plus(Duration.ofDays(365));
    /** Already expired: valid from an hour ago until a minute ago. */
    static final Instant PAST = Instant.now().minus(Duration.ofMinutes(1));

    static final TlsIdentity CA = gen("ca", Usage.CA, "c4j test CA", YEAR, null);
    static final TlsIdentity OTHER_CA = gen("other-ca", Usage.CA, "c4j test CA", YEAR, null);
    static final TlsIdentity SERVER = server("server", "localhost", YEAR, CA);
    static final TlsIdentity SELF_SIGNED_SERVER = server("self-signed", "localhost", YEAR, null);
    static final TlsIdentity EXPIRED_SERVER = server("expired-server", "localhost", PAST, CA);
    /** CA-signed, but naming only example.com: a host name mismatch for 127.0.0.1. */
    static final TlsIdentity OTHER_HOST_SERVER = gen("other-host", Usage.SERVER,
            CertificateAttributes.builder("example.com").dnsName("example.com").build(), YEAR, CA);
    static final TlsIdentity CLIENT = gen("client", Usage.CLIENT, "alice", YEAR, CA);
    static final TlsIdentity CLIENT_OF_OTHER_CA = gen("client-other", Usage.CLIENT, "mallory", YEAR, OTHER_CA);
    static final TlsIdentity EXPIRED_CLIENT = gen("client-expired", Usage.CLIENT, "bob", PAST, CA);

    private TestIdentities() {
    }

    static TlsIdentity server(String label, String dns, Instant expiration, TlsIdentity issuer) {
        return gen(label, Usage.SERVER, CertificateAttributes.builder(dns).dnsName(dns)
                .ipAddress(InetAddress.getLoopbackAddress()).build(), expiration, issuer);
    }

    private static TlsIdentity gen(String label, Usage usage, String cn, Instant expiration, TlsIdentity issuer) {
        return gen(label, usage, CertificateAttributes.builder(cn).build(), expiration, issuer);
    }

    private static TlsIdentity gen(String label, Usage usage, CertificateAttributes attributes, Instant expiration,
                                   TlsIdentity issuer) {
        return TlsIdentities.generate(label, usage, KeyType.EC_P256, attributes, expiration, issuer);
    }
}
