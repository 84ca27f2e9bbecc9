package org.c4j.ws;

import static org.c4j.ws.Fixture.WAIT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.Size;
import org.c4j.socket.OptionsDict;
import org.c4j.socket.testkit.RecordingDelegate;

/**
 * Random message sequences through client → listener → client echo over real sockets stay byte-exact and in
 * order, write counts add up, and however the connection ends, each side sees {@code closed} exactly once.
 */
public class EchoPropertyTest {

    enum Ending { CLIENT_CLOSES, SERVER_CLOSES, CLIENT_DROPS, SERVER_DROPS, LISTENER_STOPS }

    @Provide
    Arbitrary<Integer> size() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.integers().between(0, 2_000)),
                Tuple.of(3, Arbitraries.integers().between(2_000, 20_000)),
                Tuple.of(1, Arbitraries.integers().between(20_000, 300_000)));
    }

    @Property(tries = 15)
    void echoIsExactAndEverySideClosesOnce(@ForAll @Size(max = 40) List<@From("size") Integer> sizes,
                                           @ForAll Ending ending, @ForAll long seed) throws Exception {
        Fixture f = new Fixture(true, null);
        try {
            Fixture.Client c = f.connect(OptionsDict.EMPTY);
            assertTrue(c.recorder().awaitOpened(WAIT), c.recorder()::toString);
            Random random = new Random(seed);
            List<byte[]> sent = new ArrayList<>();
            long total = 0;
            for (int size : sizes) {
                byte[] msg = new byte[size];
                random.nextBytes(msg);
                sent.add(msg);
                total += size;
                c.socket().write(ByteBuffer.wrap(msg.clone()));
            }
            assertTrue(c.recorder().awaitReceived(sent.size(), WAIT), c.recorder()::toString);
            List<byte[]> got = c.recorder().receivedMessages();
            assertEquals(sent.size(), got.size());
            for (int i = 0; i < sent.size(); i++) {
                assertArrayEquals(sent.get(i), got.get(i), "message " + i);
            }
            long expected = total;
            assertTrue(c.recorder().awaitEvents(e -> c.recorder().completedWriteBytes() == expected, WAIT));
            TestAcceptor.Accepted server = f.acceptor.awaitAccepted(0, WAIT);
            RecordingDelegate s = server.recorder();
            assertTrue(s.awaitEvents(e -> s.completedWriteBytes() == expected, WAIT));

            switch (ending) {
                case CLIENT_CLOSES -> c.socket().requestClose(1000, "done");
                case SERVER_CLOSES -> server.socket().requestClose(4002, "go away");
                case CLIENT_DROPS -> c.socket().close();
                case SERVER_DROPS -> server.socket().close();
                case LISTENER_STOPS -> f.listener.stop();
            }
            assertTrue(c.recorder().awaitClosed(WAIT), c.recorder()::toString);
            assertTrue(s.awaitClosed(WAIT), s::toString);
            f.listener.stop();
            assertEquals(0, f.listener.connectionCount());
            WebSocketListenerTransportTest.assertClean(c.recorder());
            WebSocketListenerTransportTest.assertClean(s);
        } finally {
            f.close();
        }
    }
}
