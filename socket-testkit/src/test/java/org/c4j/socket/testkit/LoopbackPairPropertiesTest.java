package org.c4j.socket.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.Tuple;
import org.c4j.socket.C4Exception;
import org.c4j.socket.C4Socket;
import org.c4j.socket.testkit.RecordingDelegate.Event;

/**
 * Random schedules of writes, releases, closes and faults from both sides, on virtual time (reproducible from
 * the printed seed) and on real threads: every side is closed exactly once, nothing follows {@code closed},
 * messages arrive in order and byte-exact, completedWrite never runs ahead of the buffer.
 */
class LoopbackPairPropertiesTest {

    /** The network model and faults of one run. */
    record Setup(int bufferBytes, int latencyMicros, int jitterMicros, long seed, int dropAfterBytes) {
    }

    /** One step of a schedule. */
    sealed interface Op {
        record Write(Side side, int size) implements Op {
        }

        /** Releases {@code percent}% of what {@code side} received and has not released yet. */
        record Release(Side side, int percent) implements Op {
        }

        record RequestClose(Side side, int code) implements Op {
        }

        record Close(Side side) implements Op {
        }

        record Disconnect() implements Op {
        }

        record OpenServer() implements Op {
        }

        record Wait(int micros) implements Op {
        }
    }

    @Property(tries = 100)
    void virtualTime(@ForAll("setups") Setup setup, @ForAll("schedules") List<Op> schedule) throws Exception {
        new Run(setup, new ManualScheduler()).play(schedule);
    }

    @Property(tries = 40)
    void realThreads(@ForAll("setups") Setup setup, @ForAll("schedules") List<Op> schedule) throws Exception {
        new Run(setup, null).play(schedule);
    }

    @Provide
    Arbitrary<Setup> setups() {
        return Combinators.combine(
                Arbitraries.integers().between(1, 64),
                Arbitraries.integers().between(0, 2000),
                Arbitraries.integers().between(0, 2000),
                Arbitraries.longs(),
                Arbitraries.integers().between(0, 5000).map(n -> n < 4000 ? -1 : n - 4000)
        ).as(Setup::new);
    }

    @Provide
    Arbitrary<List<Op>> schedules() {
        Arbitrary<Side> sides = Arbitraries.of(Side.class);
        Arbitrary<Op> op = Arbitraries.frequencyOf(
                Tuple.of(90, Combinators.combine(sides, Arbitraries.integers().between(0, 64))
                        .as(Op.Write::new)),
                Tuple.of(60, Combinators.combine(sides, Arbitraries.integers().between(0, 100))
                        .as(Op.Release::new)),
                Tuple.of(1, Combinators.combine(sides, Arbitraries.of(1000, 1001, 4001))
                        .as(Op.RequestClose::new)),
                Tuple.of(1, sides.map(Op.Close::new)),
                Tuple.of(1, Arbitraries.just(new Op.Disconnect())),
                Tuple.of(10, Arbitraries.just(new Op.OpenServer())),
                Tuple.of(24, Arbitraries.integers().between(0, 1500).map(Op.Wait::new)));
        return op.list().ofMinSize(5).ofMaxSize(80).withSizeDistribution(RandomDistribution.uniform());
    }

    /** Plays one schedule against one pair and checks the invariants. */
    private static final class Run {
        private final Setup setup;
        private final ManualScheduler clock; // null: real threads
        private final LoopbackPair pair;
        private final Map<Side, RecordingDelegate> delegates = new EnumMap<>(Side.class);
        private final Map<Side, List<byte[]>> written = new EnumMap<>(Side.class);
        private final Map<Side, Long> released = new EnumMap<>(Side.class);
        private final Map<Side, Boolean> closeRequested = new EnumMap<>(Side.class);
        private boolean serverOpened;

        Run(Setup setup, ManualScheduler clock) {
            this.setup = setup;
            this.clock = clock;
            LoopbackConfig.Builder config = LoopbackConfig.builder()
                    .bufferBytes(setup.bufferBytes())
                    .latency(Duration.ofNanos(setup.latencyMicros() * 1000L))
                    .jitter(Duration.ofNanos(setup.jitterMicros() * 1000L), setup.seed())
                    .closeTimeout(Duration.ofMillis(50));
            if (setup.dropAfterBytes() >= 0) {
                config.dropAfterBytes(Side.CLIENT, setup.dropAfterBytes());
            }
            if (clock != null) {
                config.scheduler(clock);
            }
            pair = LoopbackPair.create(config.build());
            for (Side side : Side.values()) {
                delegates.put(side, new RecordingDelegate());
                written.put(side, new ArrayList<>());
                released.put(side, 0L);
                closeRequested.put(side, false);
            }
        }

        void play(List<Op> schedule) throws InterruptedException {
            socket(Side.CLIENT).open(delegates.get(Side.CLIENT));
            if (clock != null) {
                clock.advance(pair.config().latency().multipliedBy(2));
            } else {
                assertTrue(delegates.get(Side.CLIENT).awaitOpened(Duration.ofSeconds(10)));
            }
            for (Op op : schedule) {
                apply(op);
                checkBuffers();
            }
            finish();
            checkEnd();
        }

