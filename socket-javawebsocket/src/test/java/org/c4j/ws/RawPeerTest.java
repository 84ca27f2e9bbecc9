package org.c4j.ws;

import static org.c4j.ws.Fixture.WAIT;
import static org.c4j.ws.WebSocketListenerTransportTest.assertClean;
import static org.c4j.ws.WebSocketListenerTransportTest.assertWebSocketError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.c4j.socket.C4Exception;
import org.c4j.socket.C4Socket;
import org.c4j.socket.ErrorCodes;
import org.c4j.socket.ErrorDomain;
import org.c4j.socket.OptionKeys;
import org.c4j.socket.OptionsDict;
import org.c4j.socket.testkit.RecordingDelegate.Event;
import org.c4j.socket.testkit.RecordingDelegate;
import org.junit.jupiter.api.Test;

/** The client against hand-written servers, and the listener against hand-written clients. */
public class RawPeerTest {

    /** Reads an HTTP head (through the blank line) byte by byte. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            String s = head.toString(StandardCharsets.ISO_8859_1);
            if (s.endsWith("\r\n\r\n")) {
                return s;
            }
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static String acceptKey(String request) throws Exception {
        String key = request.lines().filter(l -> l.toLowerCase().startsWith("sec-websocket-key:"))
                .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElseThrow();
        byte[] sha1 = MessageDigest.getInstance("SHA-1")
                .digest((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.US_ASCII));
        return Base64.getEncoder().encodeToString(sha1);
    }

    /**
     * Runs a one-connection server that answers the upgrade request with {@code respond(request)} (raw bytes),
     * then {@code after} (may be null), then keeps the connection until the client hangs up.
     */
    private static RecordingDelegate clientAgainst(OptionsDict options, Function<String, byte[]> respond,
                                                   byte[] after) throws Exception {
        return clientAgainst(options, respond, after, false);
    }

    /** As above; with {@code hangUpOnData} the server hangs up as soon as the client sends a byte after its head. */
    private static RecordingDelegate clientAgainst(OptionsDict options, Function<String, byte[]> respond,
                                                   byte[] after, boolean hangUpOnData) throws Exception {
        ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        CompletableFuture.runAsync(() -> {
            try (server; Socket s = server.accept()) {
                InputStream in = s.getInputStream();
                OutputStream out = s.getOutputStream();
                String request = readHead(in);
                out.write(respond.apply(request));
                if (after != null) {
                    out.write(after);
                }
                byte[] sink = new byte[4096];
                s.setSoTimeout((int) WAIT.toMillis());
                int n;
                while ((n = in.read(sink)) >= 0 && !(hangUpOnData && n > 0)) {
                    // hold the connection open until the client closes it
                }
            } catch (IOException e) {
                // the client dropped us; fine
            }
        });
        C4Socket socket = new WebSocketClientFactory()
                .create(URI.create("ws://127.0.0.1:" + server.getLocalPort() + "/db/_blipsync"), options);
        RecordingDelegate r = RecordingDelegate.autoReleasing(socket);
        socket.open(r);
        return r;
    }

