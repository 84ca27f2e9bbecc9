package org.c4j.ws;

import static org.c4j.ws.Hostile.WAIT;
import static org.c4j.ws.Hostile.endedByPeer;
import static org.c4j.ws.Hostile.frame;
import static org.c4j.ws.Hostile.readHead;
import static org.c4j.ws.Hostile.upgradeRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.c4j.socket.C4Exception;
import org.c4j.socket.ErrorCodes;
import org.c4j.socket.ErrorDomain;
import org.c4j.socket.testkit.RecordingDelegate;
import org.junit.jupiter.api.Test;

/**
 * Attacks on the listener over real sockets, one test per class of attack (issue 9): each offending connection is
 * refused or closed with the right status, the process's heap, threads and file descriptors return to their
 * baseline, and a well-behaved client is served afterwards by the same listener.
 */
public class HostileClientTest {

    /** Slowloris: one byte of the upgrade request every 200 ms must not hold the connection past the deadline. */
    @Test
    void aSlowUpgradeRequestIsDroppedAtTheTotalDeadline() throws Exception {
        try (Hostile h = new Hostile(true, b -> b.upgradeDeadline(Duration.ofSeconds(1)))) {
            Hostile.Usage before = h.baseline();
            byte[] request = upgradeRequest("/db/_blipsync");
            int sent = 0;
            boolean dropped = false;
            try (Socket s = h.raw()) {
                s.setSoTimeout(1);
                for (; sent < request.length && !dropped; sent++) {
                    try {
                        s.getOutputStream().write(request[sent]);
                        dropped = s.getInputStream().read() < 0;
                    } catch (SocketTimeoutException e) {
                        Thread.sleep(200); // still open: next byte
                    } catch (IOException e) {
                        dropped = true;
                    }
                }
            }
            assertTrue(dropped, "the whole request went through slowly");
            assertTrue(sent < 20, "held for " + sent + " bytes (~" + sent * 200 + " ms)");
            h.awaitNoConnections();
            assertEquals(1, h.acceptor.accepted().size(), "only the warm-up client was accepted");
            h.assertBack(before, "slowloris upgrade");
            h.assertStillServesAClient();
        }
    }

