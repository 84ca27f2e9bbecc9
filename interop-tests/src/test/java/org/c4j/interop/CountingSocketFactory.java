package org.c4j.interop;

import java.net.URI;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.c4j.socket.C4Exception;
import org.c4j.socket.C4Socket;
import org.c4j.socket.Framing;
import org.c4j.socket.OptionsDict;
import org.c4j.socket.SocketDelegate;
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
        C4Socket socket = inner.create(address, options);
        return new C4Socket() {
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
        };
    }
}
