package org.c4j.ws;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;

import org.c4j.socket.C4Exception;
import org.c4j.socket.ErrorCodes;
import org.c4j.socket.ErrorDomain;
import org.c4j.ws.TlsIdentities.KeyType;
import org.c4j.ws.TlsIdentities.Usage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Creating, storing, importing and exporting TLS identities; each bad input a typed error that changes nothing. */
public class TlsIdentitiesTest {
    private static final char[] PW = "store-secret".toCharArray();

    @TempDir
    Path dir;

    @Test
    void createsRsaAndEcIdentitiesWithTheirAttributesUsagesAndExpiration() throws Exception {
        IdentityStore store = Pkcs12IdentityStore.open(dir, PW);
        Instant expiration = Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        CertificateAttributes attrs = CertificateAttributes.builder("srv.example").organization("Acme")
                .organizationalUnit("Mobile").country("DE").locality("Berlin").state("BE").email("ops@example.org")
                .dnsName("srv.example").ipAddress(InetAddress.getByName("10.0.0.7")).build();
        TlsIdentity rsa = TlsIdentities.create(store, "rsa", Usage.SERVER, KeyType.RSA_2048, attrs, expiration);
        TlsIdentity ec = TlsIdentities.create(store, "ec", Usage.CLIENT, KeyType.EC_P256, attrs, expiration);

        assertEquals("RSA", rsa.privateKey().getAlgorithm());
        assertEquals(2048, ((RSAPublicKey) rsa.certificate().getPublicKey()).getModulus().bitLength());
        assertEquals("EC", ec.privateKey().getAlgorithm());
        assertEquals(expiration, rsa.expiration());
        String dn = rsa.certificate().getSubjectX500Principal().getName();
        for (String part : List.of("CN=srv.example", "O=Acme", "OU=Mobile", "C=DE", "L=Berlin", "ST=BE")) {
            assertTrue(dn.contains(part), dn);
        }
        assertTrue(rsa.certificate().getExtendedKeyUsage().contains("1.3.6.1.5.5.7.3.1")); // serverAuth
        assertTrue(ec.certificate().getExtendedKeyUsage().contains("1.3.6.1.5.5.7.3.2")); // clientAuth
        assertEquals(-1, rsa.certificate().getBasicConstraints());
        assertEquals(List.of("ec", "rsa"), store.labels());
        assertEquals(rsa.certificate(), TlsIdentities.get(store, "rsa").certificate());
        assertEquals(rsa.privateKey(), TlsIdentities.get(Pkcs12IdentityStore.open(dir, PW), "rsa").privateKey());
    }

