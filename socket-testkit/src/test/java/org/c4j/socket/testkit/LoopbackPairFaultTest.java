package org.c4j.socket.testkit;

import static org.c4j.socket.testkit.Fixture.kinds;
import static org.c4j.socket.testkit.Fixture.msg;
import static org.c4j.socket.testkit.Fixture.texts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.c4j.socket.C4Exception;
import org.c4j.socket.ErrorCodes;
import org.c4j.socket.ErrorDomain;
import org.c4j.socket.testkit.RecordingDelegate.Event;
import org.junit.jupiter.api.Test;

/** Injected faults of {@link LoopbackPair}. */
class LoopbackPairFaultTest {

    @Test
    void dropAfterBytesDeliversUpToTheLimitAndDropsTheStraddlingMessageWhole() {
        Fixture f = new Fixture(LoopbackConfig.builder().dropAfterBytes(Side.CLIENT, 25)).openBoth();
        f.pair.server().write(msg("other direction"));
        f.pair.client().write(msg("0123456789"));
        f.pair.client().write(msg("0123456789"));
        f.run();
        assertEquals(2, f.server.receivedMessages().size());
        f.pair.client().write(msg("straddles"));
        f.run();
        assertEquals(List.of(Event.Opened.class, Event.CompletedWrite.class, Event.Received.class,
                Event.Received.class, Event.Closed.class), kinds(f.server));
        assertEquals(20, f.pair.bytesDelivered(Side.CLIENT));
        assertReset(f.client.closeError());
        assertReset(f.server.closeError());
        assertEquals(List.of("other direction"), texts(f.client));
    }

    @Test
    void dropAfterBytesAllowsExactlyTheLimit() {
        Fixture f = new Fixture(LoopbackConfig.builder().dropAfterBytes(Side.SERVER, 5)).openBoth();
        f.pair.server().write(msg("12345"));
        f.run();
        assertFalse(f.pair.isClosed(Side.CLIENT));
        f.pair.server().write(msg(""));
        f.run();
        assertReset(f.client.closeError());
        assertEquals(List.of("12345"), texts(f.client));
    }

    @Test
    void dropAfterZeroBytesResetsOnTheFirstMessage() {
        Fixture f = new Fixture(LoopbackConfig.builder().dropAfterBytes(Side.CLIENT, 0)).openBoth();
        f.pair.client().write(msg("x"));
        f.run();
        assertEquals(List.of(), texts(f.server));
        assertReset(f.server.closeError());
    }

    @Test
    void dropTriggerDeliversEarlierMessagesThenResets() {
        DropTrigger third = (sender, index, message) -> sender == Side.CLIENT && index == 2;
        Fixture f = new Fixture(LoopbackConfig.builder().dropWhen(third).latency(Duration.ofMillis(2)))
                .openBoth();
        for (int i = 0; i < 5; i++) {
            f.pair.client().write(msg("m" + i));
        }
        f.advance(Duration.ofMillis(10));
        assertEquals(List.of("m0", "m1"), texts(f.server));
        assertReset(f.client.closeError());
        assertReset(f.server.closeError());
    }

    @Test
    void dropTriggerSeesTheMessageContent() {
        DropTrigger poison = (sender, index, message) ->
                StandardCharsets.UTF_8.decode(message).toString().equals("poison");
        Fixture f = new Fixture(LoopbackConfig.builder().dropWhen(poison)).openBoth();
        f.pair.server().write(msg("fine"));
        f.pair.server().write(msg("poison"));
        f.run();
        assertEquals(List.of("fine"), texts(f.client));
        assertReset(f.client.closeError());
    }

    @Test
    void openDelayPostponesTheClientsOpen() {
        Fixture f = new Fixture(LoopbackConfig.builder().openDelay(Duration.ofSeconds(1))
                .latency(Duration.ofMillis(5)));
        f.pair.client().open(f.client);
        f.advance(Duration.ofMillis(1009));
        assertFalse(f.client.isOpened());
        f.advance(Duration.ofMillis(1));
        assertTrue(f.client.isOpened());
    }

    @Test
    void refusedOpenGivesClientOnlyConnectionRefused() {
        Fixture f = new Fixture(LoopbackConfig.builder().refuseOpen().openDelay(Duration.ofMillis(3)));
        f.pair.server().open(f.server);
        f.pair.client().open(f.client);
        f.run();
        assertEquals(List.of(), f.server.events(), "the server never opens");
        f.advance(Duration.ofMillis(3));
        assertEquals(List.of(Event.Closed.class), kinds(f.client));
        C4Exception e = f.client.closeError();
        assertTrue(e.is(ErrorDomain.NETWORK, ErrorCodes.Network.CONNECTION_REFUSED), e::toString);
        assertEquals(List.of(Event.Closed.class), kinds(f.server));
    }

    @Test
    void disconnectResetsBothSidesAtAnyTime() {
        Fixture f = new Fixture(LoopbackConfig.builder().latency(Duration.ofMillis(5))).openBoth();
        f.pair.client().write(msg("lost"));
        f.pair.server().requestClose(1000, "");
        f.pair.disconnect();
        f.pair.disconnect();
        f.advance(Duration.ofMillis(20));
        assertEquals(List.of(Event.Opened.class, Event.Closed.class), kinds(f.server));
        assertEquals(List.of(Event.HttpResponse.class, Event.Opened.class, Event.CompletedWrite.class,
                Event.Closed.class), kinds(f.client));
        assertEquals(List.of(), texts(f.server));
        assertReset(f.client.closeError());
        assertReset(f.server.closeError());
        assertEquals(1, f.client.closedCount());
    }

    @Test
    void disconnectWhileClientOpensGivesClosedWithoutOpened() {
        Fixture f = new Fixture(LoopbackConfig.builder().openDelay(Duration.ofMillis(5)));
        f.pair.client().open(f.client);
        f.pair.disconnect();
        f.advance(Duration.ofMillis(10));
        assertEquals(List.of(Event.Closed.class), kinds(f.client));
    }

    @Test
    void faultsWorkWithLargeWritesUnderBackPressure() {
        Fixture f = new Fixture(LoopbackConfig.builder().bufferBytes(16).dropAfterBytes(Side.CLIENT, 40))
                .openBoth();
        for (int i = 0; i < 10; i++) {
            f.pair.client().write(ByteBuffer.allocate(10));
        }
        f.run();
        long released = 0;
        for (int round = 0; round < 100 && !f.pair.isClosed(Side.SERVER); round++) {
            long n = f.server.receivedBytes() - released;
            f.pair.server().completedReceive(n);
            released += n;
            f.run();
        }
        assertEquals(40, f.pair.bytesDelivered(Side.CLIENT));
        assertEquals(40, f.server.receivedBytes());
        assertReset(f.server.closeError());
    }

    private static void assertReset(C4Exception e) {
        assertNotNull(e);
        assertTrue(e.is(ErrorDomain.NETWORK, ErrorCodes.Network.CONNECTION_RESET), e::toString);
    }
}
