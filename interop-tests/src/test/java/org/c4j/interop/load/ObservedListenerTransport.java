package org.c4j.interop.load;

import java.net.URI;
import java.nio.ByteBuffer;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.c4j.socket.C4Exception;
import org.c4j.socket.C4Socket;
import org.c4j.socket.Framing;
import org.c4j.socket.IncomingRequest;
import org.c4j.socket.ListenerTransport;
import org.c4j.socket.SocketAcceptor;
import org.c4j.socket.SocketDelegate;
import org.c4j.ws.WebSocketListenerTransport;

/**
 * The listener side's view of the load scenario: wraps the real {@link WebSocketListenerTransport} and every
 * connection it hands to the {@code Listener}, passing every call and event through unchanged, and records how each
 * connection ended — a connection whose socket reports {@code closed(error)} with an error is a listener-side
 * failure (the passive replicator's BLIP connection was closed abnormally, by either side). Thread-safe.
 */
final class ObservedListenerTransport implements ListenerTransport {
    private final WebSocketListenerTransport inner;
    /** Connections handed to the listener so far. */
    final AtomicInteger accepted = new AtomicInteger();
    /** Connections that have reported {@code closed}. */
    final AtomicInteger closed = new AtomicInteger();
    /** How connections that ended with an error ended, described. */
    final List<String> failures = new CopyOnWriteArrayList<>();

    ObservedListenerTransport(WebSocketListenerTransport inner) {
        this.inner = inner;
    }

    /** Connections refused by the transport (caps) so far. */
    int refused() {
        return inner.refusedConnectionCount();
    }

    @Override
    public void start(SocketAcceptor acceptor) {
        inner.start(new SocketAcceptor() {
            @Override
            public void accept(C4Socket socket, IncomingRequest request) {
                accepted.incrementAndGet();
                acceptor.accept(new Observed(socket, String.valueOf(request.remote())), request);
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
    public List<X509Certificate> serverCertificates() {
        return inner.serverCertificates();
    }

    @Override
    public int connectionCount() {
        return inner.connectionCount();
    }

    @Override
    public void stop() {
        inner.stop();
    }

    /** A connection passed through, whose end is recorded. */
    private final class Observed implements C4Socket {
        private final C4Socket socket;
        private final String remote;

        Observed(C4Socket socket, String remote) {
            this.socket = socket;
            this.remote = remote;
        }

        @Override
        public Framing framing() {
            return socket.framing();
        }

        @Override
        public void open(SocketDelegate delegate) {
            socket.open(new SocketDelegate() {
                @Override
                public void opened() {
                    delegate.opened();
                }

                @Override
                public void gotPeerCertificates(List<X509Certificate> chain) {
                    delegate.gotPeerCertificates(chain);
                }

                @Override
                public void gotHttpResponse(int status, Map<String, List<String>> headers) {
                    delegate.gotHttpResponse(status, headers);
                }

                @Override
                public void received(ByteBuffer data) {
                    delegate.received(data);
                }

                @Override
                public void closeRequested(int code, String reason) {
                    delegate.closeRequested(code, reason);
                }

                @Override
                public void completedWrite(long byteCount) {
                    delegate.completedWrite(byteCount);
                }

                @Override
                public void closed(C4Exception error) {
                    closed.incrementAndGet();
                    if (error != null) {
                        failures.add("connection from " + remote + " closed: " + error);
                    }
                    delegate.closed(error);
                }
            });
        }

        @Override
        public void write(ByteBuffer data) {
            socket.write(data);
        }

        @Override
        public void completedReceive(long byteCount) {
            socket.completedReceive(byteCount);
        }

        @Override
        public void requestClose(int code, String reason) {
            socket.requestClose(code, reason);
        }

        @Override
        public void close() {
            socket.close();
        }
    }
}
