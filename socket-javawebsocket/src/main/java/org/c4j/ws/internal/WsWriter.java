package org.c4j.ws.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.c4j.socket.C4Exception;
import org.c4j.ws.internal.tls.TlsTuning;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The writer side of one {@link WsConnection}, on its own thread (started by {@link WsConnection#startWriter}):
 * takes the engine's outgoing buffers off {@code WebSocketImpl.outQueue} and writes them to the socket's stream —
 * the buffers queued at that moment gathered into one write of up to {@link Tuning#MAX_WRITE_GATHER} bytes, in
 * order —, reporting each completely written data frame's payload size ({@link FrameLedger}) with
 * {@link ConnectionListener#onWritten}; shuts output once the connection is closing and it is our turn
 * ({@link WsConnection#mayShutdownOutput}). With {@link WsReader}, the connection's only code that does socket
 * I/O. Not thread-safe: one per connection, run once.
 */
public final class WsWriter implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(WsWriter.class);

    /** Sentinel buffers in the engine's out-queue: stop the writer; re-check the closing condition. */
    static final ByteBuffer STOP = ByteBuffer.allocate(0);
    static final ByteBuffer WAKE = ByteBuffer.allocate(0);

    private final WsConnection c;
    private final byte[] gather = new byte[Tuning.MAX_WRITE_GATHER];
    private final List<ByteBuffer> gathered = new ArrayList<>();

    WsWriter(WsConnection connection) {
        this.c = connection;
    }

    @Override
    public void run() {
        try {
            OutputStream out = c.io.getOutputStream();
            while (true) {
                ByteBuffer buf = c.engine.outQueue.take();
                if (buf == STOP) {
                    return;
                }
                if (buf != WAKE) {
                    write(out, buf);
                }
                if (c.engine.outQueue.isEmpty() && c.mayShutdownOutput()) {
                    c.io.shutdownOutput();
                    return;
                }
            }
        } catch (IOException e) {
            gathered.clear();
            WsConnection.State s = c.state();
            if (s == WsConnection.State.OPEN || s == WsConnection.State.HANDSHAKING && c.layer == SocketLayer.PLAIN) {
                c.fail(CloseMapping.io(e));
            } else if (s == WsConnection.State.HANDSHAKING) {
                // TLS: a refusal alert the reader is decoding ends our writing too; let the reader say why first.
                C4Exception error = CloseMapping.io(e);
                c.executors.timers().schedule(() -> c.fail(error), TlsTuning.WRITE_FAILURE_GRACE.toNanos(),
                        TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            c.abort();
        } catch (RuntimeException | Error e) {
            LOG.error("WebSocket writer failed unexpectedly", e);
            c.fail(CloseMapping.unexpected(e));
        }
    }

    /**
     * Writes {@code first} and, while they fit in {@link Tuning#MAX_WRITE_GATHER} together, the buffers queued behind
     * it (up to a {@link #STOP}, left for the loop), in one write; then reports each as written, in order.
     */
    private void write(OutputStream out, ByteBuffer first) throws IOException {
        BlockingQueue<ByteBuffer> queue = c.engine.outQueue;
        ByteBuffer next = queue.peek();
        if (next == null || next == STOP || first.remaining() + next.remaining() > gather.length) {
            c.writeWatch.begin();
            out.write(first.array(), first.arrayOffset() + first.position(), first.remaining());
            c.writeWatch.end();
            written(first);
            return;
        }
        int n = copy(first, 0);
        while ((next = queue.peek()) != null && next != STOP && n + next.remaining() <= gather.length) {
            queue.poll(); // the only consumer: the buffer just seen
            n = copy(next, n);
        }
        c.writeWatch.begin();
        out.write(gather, 0, n);
        c.writeWatch.end();
        for (ByteBuffer b : gathered) {
            written(b);
        }
        gathered.clear();
    }

    private int copy(ByteBuffer b, int at) {
        System.arraycopy(b.array(), b.arrayOffset() + b.position(), gather, at, b.remaining());
        gathered.add(b);
        return at + b.remaining();
    }

    private void written(ByteBuffer buf) {
        if (buf == WAKE) {
            return;
        }
        long payload = c.ledger.written(buf);
        if (payload > 0) {
            c.listener.onWritten(payload);
        }
    }
}
