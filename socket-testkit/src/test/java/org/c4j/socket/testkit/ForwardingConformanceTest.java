package org.c4j.socket.testkit;

import java.time.Duration;

import org.c4j.socket.C4Socket;
import org.c4j.socket.IncomingRequest;
import org.c4j.socket.OptionsDict;
import org.c4j.socket.SocketAcceptor;
import org.c4j.socket.SocketDelegate;

/**
 * The conformance suite against loopback sockets wrapped in {@link ForwardingSocket} (with a
 * {@link ForwardingDelegate} in front of every delegate) on both sides: a pass-through wrapper must keep every rule the
 * transport it wraps keeps — event order, flow control, close handshakes, the peer chain.
 */
class ForwardingConformanceTest extends TransportConformanceSuite {
    @Override
    protected TransportHarness createHarness() {
        TransportHarness inner = TransportHarness.loopback(LoopbackConfig.builder()
                .bufferBytes(256 * 1024).latency(Duration.ofMillis(1)).jitter(Duration.ofMillis(1), 11).build());
        return new TransportHarness() {
            @Override
            public TransportTraits traits() {
                return inner.traits();
            }

            @Override
            public void start(SocketAcceptor acceptor) {
                inner.start(new SocketAcceptor() {
                    @Override
                    public void accept(C4Socket socket, IncomingRequest request) {
                        acceptor.accept(wrapped(socket), request);
                    }

                    @Override
                    public boolean servesDatabase(String database) {
                        return acceptor.servesDatabase(database);
                    }
                });
            }

            @Override
            public C4Socket connect(String database, OptionsDict options) {
                return wrapped(inner.connect(database, options));
            }

            @Override
            public C4Socket connectRefused(OptionsDict options) {
                return wrapped(inner.connectRefused(options));
            }

            @Override
            public void dropLink(C4Socket client, C4Socket server) {
                inner.dropLink(((Wrapped) client).inner(), ((Wrapped) server).inner());
            }

            @Override
            public void close() {
                inner.close();
            }
        };
    }

    private static C4Socket wrapped(C4Socket socket) {
        return new Wrapped(socket);
    }

    /** Both halves of the pass-through, as a subclass uses them. */
    private static final class Wrapped extends ForwardingSocket {
        Wrapped(C4Socket socket) {
            super(socket);
        }

        C4Socket inner() {
            return socket;
        }

        @Override
        protected SocketDelegate wrap(SocketDelegate delegate) {
            return new ForwardingDelegate(delegate);
        }
    }
}
