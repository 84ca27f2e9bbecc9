package org.c4j.ws.internal.listen;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;

import org.c4j.ws.internal.Tuning;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A listener's accept loop, built never to die while its listener runs: a failing {@code accept()} (too many
 * open files, out of memory, ...) is logged once per run of failures and retried after a pause that doubles from
 * {@link Tuning#ACCEPT_BACKOFF_MIN} to {@link Tuning#ACCEPT_BACKOFF_MAX}; anything thrown while handing over one
 * accepted socket closes that socket only. It returns only once {@link Handler#running()} is false (the
 * listener closed its server socket to stop). Runs on one thread; the handler must be thread-safe.
 */
public final class AcceptLoop implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(AcceptLoop.class);

    /** The listener's side. */
    public interface Handler {
        /** Whether the listener still wants connections. */
        boolean running();

        /** Takes over {@code socket} (starts or refuses a connection); may throw, the loop then closes it. */
        void accepted(Socket socket);
    }

    private final ServerSocket server;
    private final Handler handler;

    public AcceptLoop(ServerSocket server, Handler handler) {
        this.server = server;
        this.handler = handler;
    }

    @Override
    public void run() {
        long backoffNanos = 0;
        long failures = 0;
        while (handler.running()) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException | RuntimeException | Error e) {
                if (!handler.running()) {
                    return;
                }
                failures++;
                backoffNanos = backoffNanos == 0 ? Tuning.ACCEPT_BACKOFF_MIN.toNanos()
                        : Math.min(backoffNanos * 2, Tuning.ACCEPT_BACKOFF_MAX.toNanos());
                if (failures == 1) {
                    LOG.warn("listener accept failed ({}); retrying with back-off", e.toString());
                } else {
                    LOG.debug("listener accept failed again ({}): {}", failures, e.toString());
                }
                if (!pause(backoffNanos)) {
                    return;
                }
                continue;
            }
            if (failures > 0) {
                LOG.warn("listener accept works again after {} failures", failures);
                failures = 0;
                backoffNanos = 0;
            }
            try {
                handler.accepted(socket);
            } catch (RuntimeException | Error e) {
                LOG.error("could not start a connection from {}; closing it", socket.getRemoteSocketAddress(), e);
                closeQuietly(socket);
            }
        }
    }

    /** Sleeps; false if interrupted (the thread is being shut down: stop the loop, keep the interrupt). */
    private static boolean pause(long nanos) {
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException | RuntimeException e) {
            LOG.debug("closing a socket: {}", e.toString());
        }
    }
}
