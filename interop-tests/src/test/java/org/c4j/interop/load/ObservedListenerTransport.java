package org.c4j.interop.load;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.c4j.socket.C4Exception;
import org.c4j.socket.C4Socket;
import org.c4j.socket.IncomingRequest;
import org.c4j.socket.SocketDelegate;
import org.c4j.socket.testkit.ForwardingDelegate;
import org.c4j.socket.testkit.ForwardingListenerTransport;
import org.c4j.socket.testkit.ForwardingSocket;
import org.c4j.ws.WebSocketListenerTransport;

/**
 * The listener side's view of the load scenario: wraps the real {@link WebSocketListenerTransport} and every
 * connection it hands to the {@code Listener}, passing every call and event through unchanged, and records how each
 * connection ended — a connection whose socket reports {@code closed(error)} with an error is a listener-side
 * failure (the passive replicator's BLIP connection was closed abnormally, by either side). Thread-safe.
 */
final class ObservedListenerTransport extends ForwardingListenerTransport {
    private final WebSocketListenerTransport inner;
    /** Connections handed to the listener so far. */
    final AtomicInteger accepted = new AtomicInteger();
    /** Connections that have reported {@code closed}. */
    final AtomicInteger closed = new AtomicInteger();
    /** How connections that ended with an error ended, described. */
    final List<String> failures = new CopyOnWriteArrayList<>();

    ObservedListenerTransport(WebSocketListenerTransport inner) {
        super(inner);
        this.inner = inner;
    }

    /** Connections refused by the transport (caps) so far. */
    int refused() {
        return inner.refusedConnectionCount();
    }

    @Override
    protected C4Socket wrap(C4Socket socket, IncomingRequest request) {
        accepted.incrementAndGet();
        String remote = String.valueOf(request.remote());
        return new ForwardingSocket(socket) {
            @Override
            protected SocketDelegate wrap(SocketDelegate delegate) {
                return new ForwardingDelegate(delegate) {
                    @Override
                    public void closed(C4Exception error) {
                        closed.incrementAndGet();
                        if (error != null) {
                            failures.add("connection from " + remote + " closed: " + error);
                        }
                        super.closed(error);
                    }
                };
            }
        };
    }
}
