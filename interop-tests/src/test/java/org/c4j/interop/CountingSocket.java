package org.c4j.interop;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;

import org.c4j.socket.C4Socket;
import org.c4j.socket.SocketDelegate;
import org.c4j.socket.testkit.ForwardingDelegate;
import org.c4j.socket.testkit.ForwardingSocket;

/**
 * A {@link C4Socket} that passes everything through to {@code socket} and counts the BLIP bytes written and received
 * (WebSocket message payloads, before the transport's own framing) into the given counters. Every event, the TLS peer
 * chain included, reaches the engine unchanged. Thread-safe as the wrapped socket is.
 */
final class CountingSocket extends ForwardingSocket {
    private final AtomicLong sent;
    private final AtomicLong received;

    CountingSocket(C4Socket socket, AtomicLong sent, AtomicLong received) {
        super(socket);
        this.sent = sent;
        this.received = received;
    }

    @Override
    protected SocketDelegate wrap(SocketDelegate delegate) {
        return new ForwardingDelegate(delegate) {
            @Override
            public void received(ByteBuffer data) {
                received.addAndGet(data.remaining());
                super.received(data);
            }
        };
    }

    @Override
    public void write(ByteBuffer data) {
        sent.addAndGet(data.remaining());
        super.write(data);
    }
}
