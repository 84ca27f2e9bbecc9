package org.c4j.ws;

import static org.c4j.ws.Fixture.WAIT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.c4j.socket.C4Exception;
import org.c4j.socket.ErrorCodes;
import org.c4j.socket.ErrorDomain;
import org.c4j.socket.Framing;
import org.c4j.socket.OptionsDict;
import org.c4j.socket.testkit.RecordingDelegate.Event;
import org.c4j.socket.testkit.RecordingDelegate;
import org.junit.jupiter.api.Test;

/** Client and listener over real sockets on 127.0.0.1: echo, close handshakes, drops and listener stop. */
public class WebSocketListenerTransportTest {

    @Test
    void echoesManyMessagesOfRandomSizesInOrderWithHonestWriteCounts() throws Exception {
        try (Fixture f = new Fixture(true, null)) {
            Fixture.Client c = f.connect(OptionsDict.EMPTY);
            assertTrue(c.recorder().awaitOpened(WAIT));
            assertEquals(Framing.MESSAGES, c.socket().framing());
            Random random = new Random(42);
            List<byte[]> sent = new ArrayList<>();
            long total = 0;
            for (int i = 0; i < 300; i++) {
                int size = random.nextInt(10) == 0 ? random.nextInt(200_000) : random.nextInt(3_000);
                byte[] msg = new byte[size];
                random.nextBytes(msg);
                sent.add(msg);
                total += size;
                c.socket().write(ByteBuffer.wrap(msg.clone()));
            }
            assertTrue(c.recorder().awaitReceived(sent.size(), WAIT), c.recorder()::toString);
            List<byte[]> got = c.recorder().receivedMessages();
            for (int i = 0; i < sent.size(); i++) {
                assertArrayEquals(sent.get(i), got.get(i), "message " + i);
            }
            long expected = total;
            assertTrue(c.recorder().awaitEvents(e -> writtenBytes(e) == expected, WAIT));
            RecordingDelegate server = f.acceptor.awaitAccepted(0, WAIT).recorder();
            assertTrue(server.awaitEvents(e -> writtenBytes(e) == expected, WAIT));
            assertEquals(expected, server.receivedBytes());

            c.socket().requestClose(ErrorCodes.WebSocket.CLOSE_NORMAL, "done");
            assertTrue(c.recorder().awaitClosed(WAIT));
            assertTrue(server.awaitClosed(WAIT));
            assertNull(c.recorder().closeError());
            assertNull(server.closeError());
            assertClean(c.recorder());
            assertClean(server);
        }
    }

    @Test
    void reportsTheUpgradeResponseBeforeOpenedAndTheRequestToTheAcceptor() throws Exception {
        try (Fixture f = new Fixture(true, null)) {
            Fixture.Client c = f.connect(OptionsDict.EMPTY);
            assertTrue(c.recorder().awaitOpened(WAIT));
            Event.HttpResponse response = (Event.HttpResponse) c.recorder().events().get(0);
            assertEquals(101, response.status());
            assertEquals(List.of("BLIP_3+CBMobile_3"), header(response, "sec-websocket-protocol"));
            TestAcceptor.Accepted a = f.acceptor.awaitAccepted(0, WAIT);
            assertEquals("/db/_blipsync", a.request().path());
            assertEquals("db", a.request().database());
            assertEquals("BLIP_3+CBMobile_3", a.request().subprotocol());
            assertNull(a.request().user());
            assertNotNull(a.request().remote());
            assertEquals(1, f.listener.activeConnectionCount());
            c.socket().close();
        }
    }

    @Test
    void serverInitiatedCloseReachesTheClientWithItsCode() throws Exception {
        try (Fixture f = new Fixture(true, null)) {
            Fixture.Client c = f.connect(OptionsDict.EMPTY);
            assertTrue(c.recorder().awaitOpened(WAIT));
            TestAcceptor.Accepted a = f.acceptor.awaitAccepted(0, WAIT);
            assertTrue(a.recorder().awaitOpened(WAIT));
            a.socket().requestClose(ErrorCodes.WebSocket.CLOSE_APP_TRANSIENT, "come back later");

            assertTrue(c.recorder().awaitClosed(WAIT));
            assertTrue(c.recorder().events().contains(
                    new Event.CloseRequested(ErrorCodes.WebSocket.CLOSE_APP_TRANSIENT, "come back later")));
            assertWebSocketError(c.recorder(), ErrorCodes.WebSocket.CLOSE_APP_TRANSIENT);
            assertTrue(a.recorder().awaitClosed(WAIT));
            assertWebSocketError(a.recorder(), ErrorCodes.WebSocket.CLOSE_APP_TRANSIENT);
            assertClean(c.recorder());
            assertClean(a.recorder());
        }
    }

