package org.c4j.replicator;

import java.net.URI;
import java.util.List;

import org.c4j.socket.ListenerTransport;
import org.c4j.socket.SocketAcceptor;
import org.c4j.socket.testkit.LoopbackConfig;
import org.c4j.socket.testkit.LoopbackSocketFactory;

/** A listener transport whose clients are in this JVM: {@link #factory} makes loopback connections to it. */
public final class LoopbackListenerTransport implements ListenerTransport {
    private volatile SocketAcceptor acceptor;

    @Override
    public void start(SocketAcceptor a) {
        acceptor = a;
    }

    /** A client socket factory connecting to this listener through loopback pairs made with {@code config}. */
    LoopbackSocketFactory factory(LoopbackConfig config) {
        if (acceptor == null) {
            throw new IllegalStateException("not started");
        }
        return new LoopbackSocketFactory(config, acceptor);
    }

    @Override
    public int port() {
        return acceptor == null ? -1 : 4984;
    }

    @Override
    public List<URI> urls() {
        return List.of(URI.create("ws://loopback:4984/"));
    }

    @Override
    public int connectionCount() {
        return 0;
    }

    @Override
    public void stop() {
        acceptor = null;
    }
}