    /** Connections past the per-address and the listener cap get 503 and are closed; the others are kept. */
    @Test
    void aConnectionFloodPastTheCapsIsRefusedWith503() throws Exception {
        try (Hostile h = new Hostile(true, b -> b.maxConnections(6).maxConnectionsPerAddress(3))) {
            Hostile.Usage before = h.baseline();
            List<Socket> held = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    held.add(h.upgraded("127.0.0.2"));
                }
                try (Socket extra = h.raw("127.0.0.2")) {
                    String head = readHead(extra.getInputStream());
                    assertTrue(head.startsWith("HTTP/1.1 503 Service Unavailable\r\n"), head);
                    assertTrue(head.contains("Retry-After: 5\r\n"), head);
                    assertTrue(endedByPeer(extra));
                }
                for (int i = 0; i < 3; i++) {
                    held.add(h.upgraded("127.0.0.3"));
                }
                // A flood from a third address: the listener is full; each gets 503 (or a reset once lingering
                // refusals are at their cap), none is kept.
                int answered = 0;
                for (int i = 0; i < 300; i++) {
                    try (Socket s = h.raw("127.0.0.4")) {
                        s.getOutputStream().write(upgradeRequest("/db/_blipsync"));
                        if (readHead(s.getInputStream()).startsWith("HTTP/1.1 503")) {
                            answered++;
                        }
                    } catch (IOException e) {
                        // reset: also refused
                    }
                    assertTrue(h.listener.connectionCount() <= 6);
                }
                assertTrue(answered > 0);
                assertTrue(h.listener.refusedConnectionCount() >= 301);
                assertEquals(6, h.listener.activeConnectionCount());
            } finally {
                for (Socket s : held) {
                    s.close();
                }
            }
            h.awaitNoConnections();
            h.assertBack(before, "connection flood");
            h.assertStillServesAClient();
        }
    }

    /** A peer that never reads and floods pings: its pongs pile up until the send-queue cap drops it (1008). */
    @Test
    void aPingFloodFromAPeerThatNeverReadsHitsTheSendQueueCap() throws Exception {
        try (Hostile h = new Hostile(false, b -> b.maxSendQueueBytes(256 * 1024))) {
            Hostile.Usage before = h.baseline();
            long sent = 0;
            try (Socket s = new Socket()) {
                s.setReceiveBufferSize(4096);
                s.connect(new java.net.InetSocketAddress("127.0.0.1", h.listener.port()));
                s.getOutputStream().write(upgradeRequest("/db/_blipsync"));
                assertTrue(readHead(s.getInputStream()).startsWith("HTTP/1.1 101"));
                byte[] ping = frame(0x9, new byte[125], true);
                byte[] burst = new byte[ping.length * 64];
                for (int i = 0; i < 64; i++) {
                    System.arraycopy(ping, 0, burst, i * ping.length, ping.length);
                }
                OutputStream out = s.getOutputStream();
                try {
                    while (sent < (256L << 20)) {
                        out.write(burst);
                        sent += burst.length;
                    }
                } catch (IOException e) {
                    // the listener dropped us
                }
            }
            assertTrue(sent < (256L << 20), "never dropped");
            RecordingDelegate server = h.acceptor.awaitAccepted(1, WAIT).recorder();
            assertTrue(server.awaitClosed(WAIT));
            C4Exception error = server.closeError();
            assertNotNull(error);
            assertEquals(ErrorDomain.WEBSOCKET, error.domain(), error::toString);
            assertEquals(ErrorCodes.WebSocket.CLOSE_POLICY_ERROR, error.code(), error::toString);
            h.awaitNoConnections();
            h.assertBack(before, "ping flood, peer never reads (" + (sent >> 20) + " MiB of pings)");
            h.assertStillServesAClient();
        }
    }

    /** A peer that sends a big message to the echo and never reads the answer is dropped at the write timeout. */
    @Test
    void aPeerThatStopsReadingIsDroppedAtTheWriteTimeout() throws Exception {
        try (Hostile h = new Hostile(true, b -> b.writeTimeout(Duration.ofMillis(400)).maxSendQueueBytes(1L << 30))) {
            Hostile.Usage before = h.baseline();
            try (Socket s = new Socket()) {
                s.setReceiveBufferSize(4096);
                s.connect(new java.net.InetSocketAddress("127.0.0.1", h.listener.port()));
                s.getOutputStream().write(upgradeRequest("/db/_blipsync"));
                assertTrue(readHead(s.getInputStream()).startsWith("HTTP/1.1 101"));
                // More than the kernel buffers hold (tcp_wmem max is 4 MiB): the echo's writes block.
                byte[] message = frame(0x2, new byte[1_000_000], true);
                Thread writer = new Thread(() -> {
                    try {
                        for (int i = 0; i < 12; i++) {
                            s.getOutputStream().write(message);
                        }
                    } catch (IOException e) {
                        // dropped
                    }
                }, "stalled-peer-writer");
                writer.setDaemon(true);
                writer.start();
                RecordingDelegate server = h.acceptor.awaitAccepted(1, WAIT).recorder();
                assertTrue(server.awaitClosed(WAIT));
                C4Exception error = server.closeError();
                assertEquals(ErrorDomain.NETWORK, error.domain(), error::toString);
                assertEquals(ErrorCodes.Network.TIMEOUT, error.code(), error::toString);
            }
            h.awaitNoConnections();
            h.assertBack(before, "peer stops reading");
            h.assertStillServesAClient();
        }
    }

    /** RFC 6455 §5.1: an unmasked client frame closes the connection with 1002 and is not delivered. */
    @Test
    void anUnmaskedClientFrameClosesWith1002AndIsNotDelivered() throws Exception {
        try (Hostile h = new Hostile(true, b -> { })) {
            Hostile.Usage before = h.baseline();
            try (Socket s = h.upgraded(null)) {
                OutputStream out = s.getOutputStream();
                out.write(frame(0x2, "masked".getBytes(StandardCharsets.UTF_8), true));
                out.write(frame(0x2, "unmasked".getBytes(StandardCharsets.UTF_8), false));
                InputStream in = s.getInputStream();
                // The close frame, after the echo of the masked message if the echo was written first (the
                // echo is the application's reply, the close the reader's: either may reach the socket first).
                byte[] close = in.readNBytes(4);
                if (close[0] == (byte) 0x82) {
                    byte[] echo = new byte[2 + 6];
                    System.arraycopy(close, 0, echo, 0, 4);
                    in.readNBytes(echo, 4, 4);
                    assertEquals("masked", new String(echo, 2, 6, StandardCharsets.UTF_8));
                    close = in.readNBytes(4);
                }
                assertEquals((byte) 0x88, close[0], Arrays.toString(close));
                assertEquals(1002, ((close[2] & 0xFF) << 8) | (close[3] & 0xFF));
                out.write(frame(0x8, new byte[] {0x03, (byte) 0xEA}, true)); // echo the close
                assertTrue(endedByPeer(s));
            }
            TestAcceptor.Accepted a = h.acceptor.awaitAccepted(1, WAIT);
            assertTrue(a.recorder().awaitClosed(WAIT));
            assertEquals(1, a.recorder().receivedMessages().size(), "the unmasked frame was delivered");
            h.awaitNoConnections();
            h.assertBack(before, "unmasked client frame");
            h.assertStillServesAClient();
        }
    }

    private static String answer(Hostile h, byte[] request) throws IOException {
        try (Socket s = h.raw()) {
            try {
                s.getOutputStream().write(request);
            } catch (IOException e) {
                // the listener may answer and hang up before all of an oversized head is written
            }
            String head = readHead(s.getInputStream());
            assertTrue(endedByPeer(s), "not closed after " + head);
            return head.isEmpty() ? "" : head.substring(0, head.indexOf("\r\n"));
        }
    }

    /** Malformed HTTP, paths, percent-encoding, UTF-8 and Basic credentials get 400; oversize heads 431. */
    @Test
    void malformedAndOversizeRequestsAreRefusedWith400Or431() throws Exception {
        try (Hostile h = new Hostile(true, b -> b.authenticator((u, p) -> u.equals("ada") && p.equals("pw")))) {
            h.clientOptions = Hostile.basicAuth("ada", "pw");
            Hostile.Usage before = h.baseline();
            String bad = "HTTP/1.1 400 Bad Request";
            String tooLarge = "HTTP/1.1 431 Request Header Fields Too Large";
            String basic = "Authorization: Basic ";
            assertEquals(bad, answer(h, "GARBAGE\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1)));
            assertEquals(bad, answer(h, "GET /db/_blipsync HTTP/1.1\r\nno colon\r\n\r\n"
                    .getBytes(StandardCharsets.ISO_8859_1)));
            assertEquals(bad, answer(h, "GET /db/_blipsync HTTP/1.1\r\nX: a\u0001b\r\n\r\n"
                    .getBytes(StandardCharsets.ISO_8859_1)));
            assertEquals(bad, answer(h, upgradeRequest("/%zz/_blipsync")));
            assertEquals(bad, answer(h, upgradeRequest("/%FF%FE/_blipsync")));
            assertEquals(bad, answer(h, upgradeRequest("/%C0%AF/_blipsync")));
            assertEquals(bad, answer(h, upgradeRequest("/a%00/_blipsync")));
            assertEquals(bad, answer(h, upgradeRequest("/caf\u00e9/_blipsync")));
            assertEquals(bad, answer(h, upgradeRequest("http://x/db/_blipsync")));
            assertEquals(bad, answer(h, upgradeRequest("/db/_blipsync", basic + "!!!")));
            assertEquals(bad, answer(h, upgradeRequest("/db/_blipsync", basic + "bm9jb2xvbg==")));
            assertEquals(bad, answer(h, upgradeRequest("/db/_blipsync", basic + "YTr/")));
            String[] many = new String[150];
            for (int i = 0; i < many.length; i++) {
                many[i] = "X-" + i + ": y";
            }
            assertEquals(tooLarge, answer(h, upgradeRequest("/db/_blipsync", many)));
            byte[] huge = new byte[64 * 1024];
            Arrays.fill(huge, (byte) 'a');
            assertEquals(tooLarge, answer(h, huge));
            assertEquals("HTTP/1.1 401 Unauthorized", answer(h, upgradeRequest("/db/_blipsync")));
            assertEquals(1, h.acceptor.accepted().size(), "only the warm-up client was accepted");
            h.awaitNoConnections();
            h.assertBack(before, "malformed HTTP/paths/UTF-8/Basic, oversize heads");
        }
    }

    private static long timeToAnswer(Hostile h, String password) throws IOException {
        String credentials = java.util.Base64.getEncoder()
                .encodeToString(("ada:" + password).getBytes(StandardCharsets.UTF_8));
        long start = System.nanoTime();
        assertEquals("HTTP/1.1 401 Unauthorized", answer(h, upgradeRequest("/db/_blipsync",
                "Authorization: Basic " + credentials)));
        return (System.nanoTime() - start) / 1_000_000;
    }

    /**
     * Failed logins from one address are answered later and later (250, 500, 1000 ms, ...); a challenge without
     * credentials is not slowed; while a failure waits, a good login from the same address goes through.
     */
    @Test
    void failedAuthenticationsAreDelayedPerAddressWithoutBlockingOthers() throws Exception {
        try (Hostile h = new Hostile(true, b -> b.authenticator((u, p) -> u.equals("ada") && p.equals("pw")))) {
            h.clientOptions = Hostile.basicAuth("ada", "pw");
            Hostile.Usage before = h.baseline();
            timeToAnswer(h, "wrong1");
            timeToAnswer(h, "wrong2");
            long third = timeToAnswer(h, "wrong3");
            assertTrue(third >= 900, "third failure answered after " + third + " ms");
            // The fourth failure waits 2 s; a good login meanwhile is not held up by it.
            java.util.concurrent.CompletableFuture<Long> fourth = java.util.concurrent.CompletableFuture
                    .supplyAsync(() -> {
                        try {
                            return timeToAnswer(h, "wrong4");
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    });
            Thread.sleep(100);
            java.net.URI uri = java.net.URI.create("ws://127.0.0.1:" + h.listener.port() + "/db/_blipsync");
            org.c4j.socket.C4Socket good = h.clients.create(uri, Hostile.basicAuth("ada", "pw"));
            RecordingDelegate r = RecordingDelegate.autoReleasing(good);
            good.open(r);
            assertTrue(r.awaitOpened(WAIT), r::toString);
            assertFalse(fourth.isDone(), "the good login waited for the failing one");
            assertTrue(fourth.get() >= 1900, "fourth failure answered after " + fourth.get() + " ms");
            good.requestClose(1000, "done");
            assertTrue(r.awaitClosed(WAIT));
            h.awaitNoConnections();
            h.assertBack(before, "failed logins");
        }
    }
}
