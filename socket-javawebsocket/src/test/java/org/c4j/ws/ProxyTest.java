package org.c4j.ws;

import static org.c4j.ws.Fixture.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.List;

import org.c4j.socket.C4Exception;
import org.c4j.socket.ErrorDomain;
import org.c4j.socket.OptionKeys;
import org.c4j.socket.OptionsDict;
import org.c4j.socket.testkit.RecordingDelegate;
import org.junit.jupiter.api.Test;

/** Client connections through an HTTP CONNECT proxy and a SOCKS5 proxy made in the test, on loopback. */
public class ProxyTest {

    private static OptionsDict proxy(String type, int port, String user, String password) {
        OptionsDict.Builder p = OptionsDict.builder().put(OptionKeys.PROXY_TYPE, type)
                .put(OptionKeys.PROXY_HOST, "127.0.0.1").put(OptionKeys.PROXY_PORT, port);
        if (user != null) {
            p.putDict(OptionKeys.PROXY_AUTH, OptionsDict.builder().put(OptionKeys.AUTH_USERNAME, user)
                    .put(OptionKeys.AUTH_PASSWORD, password).build());
        }
        return OptionsDict.builder().putDict(OptionKeys.PROXY, p.build()).build();
    }

    /** Opens through the proxy, echoes a message, and checks the proxy carried it. */
    private static void echoesThrough(Fixture f, TestProxy proxy, OptionsDict options) throws Exception {
        Fixture.Client c = f.connect(options);
        assertTrue(c.recorder().awaitOpened(WAIT), c.recorder()::toString);
        c.socket().write(ByteBuffer.wrap(new byte[] {1, 2, 3}));
        assertTrue(c.recorder().awaitReceived(1, WAIT), c.recorder()::toString);
        c.socket().requestClose(1000, "");
        assertTrue(c.recorder().awaitClosed(WAIT));
        assertEquals(List.of("127.0.0.1:" + f.listener.port()), proxy.targets);
        assertTrue(proxy.relayed.get() > 0);
    }

    private static void refusedWith407(Fixture f, OptionsDict options) throws Exception {
        Fixture.Client c = f.connect(options);
        assertTrue(c.recorder().awaitClosed(WAIT));
        C4Exception e = c.recorder().closeError();
        assertEquals(ErrorDomain.WEBSOCKET, e.domain(), c.recorder()::toString);
        assertEquals(407, e.code(), e::getMessage);
        assertTrue(e.getMessage().contains("proxy"), e.getMessage());
    }

    @Test
    void httpConnectProxyWithBasicCredentials() throws Exception {
        try (Fixture f = new Fixture(true, null); TestProxy proxy = new TestProxy(TestProxy.Kind.HTTP, "u", "pw")) {
            echoesThrough(f, proxy, proxy(OptionKeys.PROXY_TYPE_HTTP, proxy.port(), "u", "pw"));
            refusedWith407(f, proxy(OptionKeys.PROXY_TYPE_HTTP, proxy.port(), "u", "wrong"));
            refusedWith407(f, proxy(OptionKeys.PROXY_TYPE_HTTP, proxy.port(), null, null));
            assertEquals(1, f.acceptor.accepted().size());
        }
    }

    @Test
    void socks5ProxyWithUserAndPassword() throws Exception {
        try (Fixture f = new Fixture(true, null); TestProxy proxy = new TestProxy(TestProxy.Kind.SOCKS5, "u", "pw")) {
            echoesThrough(f, proxy, proxy(OptionKeys.PROXY_TYPE_SOCKS, proxy.port(), "u", "pw"));
            refusedWith407(f, proxy(OptionKeys.PROXY_TYPE_SOCKS, proxy.port(), "u", "wrong"));
            refusedWith407(f, proxy(OptionKeys.PROXY_TYPE_SOCKS, proxy.port(), null, null));
        }
        try (Fixture f = new Fixture(true, null); TestProxy open = new TestProxy(TestProxy.Kind.SOCKS5, null, null)) {
            echoesThrough(f, open, proxy(OptionKeys.PROXY_TYPE_SOCKS, open.port(), null, null));
        }
    }