    private static byte[] upgrade(String request, String protocol) {
        try {
            return ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: " + acceptKey(request) + "\r\n"
                    + (protocol == null ? "" : "Sec-WebSocket-Protocol: " + protocol + "\r\n") + "\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aServerThatNeverAnswersPingsIsDroppedWithATimeout() throws Exception {
        OptionsDict fastHeartbeat = OptionsDict.builder().put(OptionKeys.HEARTBEAT, 0.2).build();
        RecordingDelegate r = clientAgainst(fastHeartbeat, rq -> upgrade(rq, "BLIP_3+CBMobile_3"), null);
        assertTrue(r.awaitOpened(WAIT));
        assertTrue(r.awaitClosed(WAIT));
        C4Exception error = r.closeError();
        assertNotNull(error);
        assertEquals(ErrorDomain.NETWORK, error.domain());
        assertEquals(ErrorCodes.Network.TIMEOUT, error.code(), error::toString);
        assertClean(r);
    }

    @Test
    void aSubprotocolWeDidNotOfferIsRefusedAs403AfterReportingThe101() throws Exception {
        RecordingDelegate r = clientAgainst(OptionsDict.EMPTY, rq -> upgrade(rq, "BLIP_3+CBMobile_2"), null);
        assertTrue(r.awaitClosed(WAIT));
        assertEquals(101, ((Event.HttpResponse) r.events().get(0)).status());
        assertWebSocketError(r, 403);
        assertClean(r);
    }

    @Test
    void aWrongAcceptKeyIsAProtocolError() throws Exception {
        RecordingDelegate r = clientAgainst(OptionsDict.EMPTY,
                rq -> ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                        + "Sec-WebSocket-Accept: AAAA\r\nSec-WebSocket-Protocol: BLIP_3+CBMobile_3\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1), null);
        assertTrue(r.awaitClosed(WAIT));
        assertWebSocketError(r, ErrorCodes.WebSocket.CLOSE_PROTOCOL_ERROR);
        assertClean(r);
    }

    @Test
    void garbageInsteadOfHttpIsABadResponse() throws Exception {
        RecordingDelegate r = clientAgainst(OptionsDict.EMPTY,
                rq -> "SSH-2.0-OpenSSH\r\nwhat\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), null);
        assertTrue(r.awaitClosed(WAIT));
        assertWebSocketError(r, 400);
        assertEquals(List.of(new Event.Closed(r.closeError())), r.events());
    }

    @Test
    void aServerHangingUpMidHandshakeIsAResetConnection() throws Exception {
        RecordingDelegate r = clientAgainst(OptionsDict.EMPTY, rq -> {
            throw new IllegalStateException("hang up");
        }, null);
        assertTrue(r.awaitClosed(WAIT));
        C4Exception error = r.closeError();
        assertEquals(ErrorDomain.NETWORK, error.domain(), error::toString);
        assertEquals(ErrorCodes.Network.CONNECTION_RESET, error.code(), error::toString);
        assertClean(r);
    }

    /**
     * The client answers a text message with a 1003 close frame and, as RFC 6455 §7.1.1 asks, waits for the server
     * to end the connection (this server hangs up on receiving it instead of echoing: the close still counts).
     */
    @Test
    void aTextMessageClosesTheConnectionWith1003() throws Exception {
        byte[] text = {(byte) 0x81, 2, 'h', 'i'};
        RecordingDelegate r = clientAgainst(OptionsDict.EMPTY, rq -> upgrade(rq, "BLIP_3+CBMobile_3"), text, true);
        assertTrue(r.awaitClosed(WAIT));
        assertTrue(r.isOpened());
        assertWebSocketError(r, ErrorCodes.WebSocket.CLOSE_DATA_ERROR);
        assertClean(r);
    }

    /**
     * A client that starts the close handshake sends no FIN before the server's close frame (RFC 6455 §7.1.1, as
     * LiteCore): a server that handles the end of the stream apart from decoding would take it for an abnormal
     * close. The server echoes and ends the connection first, as RFC 6455 asks; the close is clean.
     */
    @Test
    void aClosingClientWaitsForTheServersCloseFrameBeforeEndingTheStream() throws Exception {
        ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        CompletableFuture<Boolean> endedBeforeEcho = CompletableFuture.supplyAsync(() -> {
            try (server; Socket s = server.accept()) {
                InputStream in = s.getInputStream();
                OutputStream out = s.getOutputStream();
                out.write(upgrade(readHead(in), "BLIP_3+CBMobile_3"));
                byte[] head = in.readNBytes(2);
                assertEquals((byte) 0x88, head[0], "a close frame");
                in.readNBytes(4 + (head[1] & 0x7f)); // mask key and payload
                s.setSoTimeout(300);
                boolean ended;
                try {
                    ended = in.read() < 0;
                } catch (SocketTimeoutException e) {
                    ended = false;
                }
                out.write(new byte[] {(byte) 0x88, 2, 0x03, (byte) 0xe8}); // echo 1000, then hang up first
                return ended;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        C4Socket socket = new WebSocketClientFactory()
                .create(URI.create("ws://127.0.0.1:" + server.getLocalPort() + "/db/_blipsync"), OptionsDict.EMPTY);
        RecordingDelegate r = RecordingDelegate.autoReleasing(socket);
        socket.open(r);
        assertTrue(r.awaitOpened(WAIT));
        socket.requestClose(ErrorCodes.WebSocket.CLOSE_NORMAL, "done");
        assertFalse(endedBeforeEcho.get(WAIT.toMillis(), TimeUnit.MILLISECONDS), "FIN sent before the echo");
        assertTrue(r.awaitClosed(WAIT));
        assertClean(r);
        assertNull(r.closeError(), () -> "not a clean close: " + r.closeError());
    }

    @Test
    void framesRightBehindThe101AreDelivered() throws Exception {
        byte[] binary = {(byte) 0x82, 3, 1, 2, 3};
        RecordingDelegate r = clientAgainst(OptionsDict.EMPTY, rq -> upgrade(rq, "BLIP_3+CBMobile_3"), binary);
        assertTrue(r.awaitReceived(1, WAIT));
        assertEquals(List.of(1, 2, 3), List.of(r.receivedMessages().get(0)[0] + 0,
                r.receivedMessages().get(0)[1] + 0, r.receivedMessages().get(0)[2] + 0));
    }

    @Test
    void theListenerAnswersPlainHttpWith426AndHangsUp() throws Exception {
        try (Fixture f = new Fixture(true, null); Socket s = new Socket(InetAddress.getLoopbackAddress(),
                f.listener.port())) {
            s.setSoTimeout((int) WAIT.toMillis());
            s.getOutputStream().write("GET /db/_blipsync HTTP/1.1\r\nHost: x\r\n\r\n"
                    .getBytes(StandardCharsets.ISO_8859_1));
            String head = readHead(s.getInputStream());
            assertTrue(head.startsWith("HTTP/1.1 426 Upgrade Required\r\n"), head);
            assertTrue(head.contains("Upgrade: websocket\r\n"), head);
            byte[] rest = s.getInputStream().readAllBytes();
            assertEquals("this endpoint only speaks WebSocket\n", new String(rest, StandardCharsets.UTF_8));
            assertEquals(List.of(), f.acceptor.accepted());
        }
    }

    @Test
    void theListenerDropsAnOversizedHeadAndItsCountReturnsToZero() throws Exception {
        try (Fixture f = new Fixture(true, null); Socket s = new Socket(InetAddress.getLoopbackAddress(),
                f.listener.port())) {
            s.setSoTimeout((int) WAIT.toMillis());
            OutputStream out = s.getOutputStream();
            byte[] junk = new byte[1024];
            java.util.Arrays.fill(junk, (byte) 'a');
            try {
                for (int i = 0; i < 64; i++) {
                    out.write(junk);
                }
            } catch (IOException e) {
                // the listener may already have hung up
            }
            try {
                while (s.getInputStream().read(junk) >= 0) {
                    // until the listener hangs up
                }
            } catch (IOException e) {
                // reset instead of EOF: also a hang-up
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (f.listener.connectionCount() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(0, f.listener.connectionCount());
        }
    }
}