        private void apply(Op op) throws InterruptedException {
            if (op instanceof Op.Write w) {
                if (canUse(w.side())) {
                    byte[] message = payload(w.side(), written.get(w.side()).size(), Math.min(w.size(),
                            setup.bufferBytes()));
                    socket(w.side()).write(ByteBuffer.wrap(message));
                    if (!closeRequested.get(w.side())) {
                        written.get(w.side()).add(message);
                    }
                }
            } else if (op instanceof Op.Release r) {
                if (canUse(r.side())) {
                    long unreleased = delegates.get(r.side()).receivedBytes() - released.get(r.side());
                    release(r.side(), unreleased * r.percent() / 100);
                }
            } else if (op instanceof Op.RequestClose c) {
                if (canUse(c.side())) {
                    socket(c.side()).requestClose(c.code(), "code " + c.code());
                    closeRequested.put(c.side(), true);
                }
            } else if (op instanceof Op.Close c) {
                if (c.side() == Side.CLIENT || serverOpened) {
                    socket(c.side()).close();
                }
            } else if (op instanceof Op.Disconnect) {
                pair.disconnect();
            } else if (op instanceof Op.OpenServer) {
                openServer();
            } else if (op instanceof Op.Wait w) {
                pass(Duration.ofNanos(w.micros() * 1000L));
            }
        }

        /** Whether the test may call write/completedReceive/requestClose on the side without misuse. */
        private boolean canUse(Side side) {
            return side == Side.CLIENT ? delegates.get(Side.CLIENT).isOpened() || pair.isClosed(Side.CLIENT)
                    : serverOpened;
        }

        private void openServer() {
            if (!serverOpened) {
                serverOpened = true;
                socket(Side.SERVER).open(delegates.get(Side.SERVER));
            }
        }

        private void release(Side side, long n) {
            socket(side).completedReceive(n);
            released.put(side, released.get(side) + n);
        }

        /** Opens what is unopened, releases everything, asks both sides to close and waits for the end. */
        private void finish() throws InterruptedException {
            openServer();
            for (int round = 0; round < 10_000 && !(bothClosed()); round++) {
                for (Side side : Side.values()) {
                    if (canUse(side)) {
                        release(side, delegates.get(side).receivedBytes() - released.get(side));
                        if (!closeRequested.get(side)) {
                            socket(side).requestClose(1000, "done");
                            closeRequested.put(side, true);
                        }
                    }
                }
                checkBuffers();
                pass(Duration.ofMillis(1));
            }
            assertTrue(bothClosed(), () -> "not closed: " + delegates);
            pass(Duration.ofMillis(60)); // anything late would show up as a violation
        }

        private boolean bothClosed() {
            return delegates.get(Side.CLIENT).isClosed() && delegates.get(Side.SERVER).isClosed();
        }

        private void pass(Duration d) throws InterruptedException {
            if (clock != null) {
                clock.advance(d);
            } else {
                Thread.sleep(d.toMillis(), (int) (d.toNanos() % 1_000_000));
            }
        }

        private void checkBuffers() {
            for (Side sender : Side.values()) {
                long outstanding = pair.outstandingBytes(sender);
                assertTrue(outstanding <= setup.bufferBytes(), () -> sender + " outstanding " + outstanding);
                long accepted = delegates.get(sender).completedWriteBytes();
                long limit = released.get(sender.peer()) + setup.bufferBytes();
                assertTrue(accepted <= limit, () -> sender + " completedWrite " + accepted + " > " + limit);
            }
        }

        private void checkEnd() {
            for (Side side : Side.values()) {
                RecordingDelegate d = delegates.get(side);
                assertEquals(1, d.closedCount(), () -> side + ": " + d);
                assertEquals(List.of(), d.violations(), () -> side + ": " + d);
                assertTrue(d.events().get(d.events().size() - 1) instanceof Event.Closed);

                List<byte[]> sent = written.get(side);
                List<byte[]> got = delegates.get(side.peer()).receivedMessages();
                assertTrue(got.size() <= sent.size(), () -> side + " sent " + sent.size() + ", got " + got.size());
                for (int i = 0; i < got.size(); i++) {
                    assertArrayEquals(sent.get(i), got.get(i), side + " message " + i);
                }
                List<Long> completed = d.events().stream().filter(e -> e instanceof Event.CompletedWrite)
                        .map(e -> ((Event.CompletedWrite) e).byteCount()).toList();
                for (int i = 0; i < completed.size(); i++) {
                    assertEquals(sent.get(i).length, completed.get(i), side + " completedWrite " + i);
                }
            }
            C4Exception clientError = delegates.get(Side.CLIENT).closeError();
            C4Exception serverError = delegates.get(Side.SERVER).closeError();
            assertEquals(clientError == null, serverError == null, () -> clientError + " vs " + serverError);
            // Coverage report, printed by jqwik: how runs ended, how much data moved.
            Statistics.label("end").collect(clientError == null ? "clean" : clientError.domain() + " "
                    + clientError.code());
            Statistics.label("messages delivered").collect(Math.min(10, pair.messagesDelivered(Side.CLIENT)
                    + pair.messagesDelivered(Side.SERVER)) / 5 * 5 + "+");
            if (clientError == null) {
                for (Side side : Side.values()) {
                    assertEquals(written.get(side).size(), delegates.get(side.peer()).receivedMessages().size(),
                            () -> "a clean close delivers everything sent by " + side);
                }
            }
        }

        private C4Socket socket(Side side) {
            return pair.socket(side);
        }

        private static byte[] payload(Side side, int index, int size) {
            byte[] b = new byte[size];
            for (int i = 0; i < size; i++) {
                b[i] = (byte) (index * 31 + i * 7 + side.ordinal() * 101);
            }
            return b;
        }
    }
}
