package org.c4j.ws;

import static org.c4j.ws.Fixture.WAIT;
import static org.c4j.ws.WssClientTrustTest.assertEcho;
import static org.c4j.ws.WssClientTrustTest.assertTlsRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.c4j.socket.C4Exception;
import org.c4j.socket.ErrorCodes.Network;
import org.c4j.socket.ErrorDomain;
import org.c4j.socket.OptionKeys;
import org.c4j.socket.OptionsDict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The listener's TLS over real loopback sockets: client certificates against roots and a callback, the total
 * handshake deadline, TLS 1.1 refused, expired identities refused at start, the anonymous identity across
 * restarts. Refused peers never reach the acceptor.
 */
public class WssListenerTest {
    private static final ClientCertificateAuthenticator CA_ROOTS =
            ClientCertificateAuthenticator.roots(List.of(TestIdentities.CA.certificate()));

    @TempDir
    Path dir;

    @Test
    void clientCertificatesAgainstRoots() throws Exception {
        try (WssFixture f = new WssFixture(b -> b.tlsIdentity(TestIdentities.SERVER)
                .clientCertificateAuthenticator(CA_ROOTS))) {
            ChainRecorder good = f.connect(WssFixture.withClientCert(WssFixture.roots(TestIdentities.CA),
                    TestIdentities.CLIENT));
            assertTrue(good.recorder.awaitOpened(WAIT), good.recorder::toString);
            assertEcho(f, good);
            f.acceptor.awaitAccepted(0, WAIT);

            assertTlsRefused(f, f.connect(WssFixture.withClientCert(WssFixture.roots(TestIdentities.CA),
                    TestIdentities.CLIENT_OF_OTHER_CA)), Network.TLS_CERT_REJECTED_BY_PEER);
            assertTlsRefused(f, f.connect(WssFixture.withClientCert(WssFixture.roots(TestIdentities.CA),
                    TestIdentities.EXPIRED_CLIENT)), Network.TLS_CERT_REJECTED_BY_PEER);
            assertTlsRefused(f, f.connect(WssFixture.roots(TestIdentities.CA)), Network.TLS_CERT_REQUIRED_BY_PEER);
            assertEquals(1, f.acceptor.accepted().size());
        }
    }

    @Test
    void refusedHandshakesLeaveNoConnectionOrFileDescriptorBehind() throws Exception {
        try (WssFixture f = new WssFixture(b -> b.tlsIdentity(TestIdentities.SERVER)
                .clientCertificateAuthenticator(CA_ROOTS))) {
            // Warm up (class loading, the first handshake's lazily opened files), then measure.
            assertTlsRefused(f, f.connect(WssFixture.roots(TestIdentities.CA)), Network.TLS_CERT_REQUIRED_BY_PEER);
            awaitNoConnections(f);
            long fds = openFileDescriptors();
            List<ChainRecorder> clients = new java.util.ArrayList<>();
            for (int i = 0; i < 20; i++) {
                clients.add(f.connect(WssFixture.withClientCert(WssFixture.roots(TestIdentities.CA),
                        i % 2 == 0 ? TestIdentities.CLIENT_OF_OTHER_CA : TestIdentities.EXPIRED_CLIENT)));
            }
            for (ChainRecorder c : clients) {
                WssClientTrustTest.assertTls(c.recorder, Network.TLS_CERT_REJECTED_BY_PEER);
            }
            awaitNoConnections(f);
            assertTrue(f.acceptor.accepted().isEmpty());
            long after = openFileDescriptors();
            assertTrue(after <= fds + 2, () -> "fds " + fds + " -> " + after);
        }
    }

    /** Open file descriptors of this process (Linux), or 0 where /proc is missing. */
    private static long openFileDescriptors() throws java.io.IOException {
        Path fd = Path.of("/proc/self/fd");
        if (!java.nio.file.Files.isDirectory(fd)) {
            return 0;
        }
        try (java.util.stream.Stream<Path> s = java.nio.file.Files.list(fd)) {
            return s.count();
        }
    }

