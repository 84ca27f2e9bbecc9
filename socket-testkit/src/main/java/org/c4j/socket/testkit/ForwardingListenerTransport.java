package org.c4j.socket.testkit;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.List;

import org.c4j.socket.C4Socket;
import org.c4j.socket.IncomingRequest;
import org.c4j.socket.ListenerTransport;
import org.c4j.socket.SocketAcceptor;

/**
 * A {@link ListenerTransport} that passes every call to another transport unchanged and hands the acceptor each
 * incoming socket through {@link #wrap} (the default: the socket itself), so a subclass can count or observe every
 * connection a listener gets, e.g. with a {@link ForwardingSocket}. Thread-safe as the wrapped transport is;
 * {@link #wrap} runs on whatever thread the wrapped transport accepts on.
 */
public class ForwardingListenerTransport implements ListenerTransport {
    /** The transport every call goes to. */
    protected final ListenerTransport transport;

    public ForwardingListenerTransport(ListenerTransport transport) {
        this.transport = transport;
    }

    /** The socket the acceptor gets for {@code socket}, accepted for {@code request}; the default is that socket. */
    protected C4Socket wrap(C4Socket socket, IncomingRequest request) {
        return socket;
    }

    @Override
    public void start(SocketAcceptor acceptor) {
        transport.start(new SocketAcceptor() {
            @Override
            public void accept(C4Socket socket, IncomingRequest request) {
                acceptor.accept(wrap(socket, request), request);
            }

            @Override
            public boolean servesDatabase(String name) {
                return acceptor.servesDatabase(name);
            }
        });
    }

    @Override
    public int port() {
        return transport.port();
    }

    @Override
    public List<URI> urls() {
        return transport.urls();
    }

    @Override
    public List<X509Certificate> serverCertificates() {
        return transport.serverCertificates();
    }

    @Override
    public int connectionCount() {
        return transport.connectionCount();
    }

    @Override
    public void stop() {
        transport.stop();
    }
}
