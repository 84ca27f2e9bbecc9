package org.c4j.interop;

import java.net.URI;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.c4j.socket.C4Exception;
import org.c4j.socket.C4Socket;
import org.c4j.socket.Framing;
import org.c4j.socket.IncomingRequest;
import org.c4j.socket.ListenerTransport;
import org.c4j.socket.SocketAcceptor;
import org.c4j.socket.SocketDelegate;

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
                acceptor.accept(new Counting(socket), request);
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

    private final class Counting implements C4Socket {
        private final C4Socket socket;

        Counting(C4Socket socket) {
            this.socket = socket;
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
                public void gotHttpResponse(int status, Map<String, List<String>> headers) {
                    delegate.gotHttpResponse(status, headers);
                }

                @Override
                public void received(ByteBuffer data) {
                    bytesReceived.addAndGet(data.remaining());
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
            bytesSent.addAndGet(data.remaining());
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
