package org.c4j.blip.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The adaptive-compression rule as a pure function of (backlog, bytes written) samples: against a brute-force
 * definition, and the properties it is for — a stall shorter than the window never deflates, a slow link does.
 * jqwik prints the seed of every run.
 */
class LinkPressureTest {

    /** One sample: the socket's backlog and how many bytes were written since the previous sample. */
    record Sample(long backlog, long advance) {
    }

    /** Thresholds of a rule: high, low (≤ high) and window. */
    record Rule(long high, long low, long window) {
        LinkPressure make() {
            return new LinkPressure(high, low, window);
        }
    }

    @Provide
    Arbitrary<Rule> rules() {
        return Combinators.combine(Arbitraries.longs().between(1, 1000), Arbitraries.doubles().between(0, 1),
                Arbitraries.longs().between(0, 5000)).as((h, f, w) -> new Rule(h, (long) (h * f), w));
    }

    @Provide
    Arbitrary<List<Sample>> samples() {
        Arbitrary<Long> backlog = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.longs().between(0, 1200)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(0L, 1000L)));
        return Combinators.combine(backlog, Arbitraries.longs().between(0, 400)).as(Sample::new)
                .list().ofMaxSize(200);
    }

    /**
     * Behind at sample i exactly when, for some j ≤ k ≤ i, every sample of [j, k] had backlog ≥ high while the bytes
     * written went up by at least the window from j to k, and every sample of [k, i] had backlog ≥ low.
     */
    private static boolean definition(Rule r, List<Sample> s, long[] written, int i) {
        for (int k = 0; k <= i; k++) {
            boolean lowHolds = true;
            for (int m = k; m <= i && lowHolds; m++) {
                lowHolds = s.get(m).backlog() >= r.low();
            }
            if (!lowHolds) {
                continue;
            }
            for (int j = k; j >= 0 && s.get(j).backlog() >= r.high(); j--) {
                if (written[k] - written[j] >= r.window()) {
                    return true;
                }
            }
        }
        return false;
    }

    private static long[] cumulative(List<Sample> s) {
        long[] written = new long[s.size()];
        long total = 0;
        for (int i = 0; i < s.size(); i++) {
            total += s.get(i).advance();
            written[i] = total;
        }
        return written;
    }

    @Property(tries = 1000)
    void decidesAsTheDefinitionSays(@ForAll("rules") Rule r, @ForAll("samples") List<Sample> s) {
        LinkPressure p = r.make();
        long[] written = cumulative(s);
        for (int i = 0; i < s.size(); i++) {
            assertEquals(definition(r, s, written, i), p.sample(s.get(i).backlog(), written[i]), "sample " + i);
        }
    }

    /**
     * A stall — some thread not getting a CPU — leaves at most what the sender keeps unwritten queued, so while the
     * backlog is up, at most that many bytes are written before a sample sees it drained: never a window's worth.
     */
    @Property(tries = 500)
    void stallsShorterThanTheWindowNeverDeflate(@ForAll @IntRange(min = 1024, max = 1 << 20) int maxUnwritten,
                                               @ForAll("samples") List<Sample> shape) {
        LinkPressure p = LinkPressure.forMaxUnwritten(maxUnwritten);
        long written = 0;
        long inRun = 0;
        for (Sample s : shape) {
            boolean up = s.backlog() > 600;
            long advance = s.advance() * maxUnwritten / 400;
            if (up && inRun + advance > maxUnwritten) {
                up = false; // the stall ends: the queue drains before the next message starts
            }
            inRun = up ? inRun + advance : 0;
            written += advance;
            long backlog = up ? maxUnwritten : s.backlog() * maxUnwritten / 10_000; // below an eighth when drained
            assertFalse(p.sample(backlog, written), "deflated after a stall at " + written);
        }
    }

    /** A link that keeps the backlog up while it takes bytes (slowly) deflates after one window, and stays so. */
    @Property(tries = 500)
    void aSlowLinkDeflatesAfterOneWindow(@ForAll @IntRange(min = 1024, max = 1 << 20) int maxUnwritten,
                                         @ForAll @IntRange(min = 1, max = 64 * 1024) int perMessage) {
        LinkPressure p = LinkPressure.forMaxUnwritten(maxUnwritten);
        long window = (long) maxUnwritten * BlipTuning.LINK_WINDOW_FACTOR;
        long written = 0;
        for (int n = 0; n < 3 || written < 3 * window; n++) {
            boolean behind = p.sample(maxUnwritten / 2 + perMessage % (maxUnwritten / 2), written);
            assertEquals(written >= window, behind, "at " + written);
            written += perMessage;
        }
        assertTrue(p.sample(maxUnwritten / BlipTuning.LINK_LOW_DIVISOR, written), "still behind at the low mark");
        assertFalse(p.sample(maxUnwritten / BlipTuning.LINK_LOW_DIVISOR - 1, written), "keeping up below it");
        assertEquals(LinkPressure.State.KEEPING_UP, p.state());
    }

    @Example
    void anIdleLinkNeverDeflates() {
        LinkPressure p = LinkPressure.forMaxUnwritten(256 * 1024);
        List<Boolean> decisions = new ArrayList<>();
        for (long written = 0; written < 100_000_000; written += 1200) {
            decisions.add(p.sample(written % 7 == 0 ? 16 * 1024 : 0, written));
        }
        assertFalse(decisions.contains(true));
    }

    @Example
    void refusesThresholdsOutOfOrder() {
        assertThrows(IllegalArgumentException.class, () -> new LinkPressure(10, 11, 0));
        assertThrows(IllegalArgumentException.class, () -> new LinkPressure(10, -1, 0));
        assertThrows(IllegalArgumentException.class, () -> new LinkPressure(10, 5, -1));
    }
}
