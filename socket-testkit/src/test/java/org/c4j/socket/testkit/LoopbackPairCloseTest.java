package org.c4j.socket.testkit;

import static org.c4j.socket.testkit.Fixture.kinds;
import static org.c4j.socket.testkit.Fixture.msg;
import static org.c4j.socket.testkit.Fixture.texts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.c4j.socket.C4Exception;
import org.c4j.socket.C4Socket;
import org.c4j.socket.ErrorCodes;
import org.c4j.socket.ErrorDomain;
import org.c4j.socket.testkit.RecordingDelegate.Event;
import org.junit.jupiter.api.Test;

/** Close handshake, abrupt close and "closed exactly once" of {@link LoopbackPair}. */
class LoopbackPairCloseTest {

    @Test
    void normalHandshakeDeliversPendingDataFirstAndClosesBothCleanly() {
        Fixture f = new Fixture(LoopbackConfig.builder().latency(Duration.ofMillis(3))).openBoth();
        f.pair.client().write(msg("last words"));
        f.pair.client().requestClose(1000, "bye");
        f.pair.client().write(msg("dropped"));
        f.advance(Duration.ofMillis(3));
        assertEquals(List.of(Event.Opened.class, Event.Received.class, Event.CloseRequested.class),
                kinds(f.server));
        assertEquals(new Event.CloseRequested(1000, "bye"), f.server.events().get(2));
        f.pair.server().write(msg("reply before close"));
        f.pair.server().requestClose(1000, "ok");
        f.advance(Duration.ofMillis(3));
        assertEquals(List.of("reply before close"), texts(f.client));
        assertEquals(new Event.Closed(null), last(f.client));
        assertEquals(new Event.Closed(null), last(f.server));
        assertEquals(List.of("last words"), texts(f.server));
        assertTrue(f.pair.isClosed(Side.CLIENT));
        assertTrue(f.pair.isClosed(Side.SERVER));
        assertNoViolations(f);
    }

    @Test
    void handshakeWithAnotherCodeClosesBothWithThatError() {
        Fixture f = new Fixture().openBoth();
        f.pair.server().requestClose(4001, "try later");
        f.run();
        f.pair.client().requestClose(1000, "");
        f.run();
        for (RecordingDelegate d : List.of(f.client, f.server)) {
            C4Exception e = d.closeError();
            assertNotNull(e);
            assertTrue(e.is(ErrorDomain.WEBSOCKET, 4001), e::toString);
            assertEquals("try later", e.getMessage());
        }
        assertNoViolations(f);
    }

    @Test
    void simultaneousRequestsCompleteWithoutCloseRequested() {
        Fixture f = new Fixture(LoopbackConfig.builder().latency(Duration.ofMillis(1))).openBoth();
        f.pair.client().requestClose(1000, "");
        f.pair.server().requestClose(1000, "");
        f.advance(Duration.ofMillis(1));
        assertEquals(List.of(Event.Opened.class, Event.Closed.class), kinds(f.server));
        assertNull(f.server.closeError());
        assertNull(f.client.closeError());
        assertEquals(1, f.client.closedCount());
    }

    @Test
    void unansweredCloseTimesOutWithAbnormalClosure() {
        Fixture f = new Fixture(LoopbackConfig.builder().closeTimeout(Duration.ofSeconds(2))).openBoth();
        f.pair.client().requestClose(1000, "bye");
        f.advance(Duration.ofMillis(1999));
        assertEquals(List.of(Event.Opened.class, Event.CloseRequested.class), kinds(f.server));
        f.advance(Duration.ofMillis(1));
        assertAbnormal(f.client.closeError());
        assertAbnormal(f.server.closeError());
        assertNoViolations(f);
    }

    @Test
    void closeFrameWaitsBehindBackPressuredData() {
        Fixture f = new Fixture(LoopbackConfig.builder().bufferBytes(10)).openBoth();
        f.pair.client().write(msg("0123456789"));
        f.pair.client().write(msg("abcdefghij"));
        f.pair.client().requestClose(1000, "");
        f.run();
        assertEquals(List.of(Event.Opened.class, Event.Received.class), kinds(f.server));
        f.pair.server().completedReceive(10);
        f.run();
        assertEquals(List.of(Event.Opened.class, Event.Received.class, Event.Received.class,
                Event.CloseRequested.class), kinds(f.server));
    }

    @Test
    void abruptCloseGivesBothSidesAbnormalClosureAndDiscardsInFlightData() {
        Fixture f = new Fixture(LoopbackConfig.builder().latency(Duration.ofMillis(5))).openBoth();
        f.pair.client().write(msg("in flight"));
        f.pair.client().close();
        f.pair.client().close();
        f.advance(Duration.ofMillis(10));
        assertEquals(List.of(), texts(f.server));
        assertAbnormal(f.client.closeError());
        assertAbnormal(f.server.closeError());
        assertTrue(f.client.closeError().getMessage().contains("locally"));
        assertTrue(f.server.closeError().getMessage().contains("peer"));
        assertNoViolations(f);
    }

