package org.c4j.ws;

import static org.c4j.ws.Hostile.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** The listener keeps serving through failing accepts and through an Error while starting one connection. */
public class ListenerAcceptLoopTest {

    /** Fails its first accepts the way a process out of file descriptors does (EMFILE). */
    private static final class OutOfDescriptors extends ServerSocket {
        final AtomicInteger failures = new AtomicInteger(8);

        OutOfDescriptors() throws IOException {
        }

        @Override
        public Socket accept() throws IOException {
            if (failures.getAndDecrement() > 0) {
                throw new IOException("Too many open files");
            }
            return super.accept();
        }
    }

    @Test
    void acceptFailuresLikeEmfileAreRetriedWithBackOffAndTheListenerStaysRunning() throws Exception {
        OutOfDescriptors[] server = new OutOfDescriptors[1];
        try (Hostile h = new Hostile(true, b -> b.serverSockets(() -> server[0] = new OutOfDescriptors()))) {
            assertEquals(WebSocketListenerTransport.State.RUNNING, h.listener.state());
            h.assertStillServesAClient();
            assertTrue(server[0].failures.get() < 0, "all failures were retried");
        }
    }

    @Test
    void anErrorStartingOneConnectionDropsOnlyThatOne() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newCachedThreadPool();
        // The first task is the accept loop, the second the first connection's reader: that one fails.
        Executor failingOnce = task -> {
            if (calls.incrementAndGet() == 2) {
                throw new OutOfMemoryError("unable to create native thread (simulated)");
            }
            pool.execute(task);
        };
        try (Hostile h = new Hostile(true, b -> { }, failingOnce)) {
            try (Socket victim = h.raw()) {
                victim.getOutputStream().write(Hostile.upgradeRequest("/db/_blipsync"));
                assertTrue(Hostile.endedByPeer(victim), "the failed connection was left open");
            }
            h.awaitNoConnections();
            assertEquals(WebSocketListenerTransport.State.RUNNING, h.listener.state());
            h.assertStillServesAClient();
            assertTrue(WAIT.toMillis() > 0);
        } finally {
            pool.shutdownNow();
        }
    }
}