    /** wss through both proxy kinds: the tunnel is opened first, then TLS runs end to end inside it. */
    @Test
    void wssThroughHttpConnectAndSocks5Proxies() throws Exception {
        try (WssFixture f = new WssFixture(b -> b.tlsIdentity(TestIdentities.SELF_SIGNED_SERVER))) {
            OptionsDict pin = WssFixture.pinned(f.listener.tlsIdentity());
            for (TestProxy.Kind kind : TestProxy.Kind.values()) {
                String type = kind == TestProxy.Kind.HTTP ? OptionKeys.PROXY_TYPE_HTTP : OptionKeys.PROXY_TYPE_SOCKS;
                try (TestProxy proxy = new TestProxy(kind, "u", "pw")) {
                    OptionsDict options = pin.toBuilder()
                            .putDict(OptionKeys.PROXY, proxy(type, proxy.port(), "u", "pw").getDict(OptionKeys.PROXY))
                            .build();
                    ChainRecorder c = f.connect(options);
                    assertTrue(c.recorder.awaitOpened(WAIT), c.recorder::toString);
                    WssClientTrustTest.assertEcho(f, c);
                    assertEquals(List.of("127.0.0.1:" + f.listener.port()), proxy.targets, kind.toString());
                    assertTrue(proxy.relayed.get() > 0, kind.toString());
                }
            }
        }
    }

    @Test
    void theSystemProxySelectorIsUsedWhenTheOptionsNameNone() throws Exception {
        ProxySelector original = ProxySelector.getDefault();
        try (Fixture f = new Fixture(true, null); TestProxy proxy = new TestProxy(TestProxy.Kind.HTTP, null, null)) {
            ProxySelector.setDefault(new ProxySelector() {
                @Override
                public List<Proxy> select(URI uri) {
                    return List.of(new Proxy(Proxy.Type.HTTP, new InetSocketAddress("127.0.0.1", proxy.port())));
                }

                @Override
                public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
                }
            });
            echoesThrough(f, proxy, OptionsDict.EMPTY);
            // "none" in the options overrides the system selector
            Fixture.Client direct = f.connect(OptionsDict.builder().putDict(OptionKeys.PROXY, OptionsDict.builder()
                    .put(OptionKeys.PROXY_TYPE, OptionKeys.PROXY_TYPE_NONE).build()).build());
            assertTrue(direct.recorder().awaitOpened(WAIT));
            direct.socket().close();
            assertEquals(1, proxy.targets.size());
        } finally {
            ProxySelector.setDefault(original);
        }
    }

    @Test
    void malformedProxyOptionsFailAtCreate() {
        try (Fixture f = new Fixture(true, null)) {
            for (OptionsDict bad : List.of(proxy("HTTPS", 1, null, null), proxy("Carrier pigeon", 1, null, null),
                    OptionsDict.builder().putDict(OptionKeys.PROXY, OptionsDict.builder()
                            .put(OptionKeys.PROXY_TYPE, "HTTP").build()).build(),
                    proxy(OptionKeys.PROXY_TYPE_HTTP, 70000, null, null))) {
                C4Exception e = assertThrows(C4Exception.class, () -> f.factory.create(f.dbUri(), bad));
                assertEquals(ErrorDomain.LITECORE, e.domain());
            }
        }
    }

    @Test
    void theProxyPasswordIsNeverPrinted() {
        assertTrue(!new org.c4j.ws.internal.client.ProxySpec(org.c4j.ws.internal.client.ProxySpec.Type.HTTP, "h", 1, "u",
                "s3cret").toString().contains("s3cret"));
        assertTrue(!RecordingDelegate.class.getName().isEmpty());
    }
}