    @Test
    void clientInitiatedCloseReachesTheServerAsCloseRequested() throws Exception {
        try (Fixture f = new Fixture(true, null)) {
            Fixture.Client c = f.connect(OptionsDict.EMPTY);
            assertTrue(c.recorder().awaitOpened(WAIT));
            TestAcceptor.Accepted a = f.acceptor.awaitAccepted(0, WAIT);
            assertTrue(a.recorder().awaitOpened(WAIT));
            c.socket().requestClose(ErrorCodes.WebSocket.CLOSE_NORMAL, "bye");

            assertTrue(a.recorder().awaitClosed(WAIT));
            assertTrue(a.recorder().events().contains(new Event.CloseRequested(1000, "bye")));
            assertNull(a.recorder().closeError());
            assertTrue(c.recorder().awaitClosed(WAIT));
            assertNull(c.recorder().closeError());
            assertClean(c.recorder());
            assertClean(a.recorder());
        }
    }

    @Test
    void aServerSideDropClosesTheClientWithAnErrorExactlyOnce() throws Exception {
        try (Fixture f = new Fixture(true, null)) {
            Fixture.Client c = f.connect(OptionsDict.EMPTY);
            assertTrue(c.recorder().awaitOpened(WAIT));
            TestAcceptor.Accepted a = f.acceptor.awaitAccepted(0, WAIT);
            a.socket().close();

            assertTrue(c.recorder().awaitClosed(WAIT));
            C4Exception error = c.recorder().closeError();
            assertNotNull(error);
            assertTrue(error.isTransient() || error.isNetworkDependent(), error::toString);
            assertTrue(a.recorder().awaitClosed(WAIT));
            assertWebSocketError(a.recorder(), ErrorCodes.WebSocket.CLOSE_ABNORMAL);
            Thread.sleep(200);
            assertClean(c.recorder());
            assertClean(a.recorder());
        }
    }

    @Test
    void aLocalCloseWhileOpenReportsAnAbnormalCloseOnBothSides() throws Exception {
        try (Fixture f = new Fixture(true, null)) {
            Fixture.Client c = f.connect(OptionsDict.EMPTY);
            assertTrue(c.recorder().awaitOpened(WAIT));
            TestAcceptor.Accepted a = f.acceptor.awaitAccepted(0, WAIT);
            c.socket().close();
            c.socket().close();

            assertTrue(c.recorder().awaitClosed(WAIT));
            assertWebSocketError(c.recorder(), ErrorCodes.WebSocket.CLOSE_ABNORMAL);
            assertTrue(a.recorder().awaitClosed(WAIT));
            assertNotNull(a.recorder().closeError());
            assertClean(c.recorder());
            assertClean(a.recorder());
        }
    }

    @Test
    void stopClosesEveryConnectionWithGoingAwayAndCountsDropToZero() throws Exception {
        Fixture f = new Fixture(true, null);
        List<Fixture.Client> clients = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Fixture.Client c = f.connect(OptionsDict.EMPTY);
            assertTrue(c.recorder().awaitOpened(WAIT));
            clients.add(c);
        }
        for (int i = 0; i < 3; i++) {
            assertTrue(f.acceptor.awaitAccepted(i, WAIT).recorder().awaitOpened(WAIT));
        }
        assertEquals(3, f.listener.connectionCount());
        assertEquals(3, f.listener.activeConnectionCount());

        f.listener.stop();

