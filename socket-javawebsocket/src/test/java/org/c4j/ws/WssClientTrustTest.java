package org.c4j.ws;

import static org.c4j.ws.Fixture.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

import org.c4j.socket.C4Exception;
import org.c4j.socket.C4Socket;
import org.c4j.socket.ErrorCodes.Network;
import org.c4j.socket.ErrorDomain;
import org.c4j.socket.OptionsDict;
import org.c4j.socket.testkit.RecordingDelegate;
import org.c4j.ws.internal.tls.TlsContexts;
import org.junit.jupiter.api.Test;

/**
 * The wss client's trust modes against a c4j listener over real loopback sockets: pinned certificate, self-signed
 * only, custom roots with host name check; every refusal a Network-domain TLS code, not transient, and nothing
 * reaches the listener's acceptor.
 */
public class WssClientTrustTest {

    @Test
    void pinnedAnonymousCertificateConnectsEchoesAndReportsTheChainFirst() throws Exception {
        try (WssFixture f = new WssFixture(b -> b)) {
            assertEquals(List.of(URI.create("wss://127.0.0.1:" + f.listener.port() + "/")), f.listener.urls());
            TlsIdentity served = f.listener.tlsIdentity();
            assertEquals(TlsIdentities.ANONYMOUS_LABEL, served.label());
            assertEquals(served.certificateChain(), f.listener.serverCertificates());

            ChainRecorder c = f.connect(WssFixture.pinned(served));
            assertTrue(c.recorder.awaitOpened(WAIT), c.recorder::toString);
            assertTrue(c.chainCameFirst());
            assertEquals(served.certificateChain(), c.chain());
            assertEcho(f, c);
        }
    }

    @Test
    void wrongPinIsUntrustedAndTransfersNothing() throws Exception {
        try (WssFixture f = new WssFixture(b -> b.tlsIdentity(TestIdentities.SERVER))) {
            ChainRecorder c = f.connect(WssFixture.pinned(TestIdentities.SELF_SIGNED_SERVER));
            assertTlsRefused(f, c, Network.TLS_CERT_UNTRUSTED);
            assertNull(c.chain());
        }
    }

    @Test
    void pinMatchesWithoutHostNameCheck() throws Exception {
        try (WssFixture f = new WssFixture(b -> b.tlsIdentity(TestIdentities.OTHER_HOST_SERVER))) {
            ChainRecorder c = f.connect(WssFixture.pinned(TestIdentities.OTHER_HOST_SERVER));
            assertTrue(c.recorder.awaitOpened(WAIT), c.recorder::toString);
        }
    }

    @Test
    void selfSignedOnlyAcceptsSelfSignedAndRejectsCaSigned() throws Exception {
        try (WssFixture f = new WssFixture(b -> b.tlsIdentity(TestIdentities.SELF_SIGNED_SERVER))) {
            ChainRecorder c = f.connect(WssFixture.selfSignedOnly());
            assertTrue(c.recorder.awaitOpened(WAIT), c.recorder::toString);
            assertEcho(f, c);
        }
        try (WssFixture f = new WssFixture(b -> b.tlsIdentity(TestIdentities.SERVER))) {
            assertTlsRefused(f, f.connect(WssFixture.selfSignedOnly()), Network.TLS_CERT_UNTRUSTED);
        }
    }

    @Test
    void rootsValidateTheChainAndTheHostName() throws Exception {
        try (WssFixture f = new WssFixture(b -> b.tlsIdentity(TestIdentities.SERVER))) {
            ChainRecorder ip = f.connect("127.0.0.1", WssFixture.roots(TestIdentities.CA));
            assertTrue(ip.recorder.awaitOpened(WAIT), ip.recorder::toString);
            ChainRecorder name = f.connect("localhost", WssFixture.roots(TestIdentities.CA));
            assertTrue(name.recorder.awaitOpened(WAIT), name.recorder::toString);
            assertNotNull(f.acceptor.awaitAccepted(1, WAIT));
            assertTlsRefused(f, f.connect(WssFixture.roots(TestIdentities.OTHER_CA)), Network.TLS_CERT_UNKNOWN_ROOT);
        }
        try (WssFixture f = new WssFixture(b -> b.tlsIdentity(TestIdentities.OTHER_HOST_SERVER))) {
            assertTlsRefused(f, f.connect(WssFixture.roots(TestIdentities.CA)), Network.TLS_CERT_NAME_MISMATCH);
        }
    }

    @Test
    void defaultJdkTrustRefusesAPrivateRoot() throws Exception {
        try (WssFixture f = new WssFixture(b -> b.tlsIdentity(TestIdentities.SERVER))) {
            assertTlsRefused(f, f.connect(OptionsDict.EMPTY), Network.TLS_CERT_UNKNOWN_ROOT);
        }
    }

