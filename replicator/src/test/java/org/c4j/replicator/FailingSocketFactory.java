package org.c4j.replicator;

import java.net.URI;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import org.c4j.socket.C4Exception;
import org.c4j.socket.C4Socket;
import org.c4j.socket.Framing;
import org.c4j.socket.OptionsDict;
import org.c4j.socket.SocketDelegate;
import org.c4j.socket.SocketFactory;

/** A transport whose every connection fails: an optional HTTP response, then {@code closed(error)}. */
public final class FailingSocketFactory implements SocketFactory {
    private final int httpStatus;
    private final C4Exception error;
    final AtomicInteger created = new AtomicInteger();

    /** @param httpStatus 0 for none */
    FailingSocketFactory(int httpStatus, C4Exception error) {
        this.httpStatus = httpStatus;
        this.error = error;
    }

    @Override
    public C4Socket create(URI address, OptionsDict options) {
        created.incrementAndGet();
        return new C4Socket() {
            @Override
            public Framing framing() {
                return Framing.MESSAGES;
            }

            @Override
            public void open(SocketDelegate delegate) {
                CompletableFuture.runAsync(() -> {
                    if (httpStatus != 0) {
                        delegate.gotHttpResponse(httpStatus, Map.of("WWW-Authenticate", List.of("Basic realm=x")));
                    }
                    delegate.closed(error);
                });
            }

            @Override
            public void write(ByteBuffer data) {
            }

            @Override
            public void completedReceive(long byteCount) {
            }

            @Override
            public void requestClose(int code, String reason) {
            }

            @Override
            public void close() {
            }
        };
    }
}
