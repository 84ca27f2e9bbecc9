package org.c4j.ws;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.c4j.socket.C4Socket;
import org.c4j.socket.OptionsDict;
import org.c4j.socket.testkit.RecordingDelegate;

/**
 * A listener on 127.0.0.1 for hostile-peer tests: its own short-lived threads (so thread counts return to their
 * baseline once connections end), raw sockets to attack it with, the resources the process holds (used heap
 * after GC, threads, open file descriptors), and a check that a well-behaved client is still served.
 */
public final class Hostile implements AutoCloseable {
    static final Duration WAIT = Fixture.WAIT;
    /** Heap the listener may keep after an attack, as issue 9 asks: well under this above the baseline. */
    static final long HEAP_SLACK = 64L << 20;

    final ThreadPoolExecutor io = pool("hostile-io-");
    final ThreadPoolExecutor callbacks = pool("hostile-cb-");
    final ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1, daemon("hostile-timer-"));
    final WsExecutors executors;
    final TestAcceptor acceptor;
    final WebSocketListenerTransport listener;
    final WebSocketClientFactory clients;
    /** Options of the well-behaved client (credentials when the listener wants them). */
    OptionsDict clientOptions = OptionsDict.EMPTY;

    Hostile(boolean echo, Consumer<WebSocketListenerTransport.Builder> config) {
        this(echo, config, null);
    }

    /** With {@code ioOverride} the listener runs its blocking work there (tests inject failing executors). */
    Hostile(boolean echo, Consumer<WebSocketListenerTransport.Builder> config, Executor ioOverride) {
        timers.setRemoveOnCancelPolicy(true);
        timers.prestartAllCoreThreads();
        executors = new WsExecutors(ioOverride == null ? io : ioOverride, callbacks, timers);
        clients = new WebSocketClientFactory(new WsExecutors(io, callbacks, timers));
        acceptor = new TestAcceptor(Set.of(Fixture.DB), echo);
        WebSocketListenerTransport.Builder b = WebSocketListenerTransport.builder().disableTls()
                .networkInterface("127.0.0.1")
                .executors(executors);
        config.accept(b);
        listener = b.build();
        listener.start(acceptor);
    }

    private static ThreadPoolExecutor pool(String prefix) {
        return new ThreadPoolExecutor(0, Integer.MAX_VALUE, 200, TimeUnit.MILLISECONDS, new SynchronousQueue<>(),
                daemon(prefix));
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** A raw TCP connection to the listener from {@code localAddress} (any 127.x address works on Linux). */
    Socket raw(String localAddress) throws IOException {
        Socket s = new Socket();
        if (localAddress != null) {
            s.bind(new InetSocketAddress(InetAddress.getByName(localAddress), 0));
        }
        s.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), listener.port()));
        s.setSoTimeout((int) WAIT.toMillis());
        return s;
    }

    Socket raw() throws IOException {
        return raw(null);
    }

    /** A valid upgrade request for {@code target} with extra header lines. */
    static byte[] upgradeRequest(String target, String... headers) {
        StringBuilder b = new StringBuilder("GET ").append(target).append(" HTTP/1.1\r\nHost: 127.0.0.1\r\n")
                .append("Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n")
                .append("Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n")
                .append("Sec-WebSocket-Protocol: BLIP_3+CBMobile_3\r\n");
        for (String h : headers) {
            b.append(h).append("\r\n");
        }
        return b.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Reads an HTTP head (through its blank line) byte by byte; what arrived if the stream ends first. */
    static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            if (head.size() >= 4 && head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                break;
            }
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    /** Upgrades a raw socket; returns it open (101 read). */
    Socket upgraded(String localAddress) throws IOException {
        Socket s = raw(localAddress);
        s.getOutputStream().write(upgradeRequest("/db/_blipsync"));
        String head = readHead(s.getInputStream());
        assertTrue(head.startsWith("HTTP/1.1 101"), head);
        return s;
    }

    /** One client frame (FIN set) with {@code opcode}, masked or not. */
    static byte[] frame(int opcode, byte[] payload, boolean masked) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x80 | opcode);
        int m = masked ? 0x80 : 0;
        int n = payload.length;
        if (n < 126) {
            out.write(m | n);
        } else if (n < 65536) {
            out.write(m | 126);
            out.write(n >>> 8);
            out.write(n & 0xFF);
        } else {
            out.write(m | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                out.write((int) (((long) n >>> shift) & 0xFF));
            }
        }
        byte[] key = {0x11, 0x22, 0x33, 0x44};
        if (masked) {
            out.writeBytes(key);
        }
        for (int i = 0; i < n; i++) {
            out.write(masked ? payload[i] ^ key[i & 3] : payload[i]);
        }
        return out.toByteArray();
    }

    /** True once {@code s} is closed by the peer (EOF or reset), false if it is still open after a wait. */
    static boolean endedByPeer(Socket s) throws IOException {
        byte[] sink = new byte[16 * 1024];
        s.setSoTimeout((int) WAIT.toMillis());
        try {
            while (s.getInputStream().read(sink) >= 0) {
                // discard until the end
            }
            return true;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset
        }
    }

    /** A normal client connects, gets one message echoed (when echoing) and closes cleanly. */
    void assertStillServesAClient() throws Exception {
        URI uri = URI.create("ws://127.0.0.1:" + listener.port() + "/db/_blipsync");
        C4Socket socket = clients.create(uri, clientOptions);
        RecordingDelegate r = RecordingDelegate.autoReleasing(socket);
        socket.open(r);
        assertTrue(r.awaitOpened(WAIT), r::toString);
        if (echoing()) {
            byte[] msg = "still here".getBytes(StandardCharsets.UTF_8);
            socket.write(ByteBuffer.wrap(msg.clone()));
            assertTrue(r.awaitReceived(1, WAIT), r::toString);
            assertArrayEquals(msg, r.receivedMessages().get(0));
        }
        socket.requestClose(1000, "done");
        assertTrue(r.awaitClosed(WAIT));
        assertEquals(null, r.closeError());
        assertEquals(WebSocketListenerTransport.State.RUNNING, listener.state());
    }

    /** Basic credentials as client options. */
    static OptionsDict basicAuth(String user, String password) {
        return OptionsDict.builder().putDict(org.c4j.socket.OptionKeys.AUTH, OptionsDict.builder()
                .put(org.c4j.socket.OptionKeys.AUTH_TYPE, "Basic")
                .put(org.c4j.socket.OptionKeys.AUTH_USERNAME, user)
                .put(org.c4j.socket.OptionKeys.AUTH_PASSWORD, password).build()).build();
    }

    private boolean echoing() {
        return acceptor.echoes();
    }

    /** Waits until the listener holds no connection. */
    void awaitNoConnections() throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (listener.connectionCount() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(0, listener.connectionCount(), "connections left open");
    }

    @Override
    public void close() {
        listener.stop();
        io.shutdownNow();
        callbacks.shutdownNow();
        timers.shutdownNow();
    }

    /** What the process holds: used heap after GC, live threads, open file descriptors. */
    record Usage(long heap, int threads, int fds, Set<String> threadNames) {
        static Usage now() {
            for (int i = 0; i < 3; i++) {
                System.gc();
            }
            Runtime rt = Runtime.getRuntime();
            long heap = rt.totalMemory() - rt.freeMemory();
            Set<String> names = new java.util.TreeSet<>();
            for (Thread t : Thread.getAllStackTraces().keySet()) {
                names.add(t.getName());
            }
            return new Usage(heap, names.size(), countFds(), names);
        }

        static int countFds() {
            try (Stream<Path> s = Files.list(Path.of("/proc/self/fd"))) {
                return (int) s.count();
            } catch (IOException e) {
                return -1;
            }
        }

        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "heap %.1f MiB, %d threads, %d fds", heap / 1048576.0, threads, fds);
        }
    }

    /**
     * The baseline: serves one well-behaved client first (so lazily opened descriptors such as the random
     * source and loaded classes are not counted as the attack's), then waits for idle threads to end.
     */
    Usage baseline() throws Exception {
        assertStillServesAClient();
        awaitNoConnections();
        return settled();
    }

    /** Usage once the threads and descriptors of ended connections are gone (idle pool threads live 200 ms). */
    static Usage settled() throws InterruptedException {
        Usage last = Usage.now();
        for (int i = 0; i < 20; i++) {
            Thread.sleep(300);
            Usage u = Usage.now();
            if (u.threads() == last.threads() && u.fds() == last.fds()) {
                return u;
            }
            last = u;
        }
        return last;
    }

    /** {@link #assertBackTo} after dropping the test acceptor's records (test memory, not the listener's). */
    Usage assertBack(Usage before, String attack) throws InterruptedException {
        acceptor.forget();
        return assertBackTo(before, attack);
    }

    /**
     * Asserts the process is back to {@code before}: heap within {@link #HEAP_SLACK}, threads and descriptors no
     * more than before (waiting up to {@link #WAIT} for them to wind down). Returns the usage after, for the log.
     */
    static Usage assertBackTo(Usage before, String attack) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        Usage after = Usage.now();
        while ((after.threads() > before.threads() || after.fds() > before.fds()) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            after = Usage.now();
        }
        System.out.printf("[hostile] %s: before %s; after %s%n", attack, before, after);
        assertTrue(after.heap() - before.heap() < HEAP_SLACK, attack + ": heap " + before + " -> " + after);
        Set<String> added = new java.util.TreeSet<>(after.threadNames());
        added.removeAll(before.threadNames());
        assertTrue(after.threads() <= before.threads(), attack + ": threads " + before + " -> " + after + ", new "
                + added);
        assertTrue(after.fds() <= before.fds(), attack + ": fds " + before + " -> " + after);
        return after;
    }
}
