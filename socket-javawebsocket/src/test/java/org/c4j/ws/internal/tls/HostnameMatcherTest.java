package org.c4j.ws.internal.tls;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;

import org.c4j.ws.CertificateAttributes;
import org.c4j.ws.TlsIdentities;
import org.c4j.ws.TlsIdentity;
import org.junit.jupiter.api.Test;

/** Host name checks: DNS SANs with a leftmost wildcard, IP SANs exactly, the CN only without DNS SANs. */
public class HostnameMatcherTest {
    private static TlsIdentity id(CertificateAttributes a) {
        return TlsIdentities.generate("h", TlsIdentities.Usage.SERVER, TlsIdentities.KeyType.EC_P256, a,
                Instant.now().plus(Duration.ofDays(1)), null);
    }

    @Test
    void dnsWildcardsMatchOneLeftmostLabel() {
        assertTrue(HostnameMatcher.dnsMatches("*.example.com", "a.example.com"));
        assertTrue(HostnameMatcher.dnsMatches("*.Example.COM", "A.example.com."));
        assertFalse(HostnameMatcher.dnsMatches("*.example.com", "a.b.example.com"));
        assertFalse(HostnameMatcher.dnsMatches("*.example.com", "example.com"));
        assertFalse(HostnameMatcher.dnsMatches("*.com", "example.com"));
        assertTrue(HostnameMatcher.dnsMatches("db.local", "DB.local"));
    }

    @Test
    void certificatesMatchTheirSansOrElseTheirCommonName() throws Exception {
        TlsIdentity sans = id(CertificateAttributes.builder("ignored.example").dnsName("*.peer.example")
                .ipAddress(InetAddress.getByName("10.1.2.3")).ipAddress(InetAddress.getByName("::1")).build());
        assertTrue(HostnameMatcher.matches(sans.certificate(), "x.peer.example"));
        assertTrue(HostnameMatcher.matches(sans.certificate(), "10.1.2.3"));
        assertTrue(HostnameMatcher.matches(sans.certificate(), "[::1]"));
        assertTrue(HostnameMatcher.matches(sans.certificate(), "0:0:0:0:0:0:0:1"));
        assertFalse(HostnameMatcher.matches(sans.certificate(), "ignored.example"));
        assertFalse(HostnameMatcher.matches(sans.certificate(), "10.1.2.4"));
        assertFalse(HostnameMatcher.matches(sans.certificate(), null));

        TlsIdentity cnOnly = id(CertificateAttributes.builder("only.cn.example").build());
        assertTrue(HostnameMatcher.matches(cnOnly.certificate(), "only.cn.example"));
        assertFalse(HostnameMatcher.matches(cnOnly.certificate(), "127.0.0.1"));
    }
}
