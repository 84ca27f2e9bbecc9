package org.c4j.interop;

import java.net.URI;
import java.util.concurrent.atomic.AtomicLong;

import org.c4j.socket.C4Socket;
import org.c4j.socket.OptionsDict;
import org.c4j.socket.SocketFactory;

/**
 * A {@link SocketFactory} that counts the BLIP bytes its sockets write and receive (WebSocket message payloads,
 * before the transport's own framing), for the replication benchmark's bytes-on-the-wire figure. Thread-safe.
 */
final class CountingSocketFactory implements SocketFactory {
    private final SocketFactory inner;
    final AtomicLong sent = new AtomicLong();
    final AtomicLong received = new AtomicLong();

    CountingSocketFactory(SocketFactory inner) {
        this.inner = inner;
    }

    @Override
    public C4Socket create(URI address, OptionsDict options) {
        return new CountingSocket(inner.create(address, options), sent, received);
    }
}
