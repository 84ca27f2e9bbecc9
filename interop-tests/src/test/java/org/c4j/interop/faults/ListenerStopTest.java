package org.c4j.interop.faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.c4j.Body;
import org.c4j.Database;
import org.c4j.Document;
import org.c4j.replicator.Listener;
import org.c4j.replicator.ListenerConfig;
import org.c4j.replicator.Replicator;
import org.c4j.replicator.ReplicatorConfig;
import org.c4j.replicator.ReplicatorType;
import org.c4j.socket.OptionKeys;
import org.c4j.socket.OptionsDict;
import org.c4j.ws.WebSocketClientFactory;
import org.c4j.ws.WebSocketListenerTransport;
import org.c4j.ws.WsExecutors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 9's lifecycle rule, over real sockets on 127.0.0.1 with a real LMDB database: stopping a listener — by
 * {@link Listener#stop()} or by closing its database — while c4j clients push continuously (inserts under way) and
 * other connections are stuck halfway through their HTTP upgrade request. Asserted: the stop returns; the stuck
 * connections are closed; the database closes without error; reopened, it holds every revision any client saw
 * acknowledged; and no thread the listener, its connections or the clients started is left once the clients are
 * stopped (every pool here lets idle threads go after 200 ms, so the live threads come back to the baseline).
 */
class ListenerStopTest {
    private static final int CLIENTS = 4;
    private static final int HALF_OPEN = 3;
    private static final long WAIT_SECONDS = 60;

    record Rev(String docId, String revId) { }

    @TempDir
    Path tmp;

    private final ThreadPoolExecutor io = pool("stop-io-");
    private final ThreadPoolExecutor callbacks = pool("stop-cb-");
    private final ThreadPoolExecutor replication = pool("stop-repl-");
    private final ScheduledThreadPoolExecutor timers = timer("stop-timer");
    private final ScheduledThreadPoolExecutor replTimers = timer("stop-repl-timer");
    private final WsExecutors executors = new WsExecutors(io, callbacks, timers);
    private final Set<Rev> acked = ConcurrentHashMap.newKeySet();
    private final List<Socket> halfOpen = new ArrayList<>();
    private final List<Client> clients = new ArrayList<>();

    private static ThreadPoolExecutor pool(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return new ThreadPoolExecutor(0, Integer.MAX_VALUE, 200, TimeUnit.MILLISECONDS, new SynchronousQueue<>(),
                r -> {
                    Thread t = new Thread(r, prefix + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }

    private static ScheduledThreadPoolExecutor timer(String name) {
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
            Thread th = new Thread(r, name);
            th.setDaemon(true);
            return th;
        });
        t.prestartAllCoreThreads();
        return t;
    }

    @AfterEach
    void shutDown() {
        for (Client c : clients) {
            c.close();
        }
        for (Socket s : halfOpen) {
            try {
                s.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        io.shutdownNow();
        callbacks.shutdownNow();
        replication.shutdownNow();
        timers.shutdownNow();
        replTimers.shutdownNow();
    }

    @Test
    void listenerStopMidInsertAndMidHandshakeLosesNoAcknowledgedRevision() throws Exception {
        run(false);
    }

    @Test
    void databaseCloseMidInsertStopsTheListenerFirstAndLosesNoAcknowledgedRevision() throws Exception {
        run(true);
    }

    /**
     * A peer that completes its upgrade and then goes silent (never reads, never answers the close): stop() drops
     * it after the close timeout and returns only once its replication has ended, so the database closes.
     */
    @Test
    void stopReturnsOnlyOnceAConnectionIgnoringTheCloseHasEnded() throws Exception {
        Set<Thread> baseline = warmUpAndBaseline();
        Path serverDir = tmp.resolve("server");
        Database server = Database.open(serverDir);
        ListenerConfig base = ListenerConfig.of(server).withDatabaseName("db");
        Listener listener = new Listener(WebSocketListenerTransport.builder().disableTls()
                .networkInterface("127.0.0.1").port(0).executors(executors).build(),
                base.withReplication(base.replication().withExecutor(replication).withScheduler(replTimers)));
        listener.start();
        try (Socket silent = new Socket()) {
            silent.connect(new InetSocketAddress("127.0.0.1", listener.port()));
            silent.setSoTimeout((int) TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
            silent.getOutputStream().write(("GET /db/_blipsync HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Protocol: BLIP_3+CBMobile_3\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            String status = readLine(silent.getInputStream());
            assertTrue(status.startsWith("HTTP/1.1 101"), status);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
            while (listener.status().connectionCount() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(1, listener.status().connectionCount(), "the silent peer is not being served");
            CompletableFuture.runAsync(listener::stop).get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertEquals(0, listener.status().connectionCount(), "stop() returned with a replication still going");
            server.close();
        }
        assertNoThreadLeft(baseline);
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
            line.append((char) b);
        }
        return line.toString().trim();
    }

    /** Process-wide helpers started on first use (LMDBJava's jnr-ffi finalizer, a Cleaner) belong to the baseline. */
    private Set<Thread> warmUpAndBaseline() {
        Database.open(tmp.resolve("warm-up")).close();
        return Set.copyOf(Thread.getAllStackTraces().keySet());
    }

    private void run(boolean byDatabaseClose) throws Exception {
        long seed = new Random().nextLong();
        System.out.println("ListenerStopTest seed " + seed + (byDatabaseClose ? " (Database.close)" : " (stop)"));
        Random rnd = new Random(seed);
        Set<Thread> baseline = warmUpAndBaseline();
        Path serverDir = tmp.resolve("server");
        Database server = Database.open(serverDir);
        ListenerConfig base = ListenerConfig.of(server).withDatabaseName("db");
        WebSocketListenerTransport transport = WebSocketListenerTransport.builder().disableTls()
                .networkInterface("127.0.0.1").port(0).upgradeDeadline(java.time.Duration.ofSeconds(120))
                .executors(executors).build();
        Listener listener = new Listener(transport, base.withReplication(base.replication()
                .withExecutor(replication).withScheduler(replTimers)));
        listener.start();
        URI url = URI.create("ws://127.0.0.1:" + listener.port() + "/db");
        for (int i = 0; i < CLIENTS; i++) {
            clients.add(new Client(tmp.resolve("client-" + i), url, i));
        }
        clients.forEach(Client::start);
        for (int i = 0; i < HALF_OPEN; i++) {
            halfOpen.add(halfUpgrade(listener.port()));
        }
        int target = 100 + rnd.nextInt(400);
        awaitAcks(target);
        int before = acked.size();

        CompletableFuture<Void> stopped = CompletableFuture.runAsync(() -> {
            if (byDatabaseClose) {
                server.close();
            } else {
                listener.stop();
            }
        });
        stopped.get(WAIT_SECONDS, TimeUnit.SECONDS); // a hang fails here; an exception is rethrown
        assertEquals(Listener.State.STOPPED, listener.state());
        for (Socket s : halfOpen) {
            assertClosedByPeer(s);
        }
        if (!byDatabaseClose) {
            server.close();
        }
        for (Client c : clients) {
            c.close();
        }
        List<Rev> snapshot = new ArrayList<>(acked);
        List<Rev> missing = new ArrayList<>();
        try (Database reopened = Database.open(serverDir)) {
            for (Rev r : snapshot) {
                Document d = reopened.defaultCollection().get(r.docId());
                if (d == null || d.revision(r.revId()) == null) {
                    missing.add(r);
                }
            }
        }
        System.out.printf("[stop] %s after %d acknowledged revisions (target %d): %d acknowledged in all, all"
                + " stored: %b%n", byDatabaseClose ? "Database.close" : "Listener.stop", before, target,
                snapshot.size(), missing.isEmpty());
        assertEquals(List.of(), missing, "acknowledged revisions missing after the stop");
        assertNoThreadLeft(baseline);
    }

    /** Opens a TCP connection and sends the first half of an upgrade request: it never completes. */
    private static Socket halfUpgrade(int port) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", port));
        s.setSoTimeout((int) TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
        OutputStream out = s.getOutputStream();
        out.write(("GET /db/_blipsync HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upg")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return s;
    }

    /** The listener closed {@code s}: reading ends (EOF or reset), not by our read timeout. */
    private static void assertClosedByPeer(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        try {
            byte[] buf = new byte[1024];
            while (in.read(buf) >= 0) {
                // a refusal's bytes, if any
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("a half-upgraded connection is still open after the stop");
        } catch (IOException e) {
            // reset by the listener: closed too
        }
    }

    private void awaitAcks(int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (acked.size() < n && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertTrue(acked.size() >= n, "only " + acked.size() + " revisions acknowledged");
    }

    /** Waits (bounded) until every thread started since {@code baseline} ended; fails naming those left. */
    private static void assertNoThreadLeft(Set<Thread> baseline) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        List<String> left = List.of();
        while (System.nanoTime() < deadline) {
            left = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> !baseline.contains(t) && t.isAlive() && !isJvmOwn(t))
                    .map(Thread::getName).sorted().toList();
            if (left.isEmpty()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("threads left behind: " + left);
    }

    /** The JVM's own helpers that come and go by themselves (compiler threads, reference handling). */
    private static boolean isJvmOwn(Thread t) {
        String n = t.getName();
        return n.contains("CompilerThread") || n.equals("Attach Listener") || n.startsWith("Common-Cleaner")
                || n.equals("process reaper") || n.startsWith("ForkJoinPool.commonPool");
    }

    /**
     * A c4j client: its own database, a writer saving a new document every couple of milliseconds, and a
     * continuous push replicator on the test's own pools, whose successful per-document events are recorded.
     */
    private final class Client {
        private final Database db;
        private final Replicator replicator;
        private final Thread writer;
        private final AtomicBoolean done = new AtomicBoolean();
        private final List<String> failures = new CopyOnWriteArrayList<>();
        private boolean closed;

        Client(Path dir, URI url, int index) {
            db = Database.open(dir);
            WebSocketClientFactory sockets = new WebSocketClientFactory(executors);
            replicator = new Replicator(ReplicatorConfig.builder(db, url).type(ReplicatorType.PUSH)
                    .continuous(true).socketFactory(sockets).executor(replication).scheduler(replTimers)
                    .options(OptionsDict.builder().put(OptionKeys.MAX_RETRY_INTERVAL, 1L).build()).build());
            replicator.addDocumentListener(d -> {
                if (d.error() == null) {
                    acked.add(new Rev(d.docId(), d.revId()));
                }
            });
            writer = new Thread(() -> {
                for (int n = 0; !done.get(); n++) {
                    String id = "c" + index + "-" + n;
                    try {
                        db.defaultCollection().save(id, null, Body.fromMap(Map.of("n", n)));
                        Thread.sleep(2);
                    } catch (InterruptedException e) {
                        return;
                    } catch (RuntimeException e) {
                        failures.add(e.toString());
                        return;
                    }
                }
            }, "stop-writer-" + index);
            writer.setDaemon(true);
        }

        void start() {
            writer.start();
            replicator.start();
        }

        void close() {
            if (closed) {
                return;
            }
            closed = true;
            done.set(true);
            try {
                writer.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            replicator.stop();
            db.close();
            assertEquals(List.of(), failures, "client writer failed");
        }
    }
}
