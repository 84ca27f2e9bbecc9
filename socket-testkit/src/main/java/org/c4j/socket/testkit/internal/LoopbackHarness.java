package org.c4j.socket.testkit.internal;

import java.net.URI;
import java.util.Objects;
import org.c4j.socket.C4Socket;
import org.c4j.socket.OptionsDict;
import org.c4j.socket.SocketAcceptor;
import org.c4j.socket.testkit.LoopbackConfig;
import org.c4j.socket.testkit.LoopbackPair;
import org.c4j.socket.testkit.LoopbackSocketFactory;
import org.c4j.socket.testkit.TransportHarness;
import org.c4j.socket.testkit.TransportTraits;

/**
 * {@link TransportHarness#loopback}: the loopback factory as a transport under test. Its receive window is the
 * config's buffer size (in-flight plus unreleased bytes never exceed it). Thread-safe.
 */
public final class LoopbackHarness implements TransportHarness {
    private final LoopbackConfig config;
    private volatile LoopbackSocketFactory factory;
    private volatile LoopbackSocketFactory refusing;

    public LoopbackHarness(LoopbackConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    @Override
    public TransportTraits traits() {
        return TransportTraits.http("ws", config.bufferBytes());
    }

    @Override
    public void start(SocketAcceptor acceptor) {
        factory = new LoopbackSocketFactory(config, acceptor);
        refusing = new LoopbackSocketFactory(config.toBuilder().refuseOpen().build(), acceptor);
    }

    @Override
    public C4Socket connect(String database, OptionsDict options) {
        return factory.create(URI.create("ws://loopback/" + database + "/_blipsync"), options);
    }

    @Override
    public C4Socket connectRefused(OptionsDict options) {
        return refusing.create(URI.create("ws://loopback/refused/_blipsync"), options);
    }

    @Override
    public void dropLink(C4Socket client, C4Socket server) {
        for (LoopbackPair pair : factory.pairs()) {
            if (pair.client() == client) {
                pair.disconnect();
                return;
            }
        }
        throw new IllegalArgumentException("not a client of this harness: " + client);
    }

    @Override
    public void close() {
        LoopbackSocketFactory f = factory;
        if (f != null) {
            f.pairs().forEach(LoopbackPair::disconnect);
        }
    }

    @Override
    public String toString() {
        return "loopback " + config;
    }
}
