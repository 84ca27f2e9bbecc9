package org.c4j.socket.testkit.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.Objects;
import org.c4j.socket.C4Socket;
import org.c4j.socket.ListenerTransport;
import org.c4j.socket.OptionsDict;
import org.c4j.socket.SocketAcceptor;
import org.c4j.socket.SocketFactory;
import org.c4j.socket.testkit.TransportHarness;
import org.c4j.socket.testkit.TransportTraits;

/**
 * {@link TransportHarness#of}: a client factory and a listener transport on 127.0.0.1. Refused connections go to
 * a port that was free a moment ago (bound and released), which nothing listens on. Thread-safe.
 */
public final class NetworkHarness implements TransportHarness {
    private final SocketFactory factory;
    private final ListenerTransport listener;
    private final TransportTraits traits;

    public NetworkHarness(SocketFactory factory, ListenerTransport listener, TransportTraits traits) {
        this.factory = Objects.requireNonNull(factory, "factory");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.traits = Objects.requireNonNull(traits, "traits");
    }

    @Override
    public TransportTraits traits() {
        return traits;
    }

    @Override
    public void start(SocketAcceptor acceptor) {
        listener.start(acceptor);
    }

    @Override
    public C4Socket connect(String database, OptionsDict options) {
        return factory.create(address(listener.port(), database), options);
    }

    @Override
    public C4Socket connectRefused(OptionsDict options) {
        int port;
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            port = s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return factory.create(address(port, "refused"), options);
    }

    private URI address(int port, String database) {
        return URI.create(traits.scheme() + "://127.0.0.1:" + port + "/" + database + "/_blipsync");
    }

    @Override
    public void close() {
        listener.stop();
    }

    @Override
    public String toString() {
        return traits.scheme() + " transport " + factory.getClass().getSimpleName() + " + "
                + listener.getClass().getSimpleName();
    }
}
