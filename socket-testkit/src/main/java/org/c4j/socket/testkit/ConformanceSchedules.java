package org.c4j.socket.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.c4j.socket.testkit.RecordingDelegate.Release;

/**
 * The random schedules the conformance suite runs, as jqwik {@link Arbitrary arbitraries}, and the schedule types
 * themselves. A schedule is plain data (its {@code toString} is printed with every
 * {@link ConformanceViolation}); its {@code seed} fixes the bytes written. Sizes stay within the transport's
 * {@link TransportTraits#maxMessageBytes()}. Thread-safe (immutable values).
 */
public final class ConformanceSchedules {
    /** Largest total a schedule writes in one direction: bounds the run time on slow machines. */
    static final long MAX_TOTAL_BYTES = 8L << 20;

    private ConformanceSchedules() {
    }

    /** The state a connection is in when a close or a fault hits it. */
    public enum State {
        /** The client has been opened but has not got {@code opened} (for the server side: just accepted). */
        CONNECTING,
        /** Both sides open, nothing in flight. */
        OPEN,
        /** The acting side has just written a burst that is still on its way. */
        MID_WRITE,
        /** The acting side holds unreleased received data while its peer keeps writing. */
        MID_RECEIVE
    }

    /** How a side ends a connection. */
    public enum CloseMethod {
        /** {@link org.c4j.socket.C4Socket#requestClose} (orderly). */
        REQUEST_CLOSE,
        /** {@link org.c4j.socket.C4Socket#close()} (abrupt). */
        CLOSE
    }

    /** Kinds of {@code auth} option. */
    public enum Auth { NONE, BASIC, SESSION, BEARER }

    /** Writes made back to back by one side. */
    public record Burst(Side side, List<Integer> sizes) {
        @Override
        public String toString() {
            return side.name() + sizes;
        }
    }

    /** Bursts of writes both ways, then a clean close by {@code closer}. */
    public record Exchange(List<Burst> bursts, Release clientRelease, Release serverRelease, Side closer,
                           long seed) {
        long total(Side side) {
            return bursts.stream().filter(b -> b.side() == side)
                    .flatMap(b -> b.sizes().stream()).mapToLong(Integer::longValue).sum();
        }
    }

    /** {@code sender} writes {@code sizes} to a peer that releases nothing until everything that fits arrived. */
    public record Window(Side sender, List<Integer> sizes, long seed) {
        @Override
        public String toString() {
            return "Window[sender=" + sender + ", " + sizes.size() + " writes, "
                    + sizes.stream().mapToLong(Integer::longValue).sum() + " bytes, first sizes "
                    + sizes.subList(0, Math.min(8, sizes.size())) + ", seed=" + seed + "]";
        }
    }

    /** {@code closer} ends the connection with {@code method} (code {@code code}) while it is in {@code state}. */
    public record Close(Side closer, CloseMethod method, State state, int code, List<Integer> burst, long seed) {
    }

    /** The link drops while the connection is in {@code state} (never {@link State#CONNECTING}). */
    public record Vanish(State state, List<Integer> burst, long seed) {
    }

    /** Extra request headers and an {@code auth} option (secrets are test values). */
    public record Options(Map<String, String> headers, Auth auth, String user, String secret) {
    }