    @Test
    void closeAfterHandshakeDoesNothing() {
        Fixture f = new Fixture().openBoth();
        f.pair.client().requestClose(1000, "");
        f.run();
        f.pair.server().requestClose(1000, "");
        f.run();
        f.pair.client().close();
        f.pair.server().close();
        f.run();
        assertNull(f.client.closeError());
        assertEquals(1, f.client.closedCount());
        assertEquals(1, f.server.closedCount());
    }

    @Test
    void requestCloseWhileOpeningActsAsClose() {
        Fixture f = new Fixture(LoopbackConfig.builder().openDelay(Duration.ofMillis(10)));
        f.pair.client().open(f.client);
        f.pair.client().requestClose(1000, "stop");
        f.advance(Duration.ofMillis(20));
        assertEquals(List.of(Event.Closed.class), kinds(f.client));
        assertAbnormal(f.client.closeError());
    }

    @Test
    void closingAnUnopenedServerRefusesIt() {
        Fixture f = new Fixture();
        f.pair.client().open(f.client);
        f.run();
        f.pair.server().close();
        f.run();
        assertAbnormal(f.client.closeError());
        assertTrue(f.pair.isClosed(Side.SERVER));
        f.pair.server().write(msg("ignored"));
        f.pair.server().completedReceive(0);
        assertEquals(List.of(Event.HttpResponse.class, Event.Opened.class, Event.Closed.class), kinds(f.client));
    }

    @Test
    void aSideOpenedAfterTheEndGetsOnlyClosed() {
        Fixture f = new Fixture();
        f.pair.client().open(f.client);
        f.run();
        f.pair.disconnect();
        f.pair.server().open(f.server);
        f.run();
        assertEquals(List.of(Event.Closed.class), kinds(f.server));
        C4Exception e = f.server.closeError();
        assertTrue(e.is(ErrorDomain.NETWORK, ErrorCodes.Network.CONNECTION_RESET), e::toString);
    }

    @Test
    void callsAfterCloseAreIgnored() {
        Fixture f = new Fixture().openBoth();
        f.pair.disconnect();
        for (C4Socket s : List.of(f.pair.client(), f.pair.server())) {
            s.write(msg("x"));
            s.completedReceive(100);
            s.requestClose(1000, "");
            s.close();
        }
        f.run();
        assertEquals(1, f.client.closedCount());
        assertEquals(1, f.server.closedCount());
        assertNoViolations(f);
    }

    @Test
    void closedExactlyOnceWhenEverythingRaces() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 200; round++) {
                LoopbackPair pair = LoopbackPair.create(LoopbackConfig.builder()
                        .closeTimeout(Duration.ofMillis(1 + round % 5)).build());
                RecordingDelegate client = RecordingDelegate.autoReleasing(pair.client());
                RecordingDelegate server = RecordingDelegate.autoReleasing(pair.server());
                pair.server().open(server);
                pair.client().open(client);
                assertTrue(client.awaitOpened(Duration.ofSeconds(10)));
                CountDownLatch start = new CountDownLatch(1);
                List<Runnable> actions = List.of(
                        () -> pair.client().requestClose(1000, ""),
                        () -> pair.server().requestClose(1001, ""),
                        () -> pair.server().close(),
                        pair::disconnect,
                        () -> pair.client().write(msg("racing")));
                int first = round % actions.size();
                for (int i = 0; i < 4; i++) {
                    Runnable action = actions.get((first + i) % actions.size());
                    threads.execute(() -> {
                        try {
                            start.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        action.run();
                    });
                }
                start.countDown();
                assertTrue(client.awaitClosed(Duration.ofSeconds(10)), "round " + round);
                assertTrue(server.awaitClosed(Duration.ofSeconds(10)), "round " + round);
                Thread.sleep(2);
                assertEquals(1, client.closedCount(), "round " + round);
                assertEquals(1, server.closedCount(), "round " + round);
                assertEquals(List.of(), client.violations(), "round " + round);
                assertEquals(List.of(), server.violations(), "round " + round);
            }
        } finally {
            threads.shutdownNow();
            assertTrue(threads.awaitTermination(10, TimeUnit.SECONDS));
        }
    }

    private static Event last(RecordingDelegate d) {
        List<Event> events = d.events();
        return events.get(events.size() - 1);
    }

    private static void assertAbnormal(C4Exception e) {
        assertNotNull(e);
        assertTrue(e.is(ErrorDomain.WEBSOCKET, ErrorCodes.WebSocket.CLOSE_ABNORMAL), e::toString);
    }

    private static void assertNoViolations(Fixture f) {
        assertEquals(List.of(), f.client.violations());
        assertEquals(List.of(), f.server.violations());
    }
}
