package org.c4j.socket.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.c4j.socket.C4Exception;
import org.c4j.socket.ErrorDomain;
import org.c4j.socket.testkit.RecordingDelegate.Event;
import org.junit.jupiter.api.Test;

class RecordingDelegateTest {

    @Test
    void recordsEventsInOrderWithCopiedData() {
        RecordingDelegate d = new RecordingDelegate();
        d.gotHttpResponse(101, Map.of("Upgrade", List.of("websocket")));
        d.opened();
        ByteBuffer data = ByteBuffer.wrap(new byte[] {1, 2, 3});
        d.received(data);
        data.put(0, (byte) 9);
        d.completedWrite(5);
        d.completedWrite(7);
        d.closeRequested(1000, "bye");
        C4Exception error = new C4Exception(ErrorDomain.WEBSOCKET, 1001, "away");
        d.closed(error);

        List<Event> events = d.events();
        assertEquals(7, events.size());
        assertEquals(new Event.HttpResponse(101, Map.of("Upgrade", List.of("websocket"))), events.get(0));
        assertArrayEquals(new byte[] {1, 2, 3}, d.receivedMessages().get(0));
        assertEquals(3, d.receivedBytes());
        assertEquals(12, d.completedWriteBytes());
        assertTrue(d.isOpened());
        assertTrue(d.isClosed());
        assertEquals(1, d.closedCount());
        assertEquals(error, d.closeError());
        assertEquals(List.of(), d.violations());
        assertTrue(d.toString().contains("Received[3 bytes: 010203]"), d::toString);
    }

    @Test
    void reportsBreachesOfTheDeliveryRules() {
        RecordingDelegate d = new RecordingDelegate();
        d.received(ByteBuffer.allocate(1));
        d.opened();
        d.opened();
        d.gotHttpResponse(200, null);
        d.closed(null);
        d.closed(null);
        d.completedWrite(1);
        List<String> v = d.violations();
        assertEquals(5, v.size(), v::toString);
        assertTrue(v.get(0).startsWith("before opened"));
        assertEquals("opened twice", v.get(1));
        assertTrue(v.get(2).startsWith("gotHttpResponse after opened"));
        assertTrue(v.get(3).startsWith("event after closed"));
        assertTrue(v.get(4).startsWith("event after closed"));
        assertEquals(2, d.closedCount());
        assertNull(d.closeError());
    }

    @Test
    void reportsOverlappingCallbacks() throws Exception {
        RecordingDelegate d = new RecordingDelegate();
        d.opened();
        Thread first = new Thread(() -> d.completedWrite(1));
        Thread second = new Thread(() -> d.completedWrite(2));
        synchronized (d) { // both callbacks enter and wait for the recorder's lock: they overlap
            first.start();
            awaitBlocked(first);
            second.start();
            awaitBlocked(second);
        }
        first.join();
        second.join();
        assertEquals(1, d.violations().size(), d.violations()::toString);
        assertTrue(d.violations().get(0).startsWith("callback overlapped"));
    }

    private static void awaitBlocked(Thread t) throws InterruptedException {
        while (t.getState() != Thread.State.BLOCKED) {
            Thread.sleep(1);
        }
    }

    @Test
    void autoReleasingReportsReceivedBytesToTheSocket() throws Exception {
        LoopbackPair pair = LoopbackPair.create(LoopbackConfig.builder().bufferBytes(10).build());
        RecordingDelegate server = RecordingDelegate.autoReleasing(pair.server());
        RecordingDelegate client = new RecordingDelegate();
        pair.server().open(server);
        pair.client().open(client);
        assertTrue(client.awaitOpened(Duration.ofSeconds(10)));
        for (int i = 0; i < 20; i++) {
            pair.client().write(ByteBuffer.allocate(8));
        }
        assertTrue(server.awaitReceived(20, Duration.ofSeconds(10)));
        assertTrue(client.awaitEvents(e -> e.stream().filter(x -> x instanceof Event.CompletedWrite).count() == 20,
                Duration.ofSeconds(10)));
    }

    @Test
    void awaitsTimeOut() throws Exception {
        RecordingDelegate d = new RecordingDelegate();
        assertFalse(d.awaitOpened(Duration.ofMillis(1)));
        assertFalse(d.awaitClosed(Duration.ZERO));
        assertFalse(d.awaitReceived(1, Duration.ofMillis(1)));
        d.opened();
        assertTrue(d.awaitOpened(Duration.ZERO));
        assertTrue(d.awaitReceived(0, Duration.ZERO));
    }

    @Test
    void tagsEachBreachWithTheRuleItBreaks() {
        RecordingDelegate d = new RecordingDelegate();
        d.completedWrite(1);
        d.opened();
        d.gotHttpResponse(101, null);
        d.closed(null);
        d.closed(null);
        d.received(ByteBuffer.allocate(1));
        assertEquals(List.of(ConformanceRule.NOTHING_BEFORE_OPENED, ConformanceRule.HTTP_RESPONSE_BEFORE_OPENED,
                        ConformanceRule.CLOSED_ONCE, ConformanceRule.NOTHING_AFTER_CLOSED),
                d.ruleViolations().stream().map(RecordingDelegate.Violation::rule).toList());
    }

    @Test
    void checksTheReceiveWindowAndReleasesOnlyWhenTold() {
        LoopbackPair pair = LoopbackPair.create();
        RecordingDelegate d = RecordingDelegate.builder().socket(pair.client())
                .release(RecordingDelegate.Release.MANUAL).receiveWindow(4).build();
        d.opened();
        for (int i = 0; i < 6; i++) {
            d.received(ByteBuffer.allocate(1)); // at most 5 unreleased before it: window 4 + largest message 1
        }
        assertEquals(List.of(), d.violations());
        assertEquals(6, d.unreleasedBytes());
        d.received(ByteBuffer.allocate(1)); // 6 unreleased > 4 + 1
        assertEquals(1, d.ruleViolations().size(), d.violations()::toString);
        assertEquals(ConformanceRule.RECEIVE_WINDOW, d.ruleViolations().get(0).rule());
    }

    @Test
    void catchesCompletedWritesAheadOfTheBytesWritten() {
        RecordingDelegate d = new RecordingDelegate();
        d.opened();
        d.noteWrite(10);
        d.completedWrite(6);
        d.completedWrite(4);
        assertEquals(List.of(), d.violations());
        d.completedWrite(1);
        d.completedWrite(-1);
        assertEquals(List.of(ConformanceRule.WRITE_ACCOUNTING, ConformanceRule.WRITE_ACCOUNTING),
                d.ruleViolations().stream().map(RecordingDelegate.Violation::rule).toList());
        assertEquals(10, d.writtenBytes());
    }
}