    @Test
    void theStoreFileIsOwnerOnlyAndNothingSecretIsInToString() throws Exception {
        Pkcs12IdentityStore store = Pkcs12IdentityStore.open(dir, PW);
        TlsIdentity id = TlsIdentities.create(store, "mine", Usage.SERVER, KeyType.EC_P256,
                CertificateAttributes.builder("me").build(), TestIdentities.YEAR);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file())));
        String key = Base64.getEncoder().encodeToString(id.privateKey().getEncoded());
        for (String s : List.of(id.toString(), store.toString())) {
            assertFalse(s.contains(key.substring(0, 16)), s);
            assertFalse(s.contains("store-secret"), s);
        }
        assertFalse(new String(Files.readAllBytes(store.file()), StandardCharsets.ISO_8859_1).contains("BEGIN"));
    }

    @Test
    void anonymousIdentityIsMadeOnceReusedAndRenewedOnlyWhenExpired() {
        TlsIdentity first = TlsIdentities.anonymous(Pkcs12IdentityStore.open(dir, PW));
        TlsIdentity again = TlsIdentities.anonymous(Pkcs12IdentityStore.open(dir, PW)); // a "restart"
        assertEquals(first.certificate(), again.certificate());
        assertEquals(TlsIdentities.ANONYMOUS_LABEL, first.label());
        assertEquals("RSA", first.privateKey().getAlgorithm());
        assertTrue(first.expiration().isAfter(Instant.now().plus(364, ChronoUnit.DAYS)));

        IdentityStore store = Pkcs12IdentityStore.open(dir, PW);
        TlsIdentity expired = TlsIdentities.generate(TlsIdentities.ANONYMOUS_LABEL, Usage.SERVER, KeyType.EC_P256,
                CertificateAttributes.builder("old").build(), TestIdentities.PAST, null);
        store.save(expired);
        TlsIdentity renewed = TlsIdentities.anonymous(store);
        assertNotEquals(expired.certificate(), renewed.certificate());
        assertFalse(renewed.isExpiredAt(Instant.now()));
        assertEquals(renewed.certificate(), TlsIdentities.anonymous(store).certificate());
    }

    @Test
    void importsAndExportsPkcs12AndPemAndDeletesByLabel() {
        IdentityStore store = Pkcs12IdentityStore.open(dir, PW);
        byte[] p12 = TlsIdentities.exportPkcs12(TestIdentities.SERVER, "p12-pass".toCharArray());
        TlsIdentity imported = TlsIdentities.importPkcs12(store, p12, "p12-pass".toCharArray(), "imported");
        assertEquals("imported", imported.label());
        assertEquals(TestIdentities.SERVER.certificateChain(), imported.certificateChain());
        assertEquals(TestIdentities.SERVER.privateKey(), imported.privateKey());

        List<X509Certificate> fromPem = TlsIdentities.readCertificates(
                imported.certificatePem().getBytes(StandardCharsets.US_ASCII));
        assertEquals(List.of(imported.certificate()), fromPem);
        assertEquals(List.of(imported.certificate()), TlsIdentities.readCertificates(imported.certificateDer()));
        assertEquals(imported.certificateChain(), TlsIdentities.readCertificates(
                imported.certificateChainPem().getBytes(StandardCharsets.US_ASCII)));

        TlsIdentities.delete(store, "imported");
        assertEquals(List.of(), store.labels());
        assertCode(ErrorCodes.LiteCore.NOT_FOUND, () -> TlsIdentities.get(store, "imported"));
        assertCode(ErrorCodes.LiteCore.NOT_FOUND, () -> TlsIdentities.delete(store, "imported"));
    }

    @Test
    void badInputsAreTypedErrorsAndChangeNothing() throws Exception {
        byte[] certOnly = certificateOnlyPkcs12();
        Pkcs12IdentityStore store = Pkcs12IdentityStore.open(dir, PW);
        TlsIdentities.create(store, "keep", Usage.SERVER, KeyType.EC_P256,
                CertificateAttributes.builder("keep").build(), TestIdentities.YEAR);
        byte[] before = Files.readAllBytes(store.file());
        byte[] p12 = TlsIdentities.exportPkcs12(TestIdentities.CLIENT, "right".toCharArray());

        assertCode(ErrorCodes.LiteCore.CRYPTO,
                () -> TlsIdentities.importPkcs12(store, p12, "wrong".toCharArray(), "x"));
        byte[] corrupt = p12.clone();
        corrupt[corrupt.length / 2] ^= 0x5a;
        corrupt[corrupt.length / 3] ^= 0x5a;
        assertCode(ErrorCodes.LiteCore.CORRUPT_DATA, ErrorCodes.LiteCore.CRYPTO,
                () -> TlsIdentities.importPkcs12(store, corrupt, "right".toCharArray(), "x"));
        assertCode(ErrorCodes.LiteCore.CORRUPT_DATA,
                () -> TlsIdentities.importPkcs12(store, "not pkcs12".getBytes(), "right".toCharArray(), "x"));
        assertCode(ErrorCodes.LiteCore.INVALID_PARAMETER,
                () -> TlsIdentities.importPkcs12(store, certOnly, "right".toCharArray(), "x"));
        assertCode(ErrorCodes.LiteCore.CONFLICT,
                () -> TlsIdentities.importPkcs12(store, p12, "right".toCharArray(), "keep"));
        assertCode(ErrorCodes.LiteCore.CONFLICT, () -> TlsIdentities.create(store, "keep", Usage.SERVER,
                KeyType.EC_P256, CertificateAttributes.builder("x").build(), TestIdentities.YEAR));
        assertCode(ErrorCodes.LiteCore.INVALID_PARAMETER, () -> TlsIdentities.create(store, "new", Usage.SERVER,
                KeyType.EC_P256, CertificateAttributes.builder("x").build(), Instant.now().minus(2,
                        ChronoUnit.DAYS)));
        assertCode(ErrorCodes.LiteCore.INVALID_PARAMETER,
                () -> TlsIdentities.importPkcs12(store, p12, "right".toCharArray(), " "));
        assertCode(ErrorCodes.LiteCore.NOT_FOUND, () -> TlsIdentities.get(store, "missing"));
        assertCode(ErrorCodes.LiteCore.INVALID_PARAMETER, () -> TlsIdentity.of("mismatch",
                TestIdentities.CLIENT.privateKey(), TestIdentities.SERVER.certificateChain()));
        assertCode(ErrorCodes.LiteCore.CORRUPT_DATA, () -> TlsIdentities.readCertificates("junk".getBytes()));
        assertArrayEquals(before, Files.readAllBytes(store.file()));
        assertEquals(List.of("keep"), store.labels());

        // A store opened with the wrong password: errors, and the file is untouched.
        Pkcs12IdentityStore wrong = Pkcs12IdentityStore.open(dir, "nope".toCharArray());
        assertCode(ErrorCodes.LiteCore.CRYPTO, wrong::labels);
        assertCode(ErrorCodes.LiteCore.CRYPTO, () -> wrong.save(TestIdentities.CLIENT));
        // A corrupt store file: errors, and the file is untouched.
        Files.write(store.file(), "garbage".getBytes());
        assertCode(ErrorCodes.LiteCore.CORRUPT_DATA, store::labels);
        assertCode(ErrorCodes.LiteCore.CORRUPT_DATA, () -> store.save(TestIdentities.CLIENT));
        assertArrayEquals("garbage".getBytes(), Files.readAllBytes(store.file()));
    }

    /** A PKCS#12 file holding a trusted certificate entry and no key. */
    private static byte[] certificateOnlyPkcs12() throws Exception {
        java.security.KeyStore ks = java.security.KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setCertificateEntry("cert", TestIdentities.CA.certificate());
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        ks.store(out, "right".toCharArray());
        return out.toByteArray();
    }

    static void assertCode(int code, Runnable r) {
        assertCode(code, code, r);
    }

    /** Either code is right (a flipped byte may hit the MAC or the structure). */
    static void assertCode(int code, int orCode, Runnable r) {
        C4Exception e = assertThrows(C4Exception.class, r::run);
        assertEquals(ErrorDomain.LITECORE, e.domain(), e::toString);
        assertTrue(e.code() == code || e.code() == orCode, e::toString);
    }
}