    /** Write sizes from 0 to {@code max}: mostly small and medium, some up to several MiB. */
    public static Arbitrary<Integer> sizes(long max) {
        int top = (int) Math.min(Integer.MAX_VALUE, max);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, Arbitraries.just(0)),
                net.jqwik.api.Tuple.of(30, Arbitraries.integers().between(1, Math.min(256, top))),
                net.jqwik.api.Tuple.of(30, Arbitraries.integers().between(1, Math.min(16 * 1024, top))),
                net.jqwik.api.Tuple.of(12, Arbitraries.integers().between(1, Math.min(256 * 1024, top))),
                net.jqwik.api.Tuple.of(4, Arbitraries.integers().between(1, top)));
    }

    public static Arbitrary<Exchange> exchanges(TransportTraits traits) {
        Arbitrary<Burst> burst = Combinators.combine(Arbitraries.of(Side.class),
                sizes(traits.maxMessageBytes()).list().ofMinSize(1).ofMaxSize(24)).as(Burst::new);
        return Combinators.combine(burst.list().ofMinSize(1).ofMaxSize(6).map(b -> capped(b, totalCap(traits))),
                        Arbitraries.of(Release.class), Arbitraries.of(Release.IMMEDIATE, Release.ASYNC),
                        Arbitraries.of(Side.class), Arbitraries.longs())
                .as((bursts, cr, sr, closer, seed) -> new Exchange(bursts,
                        cr == Release.MANUAL ? Release.ASYNC : cr, sr, closer, seed));
    }

    /** Enough data to fill the window three times over, in writes of at most half the window. */
    public static Arbitrary<Window> windows(TransportTraits traits) {
        long window = traits.receiveWindow() >= 0 ? traits.receiveWindow() : 256 * 1024;
        long largest = Math.max(1, Math.min(traits.maxMessageBytes(), Math.max(1, window / 2)));
        long target = Math.min(totalCap(traits), 3 * window + largest + 1);
        return Combinators.combine(Arbitraries.of(Side.class),
                        Arbitraries.integers().between((int) Math.max(1, largest / 16), (int) largest).list()
                                .ofMinSize(1).ofMaxSize(32),
                        Arbitraries.longs())
                .as((sender, seedSizes, seed) -> new Window(sender, fill(seedSizes, target), seed));
    }

    public static Arbitrary<Close> closes(TransportTraits traits) {
        return Combinators.combine(Arbitraries.of(Side.class), Arbitraries.of(CloseMethod.class),
                        Arbitraries.of(State.class),
                        Arbitraries.frequency(net.jqwik.api.Tuple.of(6, 1000), net.jqwik.api.Tuple.of(1, 1001),
                                net.jqwik.api.Tuple.of(1, 4000)),
                        burst(traits), Arbitraries.longs())
                .as(Close::new);
    }

    public static Arbitrary<Vanish> vanishes(TransportTraits traits) {
        return Combinators.combine(Arbitraries.of(State.OPEN, State.MID_WRITE, State.MID_RECEIVE), burst(traits),
                Arbitraries.longs()).as(Vanish::new);
    }

    public static Arbitrary<Options> options() {
        Arbitrary<String> name = Arbitraries.strings().withCharRange('a', 'z').withChars('-').ofMinLength(1)
                .ofMaxLength(12).map(s -> "X-C4j-" + s);
        Arbitrary<String> value = Arbitraries.strings().alpha().numeric().withChars("-_.~+/=").ofMinLength(1)
                .ofMaxLength(40);
        Arbitrary<String> user = Arbitraries.strings().alpha().numeric().withChars("._-").ofMinLength(1)
                .ofMaxLength(16);
        Arbitrary<String> secret = Arbitraries.strings().alpha().numeric().withChars("!#$%&*+-.^_~").ofMinLength(1)
                .ofMaxLength(32);
        return Combinators.combine(Arbitraries.maps(name, value).ofMaxSize(4), Arbitraries.of(Auth.class), user,
                secret).as(Options::new);
    }

    private static Arbitrary<List<Integer>> burst(TransportTraits traits) {
        return sizes(traits.maxMessageBytes()).list().ofMinSize(1).ofMaxSize(16).map(b -> cap(b, totalCap(traits)));
    }

    /** The most bytes one side writes in a schedule: the suite's own cap, within the transport's unwritten bound. */
    private static long totalCap(TransportTraits traits) {
        return Math.min(MAX_TOTAL_BYTES, traits.maxUnwrittenBytes());
    }

    private static List<Burst> capped(List<Burst> bursts, long cap) {
        List<Burst> out = new ArrayList<>();
        long[] totals = new long[2];
        for (Burst b : bursts) {
            List<Integer> kept = new ArrayList<>();
            for (int size : b.sizes()) {
                if (totals[b.side().ordinal()] + size <= cap) {
                    totals[b.side().ordinal()] += size;
                    kept.add(size);
                }
            }
            out.add(new Burst(b.side(), List.copyOf(kept)));
        }
        return List.copyOf(out);
    }

    private static List<Integer> cap(List<Integer> sizes, long limit) {
        List<Integer> kept = new ArrayList<>();
        long total = 0;
        for (int size : sizes) {
            if (total + size <= limit) {
                total += size;
                kept.add(size);
            }
        }
        return List.copyOf(kept);
    }

    /** Repeats {@code pattern} until the sizes add up to at least {@code target}. */
    private static List<Integer> fill(List<Integer> pattern, long target) {
        List<Integer> out = new ArrayList<>();
        long total = 0;
        for (int i = 0; total < target; i++) {
            int size = pattern.get(i % pattern.size());
            out.add(size);
            total += size;
        }
        return List.copyOf(out);
    }
}
