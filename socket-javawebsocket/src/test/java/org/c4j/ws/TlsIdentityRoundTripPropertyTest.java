package org.c4j.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.c4j.ws.TlsIdentities.KeyType;
import org.c4j.ws.TlsIdentities.Usage;

/**
 * Random subject attributes, SANs and expirations survive create → export (PKCS#12, and PEM) → import: the same
 * subject attributes, SANs and validity end.
 */
public class TlsIdentityRoundTripPropertyTest {
    private static final char[] PW = "round-trip".toCharArray();

    record Case(CertificateAttributes attributes, long validitySeconds, Usage usage) {
    }

    @Property(tries = 40)
    void createExportImportKeepsSubjectSansAndValidity(@ForAll("cases") Case c) throws Exception {
        Instant expiration = Instant.now().plusSeconds(c.validitySeconds()).truncatedTo(ChronoUnit.SECONDS);
        IdentityStore source = IdentityStore.inMemory();
        TlsIdentity created = TlsIdentities.create(source, "made", c.usage(), KeyType.EC_P256, c.attributes(),
                expiration);
        byte[] p12 = TlsIdentities.exportPkcs12(created, PW);
        IdentityStore target = IdentityStore.inMemory();
        TlsIdentity imported = TlsIdentities.importPkcs12(target, p12, PW, "imported");

        X509Certificate cert = imported.certificate();
        assertEquals(created.certificate(), cert);
        assertEquals(created.privateKey(), imported.privateKey());
        assertEquals(expected(c.attributes()), subject(cert));
        assertEquals(new HashSet<>(c.attributes().dnsNames()), sans(cert, 2));
        Set<InetAddress> ips = new HashSet<>();
        for (String ip : sans(cert, 7)) {
            ips.add(InetAddress.getByName(ip));
        }
        assertEquals(new HashSet<>(c.attributes().ipAddresses()), ips);
        assertEquals(expiration, cert.getNotAfter().toInstant());
        assertTrue(cert.getNotBefore().toInstant().isBefore(Instant.now()));
        assertEquals(List.of(cert), TlsIdentities.readCertificates(
                imported.certificatePem().getBytes(StandardCharsets.US_ASCII)));
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<String> text = Arbitraries.strings().alpha().numeric().withChars(" -._,+=äé").ofMinLength(1)
                .ofMaxLength(24).filter(s -> !s.isBlank());
        Arbitrary<String> optional = text.injectNull(0.4);
        Arbitrary<String> country = Arbitraries.strings().withCharRange('A', 'Z').ofLength(2).injectNull(0.4);
        Arbitrary<String> email = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(10)
                .map(s -> s + "@example.org").injectNull(0.5);
        Arbitrary<String> label = Arbitraries.strings().withCharRange('a', 'z').numeric().ofMinLength(1)
                .ofMaxLength(10);
        Arbitrary<List<String>> dns = Combinators.combine(label, label).as((a, b) -> a + "." + b + ".example")
                .list().ofMaxSize(4).uniqueElements();
        Arbitrary<List<InetAddress>> ips = Arbitraries.oneOf(Arbitraries.bytes().array(byte[].class).ofSize(4),
                        Arbitraries.bytes().array(byte[].class).ofSize(16))
                .map(TlsIdentityRoundTripPropertyTest::address).list().ofMaxSize(3).uniqueElements();
        Arbitrary<CertificateAttributes> attributes = Combinators.combine(text, optional, optional, country,
                optional, optional, email, dns).as((cn, o, ou, ctry, l, st, e, d) ->
                new CertificateAttributes(cn, o, ou, ctry, l, st, e, d, List.of()));
        Arbitrary<CertificateAttributes> withIps = Combinators.combine(attributes, ips).as((a, i) ->
                new CertificateAttributes(a.commonName(), a.organization(), a.organizationalUnit(), a.country(),
                        a.locality(), a.state(), a.email(), a.dnsNames(), i));
        Arbitrary<Long> validity = Arbitraries.longs().between(60, Duration.ofDays(3650).toSeconds());
        return Combinators.combine(withIps, validity, Arbitraries.of(Usage.class)).as(Case::new);
    }

    private static InetAddress address(byte[] b) {
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<ASN1ObjectIdentifier, String> expected(CertificateAttributes a) {
        Map<ASN1ObjectIdentifier, String> m = new HashMap<>();
        m.put(BCStyle.CN, a.commonName());
        put(m, BCStyle.O, a.organization());
        put(m, BCStyle.OU, a.organizationalUnit());
        put(m, BCStyle.C, a.country());
        put(m, BCStyle.L, a.locality());
        put(m, BCStyle.ST, a.state());
        put(m, BCStyle.EmailAddress, a.email());
        return m;
    }

    private static void put(Map<ASN1ObjectIdentifier, String> m, ASN1ObjectIdentifier oid, String v) {
        if (v != null) {
            m.put(oid, v);
        }
    }

    private static Map<ASN1ObjectIdentifier, String> subject(X509Certificate cert) {
        Map<ASN1ObjectIdentifier, String> m = new HashMap<>();
        for (RDN rdn : X500Name.getInstance(cert.getSubjectX500Principal().getEncoded()).getRDNs()) {
            m.put(rdn.getFirst().getType(), ((ASN1String) rdn.getFirst().getValue()).getString());
        }
        return m;
    }

    private static Set<String> sans(X509Certificate cert, int type) throws Exception {
        Set<String> out = new HashSet<>();
        Collection<List<?>> all = cert.getSubjectAlternativeNames();
        if (all != null) {
            for (List<?> san : all) {
                if ((Integer) san.get(0) == type) {
                    out.add((String) san.get(1));
                }
            }
        }
        return out;
    }
}
