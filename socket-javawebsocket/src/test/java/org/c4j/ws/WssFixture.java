package org.c4j.ws;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

import org.c4j.socket.C4Socket;
import org.c4j.socket.OptionKeys;
import org.c4j.socket.OptionsDict;
import org.c4j.socket.testkit.RecordingDelegate;

/** A TLS listener on 127.0.0.1 with a {@link TestAcceptor} and helpers to connect wss clients to it. */
public final class WssFixture implements AutoCloseable {
    final TestAcceptor acceptor = new TestAcceptor(Set.of(Fixture.DB), true);
    final WebSocketListenerTransport listener;
    final WebSocketClientFactory factory = new WebSocketClientFactory();

    WssFixture(UnaryOperator<WebSocketListenerTransport.Builder> settings) {
        listener = settings.apply(WebSocketListenerTransport.builder().networkInterface("127.0.0.1")).build();
        listener.start(acceptor);
    }

    /** wss://HOST:port/db/_blipsync. */
    URI dbUri(String host) {
        return URI.create("wss://" + host + ":" + listener.port() + "/" + Fixture.DB + "/_blipsync");
    }

    ChainRecorder connect(OptionsDict options) {
        return connect("127.0.0.1", options);
    }

    ChainRecorder connect(String host, OptionsDict options) {
        C4Socket socket = factory.create(dbUri(host), options);
        ChainRecorder r = new ChainRecorder(socket, RecordingDelegate.autoReleasing(socket));
        socket.open(r);
        return r;
    }

    @Override
    public void close() {
        listener.stop();
    }

    /** Options pinning {@code identity}'s certificate (PEM bytes). */
    static OptionsDict pinned(TlsIdentity identity) {
        return OptionsDict.builder().put(OptionKeys.PINNED_CERT,
                identity.certificatePem().getBytes(StandardCharsets.US_ASCII)).build();
    }

    /** Options trusting {@code root} (DER bytes) with host name checks. */
    static OptionsDict roots(TlsIdentity root) {
        return OptionsDict.builder().put(OptionKeys.ROOT_CERTS, root.certificateDer()).build();
    }

    static OptionsDict selfSignedOnly() {
        return OptionsDict.builder().put(OptionKeys.ONLY_SELF_SIGNED_SERVER, true).build();
    }

    /** {@code base} plus a client certificate auth dict presenting {@code client}. */
    static OptionsDict withClientCert(OptionsDict base, TlsIdentity client) {
        return base.toBuilder().putDict(OptionKeys.AUTH, Map.of(
                OptionKeys.AUTH_TYPE, OptionKeys.AUTH_TYPE_CLIENT_CERT,
                OptionKeys.AUTH_CLIENT_CERT, client.certificateChainPem(),
                OptionKeys.AUTH_CLIENT_CERT_KEY, client.privateKey().getEncoded())).build();
    }
}
