package org.c4j.ws.internal.listen;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.c4j.ws.internal.Tuning;
import org.c4j.ws.internal.WsWire;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refuses connections a listener cannot take (a connection cap is reached) without giving them a thread: the
 * accept loop writes {@code 503 Service Unavailable} with {@code Retry-After} straight to the fresh socket (a
 * few hundred bytes fit its empty send buffer, so the write does not block), shuts output, and a timer closes
 * the socket after {@link Tuning#REFUSAL_LINGER}, discarding what the client sent meanwhile so the close is a FIN,
 * not a reset that could destroy the answer. At most {@link Tuning#MAX_LINGERING_REFUSALS} linger; further
 * refusals close at once. Thread-safe.
 */
public final class Refusals {
    private static final Logger LOG = LoggerFactory.getLogger(Refusals.class);

    private final ScheduledExecutorService timers;
    private final AtomicInteger lingering = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    /** Refusals not yet logged, and when the last log line was written (one line a second at most). */
    private final AtomicInteger unlogged = new AtomicInteger();
    private volatile long lastLogNanos = System.nanoTime() - LOG_INTERVAL_NANOS;
    private static final long LOG_INTERVAL_NANOS = 1_000_000_000L;

    public Refusals(ScheduledExecutorService timers) {
        this.timers = timers;
    }

    /** Answers {@code socket} with 503 ({@code why} as the body) and closes it. Never throws. */
    public void refuse(Socket socket, String why) {
        refused.incrementAndGet();
        log(socket, why);
        Rejection r = new Rejection(WsWire.HTTP_SERVICE_UNAVAILABLE,
                Map.of(WsWire.RETRY_AFTER, Integer.toString(Tuning.RETRY_AFTER_SECONDS)), why);
        try {
            socket.getOutputStream().write(r.toBytes());
            socket.shutdownOutput();
        } catch (IOException e) {
            LOG.debug("writing a 503 refusal: {}", e.toString());
            close(socket);
            return;
        }
        if (lingering.incrementAndGet() > Tuning.MAX_LINGERING_REFUSALS) {
            lingering.decrementAndGet();
            close(socket);
            return;
        }
        try {
            timers.schedule(() -> {
                lingering.decrementAndGet();
                close(socket);
            }, Tuning.REFUSAL_LINGER.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RuntimeException e) {
            lingering.decrementAndGet();
            close(socket);
        }
    }

    /**
     * Closes {@code socket} without an answer (a TLS listener: the client expects a handshake, not HTTP), after
     * discarding what already arrived. Never throws.
     */
    public void drop(Socket socket, String why) {
        refused.incrementAndGet();
        log(socket, why);
        close(socket);
    }

    /** Refusals lingering now (their sockets still open). */
    public int lingering() {
        return lingering.get();
    }

    /** Connections refused so far. */
    public int refused() {
        return refused.get();
    }

    /** One line per refusal, or (during a flood) one a second with the count since the last. */
    private void log(Socket socket, String why) {
        int pending = unlogged.incrementAndGet();
        long now = System.nanoTime();
        if (now - lastLogNanos >= LOG_INTERVAL_NANOS) {
            lastLogNanos = now;
            unlogged.addAndGet(-pending);
            if (pending == 1) {
                LOG.info("refusing a connection from {} with 503: {}", socket.getRemoteSocketAddress(), why);
            } else {
                LOG.info("refused {} connections with 503 in the last second, the latest from {}: {}", pending,
                        socket.getRemoteSocketAddress(), why);
            }
        }
    }

    /** Reads what has already arrived (never blocks), then closes. */
    private static void close(Socket socket) {
        try {
            InputStream in = socket.getInputStream();
            byte[] sink = new byte[Tuning.READ_BUFFER];
            int available;
            while ((available = in.available()) > 0) {
                if (in.read(sink, 0, Math.min(available, sink.length)) < 0) {
                    break;
                }
            }
        } catch (IOException e) {
            LOG.debug("draining a refused socket: {}", e.toString());
        }
        try {
            socket.close();
        } catch (IOException e) {
            LOG.debug("closing a refused socket: {}", e.toString());
        }
    }
}
