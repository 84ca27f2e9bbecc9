package org.c4j.interop;

import java.util.concurrent.atomic.AtomicLong;

import org.c4j.socket.C4Socket;
import org.c4j.socket.IncomingRequest;
import org.c4j.socket.ListenerTransport;
import org.c4j.socket.testkit.ForwardingListenerTransport;

/**
 * A listener transport that counts the bytes its connections carry: every BLIP frame written and received
 * through the wrapped transport's sockets (after BLIP compression; WebSocket framing and TCP not included).
 * Thread-safe.
 */
final class CountingListenerTransport extends ForwardingListenerTransport {
    final AtomicLong bytesSent = new AtomicLong();
    final AtomicLong bytesReceived = new AtomicLong();

    CountingListenerTransport(ListenerTransport inner) {
        super(inner);
    }

    long total() {
        return bytesSent.get() + bytesReceived.get();
    }

    void reset() {
        bytesSent.set(0);
        bytesReceived.set(0);
    }

    @Override
    protected C4Socket wrap(C4Socket socket, IncomingRequest request) {
        return new CountingSocket(socket, bytesSent, bytesReceived);
    }
}
