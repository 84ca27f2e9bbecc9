package org.c4j.interop;

import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.c4j.socket.C4Socket;
import org.c4j.socket.IncomingRequest;
import org.c4j.socket.ListenerTransport;
import org.c4j.socket.SocketAcceptor;

/**
 * A listener transport that counts the bytes its connections carry: every BLIP frame written and received
 * through the wrapped transport's sockets (after BLIP compression; WebSocket framing and TCP not included).
 * Thread-safe.
 */
final class CountingListenerTransport implements ListenerTransport {
    private final ListenerTransport inner;
    final AtomicLong bytesSent = new AtomicLong();
    final AtomicLong bytesReceived = new AtomicLong();

    CountingListenerTransport(ListenerTransport inner) {
        this.inner = inner;
    }

    long total() {
        return bytesSent.get() + bytesReceived.get();
    }

    void reset() {
        bytesSent.set(0);
        bytesReceived.set(0);
    }

    @Override
    public void start(SocketAcceptor acceptor) {
        inner.start(new SocketAcceptor() {
            @Override
            public void accept(C4Socket socket, IncomingRequest request) {
                acceptor.accept(new CountingSocket(socket, bytesSent, bytesReceived), request);
            }

            @Override
            public boolean servesDatabase(String name) {
                return acceptor.servesDatabase(name);
            }
        });
    }

    @Override
    public int port() {
        return inner.port();
    }

    @Override
    public List<URI> urls() {
        return inner.urls();
    }

    @Override
    public int connectionCount() {
        return inner.connectionCount();
    }

    @Override
    public void stop() {
        inner.stop();
    }
}