    @Test
    void expiredServerCertificateIsRefused() throws Exception {
        // Our listener refuses to serve an expired identity, so a bare JSSE server presents one here.
        SSLContext ctx = TlsContexts.server(TestIdentities.EXPIRED_SERVER, null);
        try (SSLServerSocket server = (SSLServerSocket) ctx.getServerSocketFactory().createServerSocket(0, 2,
                InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> {
                for (int i = 0; i < 2; i++) {
                    try (SSLSocket s = (SSLSocket) server.accept()) {
                        s.startHandshake();
                    } catch (Exception expected) {
                        // the client refuses the certificate
                    }
                }
            });
            t.setDaemon(true);
            t.start();
            URI uri = URI.create("wss://127.0.0.1:" + server.getLocalPort() + "/db/_blipsync");
            assertTls(open(uri, WssFixture.roots(TestIdentities.CA)), Network.TLS_CERT_EXPIRED);
            assertTls(open(uri, WssFixture.pinned(TestIdentities.EXPIRED_SERVER)), Network.TLS_CERT_EXPIRED);
            t.join(WAIT.toMillis());
        }
    }

    @Test
    void unusableTlsOptionsAreRefusedAtCreate() {
        WebSocketClientFactory factory = new WebSocketClientFactory();
        URI wss = URI.create("wss://127.0.0.1:1/db/_blipsync");
        OptionsDict clientCert = WssFixture.withClientCert(OptionsDict.EMPTY, TestIdentities.CLIENT);
        assertCreateFails(factory, URI.create("ws://127.0.0.1:1/db/_blipsync"), clientCert,
                org.c4j.socket.ErrorCodes.LiteCore.INVALID_PARAMETER);
        assertCreateFails(factory, wss, OptionsDict.builder().putDict(org.c4j.socket.OptionKeys.AUTH, java.util.Map.of(
                org.c4j.socket.OptionKeys.AUTH_TYPE, org.c4j.socket.OptionKeys.AUTH_TYPE_CLIENT_CERT)).build(),
                org.c4j.socket.ErrorCodes.LiteCore.INVALID_PARAMETER);
        assertCreateFails(factory, wss, OptionsDict.builder().put(org.c4j.socket.OptionKeys.PINNED_CERT,
                new byte[] {1, 2, 3}).build(), org.c4j.socket.ErrorCodes.LiteCore.CORRUPT_DATA);
        assertCreateFails(factory, wss, OptionsDict.builder().put(org.c4j.socket.OptionKeys.ROOT_CERTS,
                "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n").build(),
                org.c4j.socket.ErrorCodes.LiteCore.CORRUPT_DATA);
        assertNotNull(factory.create(wss, clientCert));
    }

    private static void assertCreateFails(WebSocketClientFactory factory, URI uri, OptionsDict options, int code) {
        C4Exception e = org.junit.jupiter.api.Assertions.assertThrows(C4Exception.class,
                () -> factory.create(uri, options));
        assertEquals(ErrorDomain.LITECORE, e.domain(), e::toString);
        assertEquals(code, e.code(), e::toString);
    }

    private static RecordingDelegate open(URI uri, OptionsDict options) {
        C4Socket socket = new WebSocketClientFactory().create(uri, options);
        RecordingDelegate r = RecordingDelegate.autoReleasing(socket);
        socket.open(r);
        return r;
    }

    /** A 50 KB message goes through the echoing acceptor and back unchanged; then a normal close. */
    static void assertEcho(WssFixture f, ChainRecorder c) throws Exception {
        byte[] msg = new byte[50_000];
        new java.util.Random(7).nextBytes(msg);
        c.socket.write(ByteBuffer.wrap(msg.clone()));
        assertTrue(c.recorder.awaitReceived(1, WAIT), c.recorder::toString);
        org.junit.jupiter.api.Assertions.assertArrayEquals(msg, c.recorder.receivedMessages().get(0));
        c.socket.requestClose(1000, "done");
        assertTrue(c.recorder.awaitClosed(WAIT), c.recorder::toString);
        assertNull(c.recorder.closeError(), c.recorder::toString);
    }

    static void assertTlsRefused(WssFixture f, ChainRecorder c, int code) throws Exception {
        int accepted = f.acceptor.accepted().size();
        assertTls(c.recorder, code);
        assertEquals(accepted, f.acceptor.accepted().size(), "the acceptor saw the refused connection");
        assertFalse(c.recorder.isOpened());
    }

    static void assertTls(RecordingDelegate r, int code) throws Exception {
        assertTrue(r.awaitClosed(WAIT), r::toString);
        C4Exception e = r.closeError();
        assertNotNull(e, r::toString);
        assertEquals(ErrorDomain.NETWORK, e.domain(), e::toString);
        assertEquals(code, e.code(), e::toString);
        assertFalse(e.isTransient(), e::toString);
        assertFalse(r.isOpened());
    }
}