    @Test
    void clientCertificatesByCallback() throws Exception {
        List<List<X509Certificate>> seen = new CopyOnWriteArrayList<>();
        ClientCertificateAuthenticator onlyAlice = chain -> {
            seen.add(chain);
            return chain.get(0).getSubjectX500Principal().getName().contains("CN=alice");
        };
        try (WssFixture f = new WssFixture(b -> b.tlsIdentity(TestIdentities.SELF_SIGNED_SERVER)
                .clientCertificateAuthenticator(onlyAlice))) {
            TlsIdentity served = f.listener.tlsIdentity();
            ChainRecorder alice = f.connect(WssFixture.withClientCert(WssFixture.pinned(served),
                    TestIdentities.CLIENT));
            assertTrue(alice.recorder.awaitOpened(WAIT), alice.recorder::toString);
            f.acceptor.awaitAccepted(0, WAIT);
            assertEquals(TestIdentities.CLIENT.certificateChain(), seen.get(0));
            assertTlsRefused(f, f.connect(WssFixture.withClientCert(WssFixture.pinned(served),
                    TestIdentities.CLIENT_OF_OTHER_CA)), Network.TLS_CERT_REJECTED_BY_PEER);
            assertEquals(2, seen.size());
        }
    }

    /** The one authentication point learns that the upgrade came over TLS and with which client chain. */
    @Test
    void theUpgradeAuthenticatorSeesTlsAndTheClientChain() throws Exception {
        List<org.c4j.socket.AuthRequest> seen = new CopyOnWriteArrayList<>();
        org.c4j.socket.UpgradeAuthenticator byCertificate = rq -> {
            seen.add(rq);
            String cn = rq.clientCertificates().isEmpty() ? null
                    : rq.clientCertificates().get(0).getSubjectX500Principal().getName();
            return org.c4j.socket.AuthDecision.accept(new org.c4j.socket.Principal(cn, Set.of(), Set.of()));
        };
        try (WssFixture f = new WssFixture(b -> b.tlsIdentity(TestIdentities.SERVER)
                .clientCertificateAuthenticator(CA_ROOTS).upgradeAuthenticator(byCertificate))) {
            ChainRecorder c = f.connect(WssFixture.withClientCert(WssFixture.roots(TestIdentities.CA),
                    TestIdentities.CLIENT));
            assertTrue(c.recorder.awaitOpened(WAIT), c.recorder::toString);
            f.acceptor.awaitAccepted(0, WAIT);
            assertEquals(1, seen.size());
            assertTrue(seen.get(0).tls(), "the request came over TLS");
            assertEquals(TestIdentities.CLIENT.certificateChain().get(0), seen.get(0).clientCertificates().get(0));
            assertEquals(TestIdentities.CLIENT.certificateChain().get(0).getSubjectX500Principal().getName(),
                    f.acceptor.accepted().get(0).request().principal().name());
        }
    }

    @Test
    void passwordsTravelInsideTlsAndWrongOnesGet401() throws Exception {
        try (WssFixture f = new WssFixture(b -> b.tlsIdentity(TestIdentities.SELF_SIGNED_SERVER)
                .authenticator((u, p) -> u.equals("ada") && p.equals("pw")))) {
            OptionsDict pin = WssFixture.pinned(f.listener.tlsIdentity());
            ChainRecorder ok = f.connect(pin.toBuilder().putDict(OptionKeys.AUTH, java.util.Map.of(
                    OptionKeys.AUTH_USERNAME, "ada", OptionKeys.AUTH_PASSWORD, "pw")).build());
            assertTrue(ok.recorder.awaitOpened(WAIT), ok.recorder::toString);
            assertEquals("ada", f.acceptor.awaitAccepted(0, WAIT).request().user());
            ChainRecorder wrong = f.connect(pin.toBuilder().putDict(OptionKeys.AUTH, java.util.Map.of(
                    OptionKeys.AUTH_USERNAME, "ada", OptionKeys.AUTH_PASSWORD, "nope")).build());
            assertTrue(wrong.recorder.awaitClosed(WAIT), wrong.recorder::toString);
            assertEquals(ErrorDomain.WEBSOCKET, wrong.recorder.closeError().domain());
            assertEquals(401, wrong.recorder.closeError().code());
            assertTrue(wrong.chainCameFirst());
            assertEquals(1, f.acceptor.accepted().size());
        }
    }

    @Test
    void aPeerStallingMidHandshakeIsDropped() throws Exception {
        try (WssFixture f = new WssFixture(b -> b.tlsIdentity(TestIdentities.SERVER)
                .tlsHandshakeTimeout(Duration.ofMillis(300)));
             Socket s = new Socket(InetAddress.getLoopbackAddress(), f.listener.port())) {
            s.setSoTimeout((int) WAIT.toMillis());
            OutputStream out = s.getOutputStream();
            out.write(new byte[] {0x16, 0x03, 0x01, 0x00, (byte) 0xc8, 0x01}); // a ClientHello record, cut short
            out.flush();
            long start = System.nanoTime();
            drain(s.getInputStream());
            assertTrue(System.nanoTime() - start < WAIT.toNanos());
            awaitNoConnections(f);
            assertTrue(f.acceptor.accepted().isEmpty());
        }
    }

