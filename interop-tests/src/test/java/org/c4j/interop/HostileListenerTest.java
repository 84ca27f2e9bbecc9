package org.c4j.interop;

import com.couchbase.lite.CouchbaseLiteException;
import com.couchbase.lite.ReplicatorConfiguration;
import com.couchbase.lite.ReplicatorType;
import com.couchbase.lite.URLEndpoint;
import org.c4j.BlobKey;
import org.c4j.Body;
import org.c4j.Database;
import org.c4j.InsertRequest;
import org.c4j.blip.BlipConfig;
import org.c4j.blip.BlipConnection;
import org.c4j.blip.IncomingMessage;
import org.c4j.blip.OutgoingMessage;
import org.c4j.replicator.Listener;
import org.c4j.replicator.ListenerConfig;
import org.c4j.socket.C4Socket;
import org.c4j.socket.OptionsDict;
import org.c4j.ws.WebSocketClientFactory;
import org.c4j.ws.WebSocketListenerTransport;
import org.c4j.ws.WsExecutors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 9's hostile-peer suite against a real c4j {@link Listener} on the Java-WebSocket transport over real
 * sockets on 127.0.0.1: one test per attack class, speaking raw WebSocket bytes or BLIP (through our own engine, as
 * a scripted peer) to the listener. Each offending connection is refused or closed with its status; the process's
 * used heap after GC stays within 64 MiB of its baseline, its threads and open descriptors return to their baseline;
 * and afterwards a real Couchbase Lite 3.0 client still pushes and pulls through the same listener.
 */
class HostileListenerTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final long HEAP_SLACK = 64L << 20;
    private static final String DB = "db";

    @TempDir
    Path dir;

    private Database c4j;
    private com.couchbase.lite.Database cbl;
    private Listener listener;
    private int port;
    /** Short-lived pool threads, so thread counts come back to the baseline once connections end. */
    private final java.util.concurrent.ThreadPoolExecutor io = pool("hostile-io-");
    private final java.util.concurrent.ThreadPoolExecutor callbacks = pool("hostile-cb-");
    private final java.util.concurrent.ScheduledThreadPoolExecutor timers =
            new java.util.concurrent.ScheduledThreadPoolExecutor(1);
    private final WsExecutors executors = new WsExecutors(io, callbacks, timers);
    private final WebSocketClientFactory attackerSockets = new WebSocketClientFactory(executors);
    private final List<BlipConnection> attackers = new ArrayList<>();
    private final AtomicInteger synced = new AtomicInteger();

    private static java.util.concurrent.ThreadPoolExecutor pool(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return new java.util.concurrent.ThreadPoolExecutor(0, Integer.MAX_VALUE, 200, TimeUnit.MILLISECONDS,
                new java.util.concurrent.SynchronousQueue<>(), r -> {
                    Thread t = new Thread(r, prefix + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }

    @BeforeEach
    void start() throws CouchbaseLiteException {
        timers.prestartAllCoreThreads();
        c4j = Database.open(dir.resolve("c4j"));
        cbl = CblSide.open(dir.resolve("cbl"), "client");
        WebSocketListenerTransport transport = WebSocketListenerTransport.builder().disableTls()
                .networkInterface("127.0.0.1")
                .port(0).upgradeDeadline(Duration.ofSeconds(1)).maxConnections(16).maxConnectionsPerAddress(8)
                .maxSendQueueBytes(1 << 20).executors(executors).build(); // BLIP alone keeps up to 256 KiB unwritten
        listener = new Listener(transport, ListenerConfig.of(c4j).withDatabaseName(DB));
        listener.start();
        port = listener.port();
    }

    @AfterEach
    void stop() throws CouchbaseLiteException {
        attackers.forEach(BlipConnection::close);
        listener.stop();
        cbl.close();
        c4j.close();
        io.shutdownNow();
        callbacks.shutdownNow();
        timers.shutdownNow();
    }

    // ---- measuring ----

    record Usage(long heap, int threads, int fds) {
        static Usage now() {
            for (int i = 0; i < 3; i++) {
                System.gc();
            }
            Runtime rt = Runtime.getRuntime();
            int fds;
            try (Stream<Path> s = Files.list(Path.of("/proc/self/fd"))) {
                fds = (int) s.count();
            } catch (IOException e) {
                fds = -1;
            }
            return new Usage(rt.totalMemory() - rt.freeMemory(), Thread.getAllStackTraces().size(), fds);
        }

        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "heap %.1f MiB, %d threads, %d fds", heap / 1048576.0,
                    threads, fds);
        }
    }

    /** The baseline, once a real CBL client has synced (its threads and descriptors exist) and things settled. */
    private Usage baseline() throws Exception {
        cblStillSyncs();
        return settle(null);
    }

    /** Waits (up to the bound) for threads and descriptors to come down to {@code target}, or to stop changing. */
    private static Usage settle(Usage target) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        Usage last = Usage.now();
        while (System.nanoTime() < deadline) {
            Thread.sleep(500);
            Usage u = Usage.now();
            boolean reached = target != null && u.threads() <= target.threads() && u.fds() <= target.fds();
            if (reached || (target == null && u.threads() == last.threads() && u.fds() == last.fds())) {
                return u;
            }
            last = u;
        }
        return last;
    }

    private void assertBack(Usage before, String attack) throws Exception {
        attackers.forEach(BlipConnection::close);
        attackers.clear();
        Usage after = settle(before);
        System.out.printf("[hostile-listener] %s: before %s; after %s%n", attack, before, after);
        assertTrue(after.heap() - before.heap() < HEAP_SLACK, attack + ": " + before + " -> " + after);
        // Shared pools (the ws transport's and the replicator's) keep idle threads up to a minute: allow a few.
        assertTrue(after.threads() <= before.threads() + 4, attack + ": " + before + " -> " + after);
        assertTrue(after.fds() <= before.fds() + 2, attack + ": " + before + " -> " + after);
        cblStillSyncs();
    }

    /** A real Couchbase Lite 3.0 client pushes a new document and pulls one through the same listener. */
    private void cblStillSyncs() throws Exception {
        int n = synced.incrementAndGet();
        CblSide.save(cbl, "from-cbl-" + n, Map.of("n", n));
        C4jSide.save(c4j, "from-c4j-" + n, Map.of("n", n));
        ReplicatorConfiguration config = new ReplicatorConfiguration(cbl,
                new URLEndpoint(URI.create("ws://127.0.0.1:" + port + "/" + DB))).setType(ReplicatorType.PUSH_AND_PULL);
        CblSide.Outcome outcome = CblSide.replicate(config);
        assertNull(outcome.status().getError(), () -> "CBL replication failed: " + outcome.status().getError());
        assertNotNull(c4j.defaultCollection().get("from-cbl-" + n), "CBL's push did not arrive");
        assertNotNull(cbl.getDocument("from-c4j-" + n), "CBL's pull did not arrive");
    }

    // ---- raw WebSocket ----

    private Socket raw() throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", port));
        s.setSoTimeout((int) WAIT.toMillis());
        return s;
    }

    private static byte[] upgradeRequest(String target) {
        return ("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Protocol: BLIP_3+CBMobile_3\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            if (head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                break;
            }
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static boolean endedByPeer(Socket s) {
        try {
            byte[] sink = new byte[16384];
            while (s.getInputStream().read(sink) >= 0) {
                // until the end
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    private static byte[] frame(int opcode, byte[] payload, boolean masked) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x80 | opcode);
        out.write((masked ? 0x80 : 0) | payload.length); // payloads here are < 126 bytes
        byte[] key = {1, 2, 3, 4};
        if (masked) {
            out.writeBytes(key);
        }
        for (int i = 0; i < payload.length; i++) {
            out.write(masked ? payload[i] ^ key[i & 3] : payload[i]);
        }
        return out.toByteArray();
    }

    @Test
    void slowlorisUpgrade() throws Exception {
        Usage before = baseline();
        byte[] rq = upgradeRequest("/db/_blipsync");
        int sent = 0;
        try (Socket s = raw()) {
            s.setSoTimeout(1);
            boolean dropped = false;
            for (; sent < rq.length && !dropped; sent++) {
                try {
                    s.getOutputStream().write(rq[sent]);
                    dropped = s.getInputStream().read() < 0;
                } catch (SocketTimeoutException e) {
                    Thread.sleep(250);
                } catch (IOException e) {
                    dropped = true;
                }
            }
            assertTrue(dropped, "a slow upgrade was let through");
        }
        assertTrue(sent < 12, "held for " + sent + " bytes");
        assertBack(before, "slowloris upgrade (dropped after " + sent + " bytes)");
    }

    @Test
    void connectionFloodPastTheCap() throws Exception {
        Usage before = baseline();
        List<Socket> held = new ArrayList<>();
        int refused = 0;
        try {
            for (int i = 0; i < 8; i++) {
                Socket s = raw();
                s.getOutputStream().write(upgradeRequest("/db/_blipsync"));
                assertTrue(readHead(s.getInputStream()).startsWith("HTTP/1.1 101"));
                held.add(s);
            }
            for (int i = 0; i < 200; i++) {
                try (Socket s = raw()) {
                    String head = readHead(s.getInputStream());
                    if (head.startsWith("HTTP/1.1 503")) {
                        refused++;
                    }
                } catch (IOException e) {
                    refused++; // reset once lingering refusals are at their cap
                }
            }
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
        assertEquals(200, refused);
        assertBack(before, "connection flood (8 held, 200 refused with 503)");
    }

    @Test
    void pingFloodFromAPeerThatNeverReads() throws Exception {
        Usage before = baseline();
        long sent = 0;
        try (Socket s = new Socket()) {
            s.setReceiveBufferSize(4096);
            s.connect(new InetSocketAddress("127.0.0.1", port));
            s.getOutputStream().write(upgradeRequest("/db/_blipsync"));
            assertTrue(readHead(s.getInputStream()).startsWith("HTTP/1.1 101"));
            byte[] ping = frame(0x9, new byte[125], true);
            OutputStream out = s.getOutputStream();
            try {
                while (sent < (256L << 20)) {
                    out.write(ping);
                    sent += ping.length;
                }
            } catch (IOException e) {
                // dropped at the send-queue cap
            }
        }
        assertTrue(sent < (256L << 20), "never dropped");
        assertBack(before, "ping flood, peer never reads (dropped after " + (sent >> 10) + " KiB of pings)");
    }

    @Test
    void unmaskedClientFrame() throws Exception {
        Usage before = baseline();
        try (Socket s = raw()) {
            s.getOutputStream().write(upgradeRequest("/db/_blipsync"));
            assertTrue(readHead(s.getInputStream()).startsWith("HTTP/1.1 101"));
            s.getOutputStream().write(frame(0x2, new byte[] {1, 2, 3}, false));
            byte[] close = s.getInputStream().readNBytes(4);
            assertEquals((byte) 0x88, close[0]);
            assertEquals(1002, ((close[2] & 0xFF) << 8) | (close[3] & 0xFF));
        }
        assertBack(before, "unmasked client frame (closed 1002)");
    }

    @Test
    void malformedHttpBasicPathsAndUtf8() throws Exception {
        Usage before = baseline();
        String[] requests = {
            "GARBAGE\r\n\r\n",
            "GET /%zz/_blipsync HTTP/1.1\r\nHost: x\r\n\r\n",
            "GET /%FF/_blipsync HTTP/1.1\r\nHost: x\r\n\r\n",
            "GET /db/_blipsync HTTP/1.1\r\nAuthorization: Basic !!!\r\n\r\n",
            "GET /db/_blipsync HTTP/1.1\r\nAuthorization: Basic bm9jb2xvbg==\r\n\r\n",
        };
        for (String rq : requests) {
            try (Socket s = raw()) {
                s.getOutputStream().write(rq.getBytes(StandardCharsets.ISO_8859_1));
                String head = readHead(s.getInputStream());
                assertTrue(head.startsWith("HTTP/1.1 400"), rq + " -> " + head);
                assertTrue(endedByPeer(s));
            }
        }
        assertBack(before, "malformed HTTP/Basic/paths/UTF-8 (400)");
    }

    // ---- BLIP ----

    /** A BLIP connection to the listener, as an attacker with our own engine would open it. */
    private BlipConnection blip() throws Exception {
        C4Socket socket = attackerSockets.create(URI.create("ws://127.0.0.1:" + port + "/" + DB + "/_blipsync"),
                OptionsDict.EMPTY);
        BlipConnection c = BlipConnection.create(socket, BlipConfig.defaults());
        attackers.add(c);
        return c;
    }

    private static IncomingMessage call(BlipConnection c, OutgoingMessage rq) throws Exception {
        return c.send(rq).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    private static OutgoingMessage.Builder rev(String id, String revId, String history, String body) {
        OutgoingMessage.Builder b = OutgoingMessage.request("rev").property("id", id).property("rev", revId)
                .property("sequence", "1");
        if (history != null) {
            b.property("history", history);
        }
        return b.body(body);
    }

    @Test
    void removedMarkerInAPushedRevision() throws Exception {
        C4jSide.save(c4j, "victim", Map.of("keep", true));
        String revId = c4j.defaultCollection().get("victim").revId();
        Usage before = baseline();
        BlipConnection c = blip();
        c.start();
        String next = "2-" + "ab".repeat(20);
        IncomingMessage r = call(c, rev("victim", next, revId, "{\"_removed\":true}").build());
        assertTrue(r.isError());
        assertEquals(403, r.errorCode());
        assertNotNull(c4j.defaultCollection().get("victim"), "a pushed _removed purged the document");
        assertFalse(c4j.defaultCollection().get("victim").isDeleted());
        assertBack(before, "_removed push (403)");
    }

    @Test
    void hugeGeneration() throws Exception {
        Usage before = baseline();
        BlipConnection c = blip();
        c.start();
        IncomingMessage r = call(c, rev("graft", "4294967295-aa", null, "{}").build());
        assertTrue(r.isError());
        assertEquals(400, r.errorCode());
        assertNull(c4j.defaultCollection().get("graft"));
        assertBack(before, "huge generation (400)");
    }

    /** A peer asking for 2^31 revisions of history gets at most MAX_HISTORY_SENT (1000), the revision included. */
    @Test
    void hugeMaxHistory() throws Exception {
        List<String> lineage = new ArrayList<>();
        for (int g = 1500; g >= 1; g--) {
            lineage.add(g + "-" + String.format("%040x", g));
        }
        c4j.defaultCollection().insertExisting(InsertRequest.of("gap", lineage, Body.fromJson("{}")));
        Usage before = baseline();
        BlipConnection c = blip();
        CompletableFuture<String> history = new CompletableFuture<>();
        c.setRequestHandler("changes", rq -> {
            String body = rq.bodyAsString();
            if (body.equals("[]")) {
                rq.respond(OutgoingMessage.builder().build());
                return;
            }
            int entries = body.split("\\],\\[", -1).length;
            StringBuilder reply = new StringBuilder("[");
            for (int i = 0; i < entries; i++) {
                reply.append(i == 0 ? "[]" : ",[]");
            }
            rq.respond(OutgoingMessage.builder().property("maxHistory", "2147483648").body(reply + "]").build());
        });
        c.setRequestHandler("rev", rq -> {
            if ("gap".equals(rq.property("id"))) {
                history.complete(rq.property("history"));
            }
            rq.respond(OutgoingMessage.builder().build());
        });
        c.start();
        call(c, OutgoingMessage.request("subChanges").build());
        String h = history.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        int count = h == null || h.isEmpty() ? 0 : h.split(",").length;
        assertTrue(count < 1000, "history of " + count);
        assertBack(before, "huge maxHistory (2^31 asked, " + count + " ancestors sent)");
    }

    @Test
    void setCheckpointFlood() throws Exception {
        c4j.putLocalDocument("peerCheckpointCount", null, "{\"count\":9990}");
        Usage before = baseline();
        BlipConnection c = blip();
        c.start();
        int refused = 0;
        for (int i = 0; i < 100; i++) {
            IncomingMessage r = call(c, OutgoingMessage.request("setCheckpoint").property("client", "flood-" + i)
                    .property("rev", "").body("{\"local\":" + i + "}").build());
            refused += r.isError() ? 1 : 0;
        }
        IncomingMessage big = call(c, OutgoingMessage.request("setCheckpoint").property("client", "flood-0")
                .property("rev", "1-cc").body("{\"x\":\"" + "a".repeat(70_000) + "\"}").build());
        assertEquals(413, big.errorCode());
        assertTrue(refused >= 90, refused + " refused");
        assertBack(before, "setCheckpoint flood (" + refused + " of 100 refused, 507; oversize 413)");
    }

    @Test
    void getAttachmentFlood() throws Exception {
        byte[] data = new byte[200 * 1024];
        new Random(1).nextBytes(data);
        BlobKey key = c4j.blobStore().create(data);
        Usage before = baseline();
        BlipConnection c = blip();
        c.start();
        List<CompletableFuture<IncomingMessage>> replies = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            replies.add(c.send(OutgoingMessage.request("getAttachment").property("digest", key.toString())
                    .property("docID", "d").build()));
        }
        int refused = 0;
        for (CompletableFuture<IncomingMessage> f : replies) {
            refused += f.get(WAIT.toSeconds() * 4, TimeUnit.SECONDS).isError() ? 1 : 0;
        }
        assertTrue(refused > 0);
        replies.clear(); // the replies are the attacker's memory, not the listener's
        assertBack(before, "getAttachment flood (" + refused + " of 400 refused with 503)");
    }

    @Test
    void oversizeBlobReply() throws Exception {
        byte[] content = new byte[1 << 20];
        new Random(2).nextBytes(content);
        BlobKey key = BlobKey.of(content);
        Usage before = baseline();
        BlipConnection c = blip();
        c.setRequestHandler("getAttachment", rq -> rq.respond(OutgoingMessage.builder().body(content).build()));
        c.start();
        IncomingMessage r = call(c, rev("withBlob", "1-aa", null,
                "{\"b\":{\"@type\":\"blob\",\"digest\":\"" + key + "\",\"length\":10}}").build());
        assertTrue(r.isError(), "a blob longer than declared was accepted");
        assertEquals(-1, c4j.blobStore().getSize(key));
        assertNull(c4j.defaultCollection().get("withBlob"));
        assertBack(before, "oversize blob reply (refused, nothing stored)");
    }
}
