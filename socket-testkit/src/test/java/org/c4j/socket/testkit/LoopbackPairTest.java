package org.c4j.socket.testkit;

import static org.c4j.socket.testkit.Fixture.kinds;
import static org.c4j.socket.testkit.Fixture.msg;
import static org.c4j.socket.testkit.Fixture.texts;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.c4j.socket.C4Exception;
import org.c4j.socket.Framing;
import org.c4j.socket.SocketDelegate;
import org.c4j.socket.testkit.RecordingDelegate.Event;
import org.junit.jupiter.api.Test;

/** Opening, data transfer, latency, back-pressure and threading of {@link LoopbackPair}. */
class LoopbackPairTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Test
    void clientGetsResponseWithSubprotocolThenOpened() {
        Fixture f = new Fixture(LoopbackConfig.builder().subprotocol("BLIP_3+CBMobile_3")).openBoth();
        f.run();
        List<Event> events = f.client.events();
        assertEquals(2, events.size(), events::toString);
        Event.HttpResponse response = (Event.HttpResponse) events.get(0);
        assertEquals(101, response.status());
        assertEquals(List.of("BLIP_3+CBMobile_3"), response.headers().get("Sec-WebSocket-Protocol"));
        assertEquals(new Event.Opened(), events.get(1));
        assertEquals(List.of(new Event.Opened()), f.server.events());
        assertEquals(Framing.MESSAGES, f.pair.client().framing());
        assertEquals(Framing.MESSAGES, f.pair.server().framing());
    }

    @Test
    void responseHasNoSubprotocolHeaderUnlessConfigured() {
        Fixture f = new Fixture().openBoth();
        f.run();
        Event.HttpResponse response = (Event.HttpResponse) f.client.events().get(0);
        assertFalse(response.headers().containsKey("Sec-WebSocket-Protocol"));
    }

    @Test
    void clientOpensAfterOneRoundTrip() {
        Fixture f = new Fixture(LoopbackConfig.builder().latency(Duration.ofMillis(10)));
        f.pair.client().open(f.client);
        f.advance(Duration.ofMillis(19));
        assertFalse(f.client.isOpened());
        f.advance(Duration.ofMillis(1));
        assertTrue(f.client.isOpened());
    }

    @Test
    void serverOpensAtOnce() {
        Fixture f = new Fixture(LoopbackConfig.builder().latency(Duration.ofMillis(10)));
        f.pair.server().open(f.server);
        f.run();
        assertTrue(f.server.isOpened());
    }

    @Test
    void messagesArriveWholeAndInOrderBothWays() {
        Fixture f = new Fixture().openBoth();
        f.pair.client().write(msg("a"));
        f.pair.client().write(msg("bc"));
        f.pair.server().write(msg("xyz"));
        f.pair.client().write(msg(""));
        f.run();
        assertEquals(List.of("a", "bc", ""), texts(f.server));
        assertEquals(List.of("xyz"), texts(f.client));
        assertEquals(3, f.pair.messagesDelivered(Side.CLIENT));
        assertEquals(3, f.pair.bytesDelivered(Side.CLIENT));
        assertEquals(1, f.pair.messagesDelivered(Side.SERVER));
        assertEquals(3, f.pair.bytesDelivered(Side.SERVER));
    }

    @Test
    void writeCopiesTheCallersBufferAndReceiverGetsItsOwn() {
        Fixture f = new Fixture().openBoth();
        ByteBuffer buf = ByteBuffer.wrap(new byte[] {1, 2, 3, 4});
        buf.position(1);
        f.pair.client().write(buf);
        buf.put(1, (byte) 99);
        f.run();
        assertArrayEquals(new byte[] {2, 3, 4}, f.server.receivedMessages().get(0));
        assertEquals(1, buf.position(), "the caller's buffer is not consumed");
    }

    @Test
    void dataWrittenBeforePeerOpensIsHeldAndDeliveredAfterOpened() {
        Fixture f = new Fixture();
        f.pair.client().open(f.client);
        f.run();
        f.pair.client().write(msg("early-1"));
        f.pair.client().write(msg("early-2"));
        f.run();
        assertEquals(0, f.pair.messagesDelivered(Side.CLIENT));
        assertEquals(List.of(Event.HttpResponse.class, Event.Opened.class, Event.CompletedWrite.class,
                Event.CompletedWrite.class), kinds(f.client));
        f.pair.server().open(f.server);
        f.run();
        assertEquals(List.of(Event.Opened.class, Event.Received.class, Event.Received.class), kinds(f.server));
        assertEquals(List.of("early-1", "early-2"), texts(f.server));
    }

    @Test
    void serverDataIsHeldUntilTheClientIsOpened() {
        Fixture f = new Fixture(LoopbackConfig.builder().openDelay(Duration.ofMillis(50)));
        f.pair.server().open(f.server);
        f.pair.server().write(msg("hello"));
        f.pair.client().open(f.client);
        f.advance(Duration.ofMillis(49));
        assertEquals(List.of(), f.client.events());
        f.advance(Duration.ofMillis(1));
        assertEquals(List.of(Event.HttpResponse.class, Event.Opened.class, Event.Received.class),
                kinds(f.client));
    }

    @Test
    void misuseThrowsIllegalState() {
        Fixture f = new Fixture();
        assertThrows(IllegalStateException.class, () -> f.pair.client().write(msg("x")));
        assertThrows(IllegalStateException.class, () -> f.pair.client().requestClose(1000, ""));
        assertThrows(IllegalStateException.class, () -> f.pair.server().completedReceive(0));
        f.pair.client().open(f.client);
        IllegalStateException twice = assertThrows(IllegalStateException.class,
                () -> f.pair.client().open(new RecordingDelegate()));
        assertTrue(twice.getMessage().contains("only once"), twice.getMessage());
        assertThrows(IllegalStateException.class, () -> f.pair.client().write(msg("x")),
                "write before the client's opened()");
        f.run();
        f.pair.client().write(msg("x"));
    }

    @Test
    void latencyIsRespected() {
        Fixture f = new Fixture(LoopbackConfig.builder().latency(Duration.ofMillis(10))).openBoth();
        f.pair.client().write(msg("a"));
        f.advance(Duration.ofMillis(5));
        f.pair.client().write(msg("b"));
        f.advance(Duration.ofMillis(4));
        assertEquals(List.of(), texts(f.server));
        f.advance(Duration.ofMillis(1));
        assertEquals(List.of("a"), texts(f.server));
        f.advance(Duration.ofMillis(4));
        assertEquals(List.of("a"), texts(f.server));
        f.advance(Duration.ofMillis(1));
        assertEquals(List.of("a", "b"), texts(f.server));
    }

    @Test
    void jitterKeepsOrderAndIsReproducible() {
        List<Long> first = deliveryTimes(42);
        assertEquals(first, deliveryTimes(42));
        assertNotEquals(first, deliveryTimes(43));
    }

    private static List<Long> deliveryTimes(long seed) {
        Fixture f = new Fixture(LoopbackConfig.builder().latency(Duration.ofMillis(1))
                .jitter(Duration.ofMillis(20), seed)).openBoth();
        for (int i = 0; i < 50; i++) {
            f.pair.client().write(msg("m" + i));
        }
        List<Long> times = new ArrayList<>();
        for (int ms = 0; ms <= 25; ms++) {
            f.advance(Duration.ofMillis(1));
            for (long n = times.size(); n < f.server.receivedMessages().size(); n++) {
                times.add(f.clock.nanoTime());
            }
        }
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            expected.add("m" + i);
        }
        assertEquals(expected, texts(f.server));
        assertTrue(times.get(0) >= Duration.ofMillis(1).toNanos());
        return times;
    }

    @Test
    void slowReceiverStallsCompletedWriteUntilItReleases() {
        Fixture f = new Fixture(LoopbackConfig.builder().bufferBytes(100)).openBoth();
        f.pair.client().write(ByteBuffer.allocate(60));
        f.pair.client().write(ByteBuffer.allocate(60));
        f.pair.client().write(ByteBuffer.allocate(30));
        f.run();
        assertEquals(60, f.client.completedWriteBytes());
        assertEquals(1, f.server.receivedMessages().size());
        assertEquals(60, f.pair.outstandingBytes(Side.CLIENT));

        f.pair.server().completedReceive(19);
        f.run();
        assertEquals(60, f.client.completedWriteBytes(), "41 outstanding + 60 would exceed 100");
        f.pair.server().completedReceive(1);
        f.run();
        assertEquals(120, f.client.completedWriteBytes(), "40 outstanding + 60 fit exactly");
        assertEquals(100, f.pair.outstandingBytes(Side.CLIENT));
        f.pair.server().completedReceive(40);
        f.run();
        assertEquals(150, f.client.completedWriteBytes(), "60 outstanding + 30 fit");
        assertEquals(90, f.pair.outstandingBytes(Side.CLIENT));
        assertEquals(3, f.server.receivedMessages().size());
        assertEquals(List.of(new Event.CompletedWrite(60), new Event.CompletedWrite(60),
                new Event.CompletedWrite(30)), f.client.events().subList(2, 5));
    }

    @Test
    void inFlightBytesCountAgainstTheBuffer() {
        Fixture f = new Fixture(LoopbackConfig.builder().bufferBytes(10).latency(Duration.ofMillis(5)))
                .openBoth();
        f.pair.client().write(ByteBuffer.allocate(8));
        f.pair.client().write(ByteBuffer.allocate(8));
        f.run();
        assertEquals(8, f.client.completedWriteBytes());
        assertEquals(8, f.pair.outstandingBytes(Side.CLIENT));
    }

    @Test
    void messageLargerThanTheBufferPassesAlone() {
        Fixture f = new Fixture(LoopbackConfig.builder().bufferBytes(10)).openBoth();
        f.pair.client().write(ByteBuffer.allocate(3));
        f.pair.client().write(ByteBuffer.allocate(25));
        f.run();
        assertEquals(3, f.client.completedWriteBytes());
        f.pair.server().completedReceive(3);
        f.run();
        assertEquals(28, f.client.completedWriteBytes());
        assertEquals(25, f.pair.outstandingBytes(Side.CLIENT));
    }

    @Test
    void releasingMoreThanReceivedThrows() {
        Fixture f = new Fixture().openBoth();
        f.pair.client().write(ByteBuffer.allocate(5));
        f.run();
        assertThrows(IllegalArgumentException.class, () -> f.pair.server().completedReceive(6));
        assertThrows(IllegalArgumentException.class, () -> f.pair.server().completedReceive(-1));
        f.pair.server().completedReceive(5);
        assertEquals(0, f.pair.outstandingBytes(Side.CLIENT));
    }

    @Test
    void callbacksRunOnSchedulerThreadsOneAtATimeAndDelegatesMayCallBack() throws Exception {
        LoopbackPair pair = LoopbackPair.create();
        Thread testThread = Thread.currentThread();
        List<Thread> callbackThreads = new CopyOnWriteArrayList<>();
        RecordingDelegate client = new RecordingDelegate();
        RecordingDelegate server = RecordingDelegate.autoReleasing(pair.server());
        // The client echoes nothing; the server-side recorder releases from inside its callback.
        SocketDelegate threadSpy = new ForwardingDelegate(client) {
            @Override
            public void completedWrite(long byteCount) {
                callbackThreads.add(Thread.currentThread());
                super.completedWrite(byteCount);
            }
        };
        pair.server().open(server);
        pair.client().open(threadSpy);
        assertTrue(client.awaitOpened(TIMEOUT));
        int n = 2000;
        for (int i = 0; i < n; i++) {
            pair.client().write(ByteBuffer.wrap(new byte[] {(byte) i, (byte) (i >> 8)}));
        }
        assertTrue(server.awaitReceived(n, TIMEOUT));
        assertTrue(client.awaitEvents(e -> e.stream().filter(x -> x instanceof Event.CompletedWrite).count() == n,
                TIMEOUT));
        List<byte[]> got = server.receivedMessages();
        for (int i = 0; i < n; i++) {
            assertArrayEquals(new byte[] {(byte) i, (byte) (i >> 8)}, got.get(i));
        }
        assertTrue(callbackThreads.stream().noneMatch(t -> t == testThread));
        assertEquals(List.of(), client.violations());
        assertEquals(List.of(), server.violations());
        assertEquals(0, pair.outstandingBytes(Side.CLIENT));
    }

    @Test
    void aThrowingDelegateDoesNotStopLaterEvents() {
        Fixture f = new Fixture();
        RecordingDelegate recorder = new RecordingDelegate();
        f.pair.server().open(new ForwardingDelegate(recorder) {
            @Override
            public void received(ByteBuffer data) {
                super.received(data);
                throw new IllegalStateException("boom (expected by the test)");
            }
        });
        f.pair.client().open(f.client);
        f.run();
        f.pair.client().write(msg("1"));
        f.pair.client().write(msg("2"));
        f.run();
        assertEquals(List.of("1", "2"), texts(recorder));
    }

    @Test
    void countersAndClosedFlags() {
        Fixture f = new Fixture().openBoth();
        f.pair.server().write(ByteBuffer.allocate(7));
        f.run();
        assertEquals(7, f.pair.bytesDelivered(Side.SERVER));
        assertEquals(1, f.pair.messagesDelivered(Side.SERVER));
        assertEquals(7, f.pair.outstandingBytes(Side.SERVER));
        assertFalse(f.pair.isClosed(Side.CLIENT));
        f.pair.disconnect();
        assertTrue(f.pair.isClosed(Side.CLIENT));
        assertTrue(f.pair.isClosed(Side.SERVER));
        assertEquals(0, f.pair.outstandingBytes(Side.SERVER));
        assertEquals(f.pair.client(), f.pair.socket(Side.CLIENT));
    }

    /** Passes every event to another delegate; tests override single methods. */
    static class ForwardingDelegate implements SocketDelegate {
        private final SocketDelegate target;

        ForwardingDelegate(SocketDelegate target) {
            this.target = target;
        }

        @Override
        public void opened() {
            target.opened();
        }

        @Override
        public void gotHttpResponse(int status, Map<String, List<String>> headers) {
            target.gotHttpResponse(status, headers);
        }

        @Override
        public void received(ByteBuffer data) {
            target.received(data);
        }

        @Override
        public void closeRequested(int code, String reason) {
            target.closeRequested(code, reason);
        }

        @Override
        public void completedWrite(long byteCount) {
            target.completedWrite(byteCount);
        }

        @Override
        public void closed(C4Exception error) {
            target.closed(error);
        }
    }
}