    @Test
    void tls11IsRefused() throws Exception {
        try (WssFixture f = new WssFixture(b -> b.tlsIdentity(TestIdentities.SERVER));
             Socket s = new Socket(InetAddress.getLoopbackAddress(), f.listener.port())) {
            s.setSoTimeout((int) WAIT.toMillis());
            s.getOutputStream().write(clientHello(0x0302));
            byte[] reply = drain(s.getInputStream());
            // An alert record (type 21) and then the end of the stream: no ServerHello (type 22).
            assertTrue(reply.length >= 7, () -> "reply of " + reply.length + " bytes");
            assertEquals(21, reply[0]);
            int description = reply[6] & 0xff;
            assertTrue(description == 70 || description == 40, "alert " + description); // protocol_version
            awaitNoConnections(f);
            assertTrue(f.acceptor.accepted().isEmpty());
        }
    }

    @Test
    void anExplicitlyGivenExpiredIdentityIsRefusedAtStart() {
        WebSocketListenerTransport l = WebSocketListenerTransport.builder().networkInterface("127.0.0.1")
                .tlsIdentity(TestIdentities.EXPIRED_SERVER).build();
        C4Exception e = assertThrows(C4Exception.class, () -> l.start(new TestAcceptor(Set.of(), true)));
        assertEquals(ErrorDomain.NETWORK, e.domain());
        assertEquals(Network.TLS_CERT_EXPIRED, e.code());
        assertTrue(e.getMessage().contains("expired-server"), e.getMessage());
        assertEquals(-1, l.port());
        assertEquals(WebSocketListenerTransport.State.NEW, l.state());
        l.stop();
    }

    @Test
    void clientCertificatesNeedTls() {
        assertThrows(IllegalStateException.class, () -> WebSocketListenerTransport.builder().disableTls()
                .clientCertificateAuthenticator(CA_ROOTS).build());
    }

    @Test
    void theAnonymousIdentitySurvivesARestartAndAPinnedClientStillConnects() throws Exception {
        char[] pw = "pw".toCharArray();
        TlsIdentity first;
        try (WssFixture f = new WssFixture(b -> b.identityStore(Pkcs12IdentityStore.open(dir, pw)))) {
            first = f.listener.tlsIdentity();
        }
        try (WssFixture f = new WssFixture(b -> b.identityStore(Pkcs12IdentityStore.open(dir, pw)))) {
            assertEquals(first.certificate(), f.listener.serverCertificates().get(0));
            ChainRecorder c = f.connect(WssFixture.pinned(first));
            assertTrue(c.recorder.awaitOpened(WAIT), c.recorder::toString);
        }
    }

    private static void awaitNoConnections(WssFixture f) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (f.listener.connectionCount() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(0, f.listener.connectionCount());
    }

    /** Everything until the peer closes. */
    private static byte[] drain(InputStream in) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        int n;
        try {
            while ((n = in.read(buf)) >= 0) {
                out.write(buf, 0, n);
            }
        } catch (java.net.SocketException reset) {
            // a reset after the alert ends the stream too
        }
        return out.toByteArray();
    }

    /** A minimal ClientHello offering only {@code version} (0x0302 = TLS 1.1), no extensions. */
    private static byte[] clientHello(int version) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(version >> 8);
        body.write(version);
        body.writeBytes(new byte[32]); // random
        body.write(0); // no session id
        int[] suites = {0xc013, 0xc014, 0x002f, 0x0035}; // ECDHE_RSA / RSA with AES-CBC-SHA
        body.write(0);
        body.write(suites.length * 2);
        for (int s : suites) {
            body.write(s >> 8);
            body.write(s);
        }
        body.write(1);
        body.write(0); // null compression
        byte[] b = body.toByteArray();
        ByteArrayOutputStream rec = new ByteArrayOutputStream();
        rec.writeBytes(new byte[] {0x16, 0x03, 0x01, (byte) ((b.length + 4) >> 8), (byte) (b.length + 4)});
        rec.writeBytes(new byte[] {0x01, 0x00, (byte) (b.length >> 8), (byte) b.length});
        rec.writeBytes(b);
        return rec.toByteArray();
    }
}
