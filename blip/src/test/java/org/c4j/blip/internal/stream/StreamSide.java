package org.c4j.blip.internal.stream;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.c4j.socket.C4Exception;
import org.c4j.socket.C4Socket;
import org.c4j.socket.Framing;
import org.c4j.socket.SocketDelegate;

/**
 * A byte-stream test transport over one loopback side: writes are cut into random chunks, {@code requestClose}
 * ends the stream (the loopback close handshake, answered at once by the other {@code StreamSide}, stands for
 * the FIN exchange), and {@code closeRequested} never reaches the engine.
 */
final class StreamSide implements C4Socket {
    private final C4Socket inner;
    private final Framing framing;
    private final Random random;

    StreamSide(C4Socket inner, Framing framing, long seed) {
        this.inner = inner;
        this.framing = framing;
        this.random = new Random(seed);
    }

    @Override
    public Framing framing() {
        return framing;
    }

    @Override
    public void open(SocketDelegate delegate) {
        inner.open(new SocketDelegate() {
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
                delegate.received(data);
            }

            @Override
            public void closeRequested(int code, String reason) {
                inner.requestClose(1000, ""); // the peer's end of stream: end ours too
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
    public synchronized void write(ByteBuffer data) {
        while (data.hasRemaining()) {
            int n = Math.min(data.remaining(), 1 + random.nextInt(random.nextBoolean() ? 16 : 20_000));
            ByteBuffer chunk = data.slice(data.position(), n);
            data.position(data.position() + n);
            inner.write(chunk);
        }
    }

    @Override
    public void completedReceive(long byteCount) {
        inner.completedReceive(byteCount);
    }

    @Override
    public void requestClose(int code, String reason) {
        inner.requestClose(1000, "");
    }

    @Override
    public void close() {
        inner.close();
    }
}
