package org.c4j.interop;

import java.nio.ByteBuffer;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.c4j.socket.C4Exception;
import org.c4j.socket.C4Socket;
import org.c4j.socket.Framing;
import org.c4j.socket.SocketDelegate;

/**
 * A {@link C4Socket} that passes everything through to {@code socket} and counts the BLIP bytes written and received
 * (WebSocket message payloads, before the transport's own framing) into the given counters. Every event, the TLS peer
 * chain included, reaches the engine unchanged. Thread-safe as the wrapped socket is.
 */
final class CountingSocket implements C4Socket {
    private final C4Socket socket;
    private final AtomicLong sent;
    private final AtomicLong received;

    CountingSocket(C4Socket socket, AtomicLong sent, AtomicLong received) {
        this.socket = socket;
        this.sent = sent;
        this.received = received;
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
                received.addAndGet(data.remaining());
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
                delegate.closed(error);
            }
        });
    }

    @Override
    public void write(ByteBuffer data) {
        sent.addAndGet(data.remaining());
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
