package org.c4j.ws.internal.listen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

public class AcceptLoopTest {

    /** A server socket whose first {@code failures} accepts fail like EMFILE does, or with an Error. */
    private static final class Flaky extends ServerSocket {
        final AtomicInteger left;
        final boolean error;

        Flaky(int failures, boolean error) throws IOException {
            this.left = new AtomicInteger(failures);
            this.error = error;
        }

        @Override
        public Socket accept() throws IOException {
            if (left.getAndDecrement() > 0) {
                if (error) {
                    throw new OutOfMemoryError("simulated");
                }
                throw new IOException("Too many open files");
            }
            return super.accept();
        }
    }

    private static void runUntilAccepted(ServerSocket server, int connections, boolean throwOnFirst)
            throws Exception {
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        AtomicBoolean running = new AtomicBoolean(true);
        List<Socket> got = new CopyOnWriteArrayList<>();
        AtomicInteger calls = new AtomicInteger();
        AcceptLoop loop = new AcceptLoop(server, new AcceptLoop.Handler() {
            @Override
            public boolean running() {
                return running.get();
            }

            @Override
            public void accepted(Socket socket) {
                if (throwOnFirst && calls.getAndIncrement() == 0) {
                    throw new OutOfMemoryError("unable to create native thread (simulated)");
                }
                got.add(socket);
            }
        });
        Thread t = new Thread(loop, "accept-loop-test");
        t.start();
        List<Socket> clients = new CopyOnWriteArrayList<>();
        try {
            for (int i = 0; i < connections; i++) {
                clients.add(new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort()));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            int expected = throwOnFirst ? connections - 1 : connections;
            while (got.size() < expected && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertEquals(expected, got.size());
            if (throwOnFirst) {
                assertEquals(-1, clients.get(0).getInputStream().read(), "the failed one was closed");
            }
        } finally {
            running.set(false);
            server.close();
            t.join(5_000);
            for (Socket s : clients) {
                s.close();
            }
            for (Socket s : got) {
                s.close();
            }
        }
        assertTrue(!t.isAlive(), "the loop ends once the listener stops");
    }

    @Test
    void keepsAcceptingAfterAcceptFailsWithTooManyOpenFiles() throws Exception {
        runUntilAccepted(new Flaky(6, false), 2, false);
    }

    @Test
    void keepsAcceptingAfterAcceptThrowsAnError() throws Exception {
        runUntilAccepted(new Flaky(2, true), 2, false);
    }

    @Test
    void anErrorWhileStartingOneConnectionClosesOnlyThatOne() throws Exception {
        runUntilAccepted(new ServerSocket(), 3, true);
    }
}