        assertEquals(0, f.listener.connectionCount());
        assertEquals(0, f.listener.activeConnectionCount());
        assertEquals(WebSocketListenerTransport.State.STOPPED, f.listener.state());
        for (Fixture.Client c : clients) {
            assertTrue(c.recorder().awaitClosed(WAIT));
            assertWebSocketError(c.recorder(), ErrorCodes.WebSocket.CLOSE_GOING_AWAY);
            assertClean(c.recorder());
        }
        for (TestAcceptor.Accepted a : f.acceptor.accepted()) {
            assertTrue(a.recorder().awaitClosed(WAIT));
            assertWebSocketError(a.recorder(), ErrorCodes.WebSocket.CLOSE_GOING_AWAY);
            assertClean(a.recorder());
        }
        f.listener.stop();
    }

    @Test
    void receivingPausesWhileMessagesAreNotReleased() throws Exception {
        try (Fixture f = new Fixture(false, null)) {
            var socket = f.factory.create(f.dbUri(), OptionsDict.EMPTY);
            RecordingDelegate holding = new RecordingDelegate();
            socket.open(holding);
            assertTrue(holding.awaitOpened(WAIT));
            TestAcceptor.Accepted a = f.acceptor.awaitAccepted(0, WAIT);
            assertTrue(a.recorder().awaitOpened(WAIT));
            int size = 16 * 1024;
            int count = 64;
            for (int i = 0; i < count; i++) {
                a.socket().write(ByteBuffer.allocate(size));
            }
            long bound = 64 * 1024 + 32 * 1024 + size;
            long last = -1;
            while (holding.receivedBytes() != last) {
                last = holding.receivedBytes();
                Thread.sleep(300);
            }
            assertTrue(last <= bound, "held " + last + " bytes, more than the window allows");
            assertTrue(last < (long) size * count);

            socket.completedReceive(Long.MAX_VALUE / 2);
            while (!holding.awaitReceived(count, java.time.Duration.ofMillis(200))) {
                socket.completedReceive(Long.MAX_VALUE / 2);
            }
            assertEquals((long) size * count, holding.receivedBytes());
            socket.close();
        }
    }

    @Test
    void bindsWhereToldAndReportsItsUrl() throws Exception {
        WebSocketListenerTransport unstarted = WebSocketListenerTransport.builder().build();
        assertEquals(-1, unstarted.port());
        assertEquals(List.of(), unstarted.urls());
        unstarted.stop();
        assertEquals(WebSocketListenerTransport.State.STOPPED, unstarted.state());

        try (Fixture f = new Fixture(true, null)) {
            int port = f.listener.port();
            assertTrue(port > 0);
            assertEquals(List.of(java.net.URI.create("ws://127.0.0.1:" + port + "/")), f.listener.urls());
            assertThrows(IllegalStateException.class, () -> f.listener.start(f.acceptor));
        }

        WebSocketListenerTransport nowhere = WebSocketListenerTransport.builder().networkInterface("no-such-if0")
                .build();
        C4Exception e = assertThrows(C4Exception.class, () -> nowhere.start(new TestAcceptor(Set.of(), true)));
        assertEquals(ErrorCodes.Network.UNKNOWN_INTERFACE, e.code());

        WebSocketListenerTransport any = WebSocketListenerTransport.builder().disableTls().build();
        any.start(new TestAcceptor(Set.of(), true));
        try {
            assertTrue(any.urls().stream().anyMatch(u -> u.getHost().equals("127.0.0.1")), any.urls()::toString);
        } finally {
            any.stop();
        }
    }

    private static long writtenBytes(List<Event> events) {
        return events.stream().mapToLong(e -> e instanceof Event.CompletedWrite w ? w.byteCount() : 0).sum();
    }

    private static List<String> header(Event.HttpResponse response, String name) {
        return response.headers().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(java.util.Map.Entry::getValue).findFirst().orElse(null);
    }

    static void assertWebSocketError(RecordingDelegate recorder, int code) {
        C4Exception error = recorder.closeError();
        assertNotNull(error, "expected an error, closed normally");
        assertEquals(ErrorDomain.WEBSOCKET, error.domain(), error::toString);
        assertEquals(code, error.code(), error::toString);
    }

    static void assertClean(RecordingDelegate recorder) {
        assertEquals(List.of(), recorder.violations(), recorder::toString);
        assertEquals(1, recorder.closedCount(), recorder::toString);
        assertFalse(recorder.events().isEmpty());
    }

    @Test
    void transitionTable() {
        var n = WebSocketListenerTransport.State.NEW;
        var r = WebSocketListenerTransport.State.RUNNING;
        var stopping = WebSocketListenerTransport.State.STOPPING;
        var stopped = WebSocketListenerTransport.State.STOPPED;
        assertTrue(n.canMoveTo(r));
        assertTrue(n.canMoveTo(stopped), "stopped before it started");
        assertTrue(r.canMoveTo(stopping));
        assertTrue(r.canMoveTo(stopped), "the accept loop could not start");
        assertTrue(stopping.canMoveTo(stopped));
        assertFalse(n.canMoveTo(stopping));
        for (WebSocketListenerTransport.State s : WebSocketListenerTransport.State.values()) {
            assertFalse(s.canMoveTo(n));
            assertFalse(stopped.canMoveTo(s));
        }
    }
}
