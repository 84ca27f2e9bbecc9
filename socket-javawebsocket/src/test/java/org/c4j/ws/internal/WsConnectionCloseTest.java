package org.c4j.ws.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.c4j.socket.C4Exception;
import org.c4j.ws.WsExecutors;
import org.junit.jupiter.api.Test;

/**
 * Closing right at the open, driven from the reader thread itself so the order of events is fixed: the close must
 * not be mistaken for the engine refusing the upgrade (which ends the connection at once, with a FIN and without
 * flushing the queued close frame).
 */
public class WsConnectionCloseTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final byte[] ECHO_1000 = {(byte) 0x88, 2, 0x03, (byte) 0xe8};

    /** Records the events of one connection; optionally closes it from {@code onOpen}. */
    private static final class Events implements ConnectionListener {
        final AtomicReference<WsConnection> connection = new AtomicReference<>();
        final CountDownLatch closed = new CountDownLatch(1);
        final AtomicReference<C4Exception> error = new AtomicReference<>();
        final boolean closeOnOpen;

        Events(boolean closeOnOpen) {
            this.closeOnOpen = closeOnOpen;
        }

        @Override
        public Stop onHead(byte[] head, int length) {
            return null;
        }

        @Override
        public void onOpen() {
            if (closeOnOpen) {
                connection.get().close(1000, "done");
            }
        }

        @Override
        public void onMessage(ByteBuffer message) {
        }

        @Override
        public void onCloseRequested(int code, String reason) {
        }

        @Override
        public void onWritten(long payloadBytes) {
        }

        @Override
        public void onClosed(C4Exception e) {
            error.set(e);
            closed.countDown();
        }
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

    private static byte[] upgrade(String request) {
        try {
            String key = request.lines().filter(l -> l.toLowerCase().startsWith("sec-websocket-key:"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElseThrow();
            byte[] sha1 = MessageDigest.getInstance("SHA-1")
                    .digest((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.US_ASCII));
            return ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: " + Base64.getEncoder().encodeToString(sha1) + "\r\n"
                    + "Sec-WebSocket-Protocol: " + WsWire.SUBPROTOCOL + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads one (masked, client-to-server) frame; returns its first byte and unmasked payload. */
    private static byte[] readFrame(InputStream in) throws IOException {
        byte[] head = in.readNBytes(2);
        assertEquals(2, head.length, "a frame, not the end of the stream");
        byte[] mask = in.readNBytes(4);
        byte[] payload = in.readNBytes(head[1] & 0x7f);
        byte[] frame = new byte[1 + payload.length];
        frame[0] = head[0];
        for (int i = 0; i < payload.length; i++) {
            frame[1 + i] = (byte) (payload[i] ^ mask[i % 4]);
        }
        return frame;
    }

    /** True if the stream ends within a short while; false if it stays open. */
    private static boolean endsSoon(Socket s) throws IOException {
        s.setSoTimeout(300);
        try {
            return s.getInputStream().read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        }
    }

    private static WsConnection client(ServerSocket server, Events events) {
        WsConnection c = WsConnection.client("127.0.0.1", server.getLocalPort(), "/db/_blipsync", Map.of(), null,
                List.of(WsWire.SUBPROTOCOL), Tuning.DEFAULT_HEARTBEAT, SocketLayer.PLAIN, WsExecutors.shared(),
                events);
        events.connection.set(c);
        return c;
    }

    /** A close started while the engine is still inside the decode that opened it. */
    @Test
    void aCloseStartedAtTheOpenSendsItsFrameAndWaitsForTheServersEcho() throws Exception {
        ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Events events = new Events(true);
        CompletableFuture<Boolean> endedBeforeEcho = CompletableFuture.supplyAsync(() -> {
            try (server; Socket s = server.accept()) {
                s.getOutputStream().write(upgrade(readHead(s.getInputStream())));
                byte[] close = readFrame(s.getInputStream());
                assertEquals((byte) 0x88, close[0], "a close frame");
                assertEquals("done", new String(close, 3, close.length - 3, StandardCharsets.UTF_8));
                boolean ended = endsSoon(s);
                s.getOutputStream().write(ECHO_1000);
                return ended;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        client(server, events).start();
        assertFalse(endedBeforeEcho.get(WAIT.toMillis(), TimeUnit.MILLISECONDS), "FIN sent before the echo");
        assertTrue(events.closed.await(WAIT.toMillis(), TimeUnit.MILLISECONDS));
        assertNull(events.error.get(), () -> "not a clean close: " + events.error.get());
    }

    /** A close frame in the same read as the 101: the engine opens and closes in one decode. */
    @Test
    void aCloseFrameRightBehindThe101IsEchoedBeforeTheStreamEnds() throws Exception {
        ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Events events = new Events(false);
        CompletableFuture<byte[]> echo = CompletableFuture.supplyAsync(() -> {
            try (server; Socket s = server.accept()) {
                InputStream in = s.getInputStream();
                OutputStream out = s.getOutputStream();
                byte[] upgrade = upgrade(readHead(in));
                byte[] both = new byte[upgrade.length + ECHO_1000.length];
                System.arraycopy(upgrade, 0, both, 0, upgrade.length);
                System.arraycopy(ECHO_1000, 0, both, upgrade.length, ECHO_1000.length);
                out.write(both);
                byte[] frame = readFrame(in);
                assertTrue(endsSoon(s), "the client ends its stream after echoing");
                return frame;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        client(server, events).start();
        assertArrayEquals(new byte[] {(byte) 0x88, 0x03, (byte) 0xe8},
                echo.get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
        assertTrue(events.closed.await(WAIT.toMillis(), TimeUnit.MILLISECONDS));
        assertNull(events.error.get(), () -> "not a clean close: " + events.error.get());
    }

    /** Moves the connection has gone past are not made; one that skips a state is a bug. */
    @Test
    void guardedTransitions() {
        Events events = new Events(false);
        WsConnection c = WsConnection.client("127.0.0.1", 9, "/db/_blipsync", Map.of(), null,
                List.of(WsWire.SUBPROTOCOL), Tuning.DEFAULT_HEARTBEAT, SocketLayer.PLAIN, WsExecutors.shared(),
                events); // never started: no socket I/O
        assertEquals(WsConnection.State.CONNECTING, c.state());
        IllegalStateException bad = assertThrows(IllegalStateException.class,
                () -> c.moveTo(WsConnection.State.OPEN));
        assertEquals("WsConnection: bad transition CONNECTING -> OPEN", bad.getMessage());
        assertFalse(c.moveTo(WsConnection.State.CLOSING), "a client closes only once open");
        assertTrue(c.moveTo(WsConnection.State.HANDSHAKING));
        assertFalse(c.moveTo(WsConnection.State.HANDSHAKING));
        assertFalse(c.moveTo(WsConnection.State.CLOSING));
        assertTrue(c.moveTo(WsConnection.State.OPEN));
        c.abort();
        assertEquals(WsConnection.State.CLOSED, c.state());
        assertEquals(0, events.closed.getCount(), "onClosed once");
        for (WsConnection.State s : WsConnection.State.values()) {
            assertFalse(c.moveTo(s), "nothing after CLOSED");
            assertFalse(s.canMoveTo(WsConnection.State.CONNECTING, true));
        }
        assertTrue(WsConnection.State.HANDSHAKING.canMoveTo(WsConnection.State.CLOSING, false), "a rejection");
        assertFalse(WsConnection.State.HANDSHAKING.canMoveTo(WsConnection.State.CLOSING, true));
    }
}
