package org.c4j.ws;

import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads the Java-WebSocket transports run on, injectable so tests and applications control them.
 *
 * @param io        runs blocking socket work: each connection occupies two tasks for its whole life (a reader,
 *                  which also connects and handshakes, and a writer), plus one for each listener's accept loop.
 *                  It must therefore not cap its threads below that (a cached pool is right).
 * @param callbacks runs {@link org.c4j.socket.SocketDelegate} callbacks, serially per socket; tasks are short
 * @param timers    heartbeat pings and pong/close/stop timeouts
 *
 * <p>Immutable; thread-safe. The executors are not shut down by the transports.
 */
public record WsExecutors(Executor io, Executor callbacks, ScheduledExecutorService timers) {
    public WsExecutors {
        Objects.requireNonNull(io, "io");
        Objects.requireNonNull(callbacks, "callbacks");
        Objects.requireNonNull(timers, "timers");
    }

    /**
     * Process-wide defaults: cached pools of daemon threads ({@code c4j-ws-io-N}, {@code c4j-ws-cb-N}) and one
     * timer thread.
     */
    public static WsExecutors shared() {
        return Shared.INSTANCE;
    }

    private static final class Shared {
        static final WsExecutors INSTANCE = create();

        private static WsExecutors create() {
            ExecutorService io = Executors.newCachedThreadPool(daemon("c4j-ws-io-"));
            ExecutorService callbacks = Executors.newCachedThreadPool(daemon("c4j-ws-cb-"));
            ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1, daemon("c4j-ws-timer-"));
            timers.setRemoveOnCancelPolicy(true);
            return new WsExecutors(io, callbacks, timers);
        }

        private static ThreadFactory daemon(String prefix) {
            AtomicInteger n = new AtomicInteger();
            return r -> {
                Thread t = new Thread(r, prefix + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            };
        }
    }
}
