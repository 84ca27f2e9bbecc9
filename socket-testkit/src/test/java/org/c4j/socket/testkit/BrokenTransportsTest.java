package org.c4j.socket.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.Iterator;
import java.util.function.Consumer;
import net.jqwik.api.Arbitrary;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each {@link ConformanceRule} can fail: for every rule, a loopback transport broken in exactly that rule
 * ({@link BrokenSocket}) is run through the scenario that checks it, and the suite must report a
 * {@link ConformanceViolation} naming that rule (not another) within a few schedules.
 */
class BrokenTransportsTest {
    /** Schedules tried per rule before giving up (a breach may need, e.g., a non-empty message to show). */
    private static final int SCHEDULES = 10;
    /** Short deadline: the doubles that swallow events would otherwise keep the suite waiting 20 s. */
    private static final Duration DEADLINE = Duration.ofSeconds(2);

    @ParameterizedTest(name = "{0}")
    @EnumSource(ConformanceRule.class)
    void theSuiteCatchesATransportBrokenInThisRule(ConformanceRule rule) {
        TransportHarness good = TransportHarness.loopback(LoopbackConfig.builder().bufferBytes(64 * 1024).build());
        try (ConformanceChecks checks = new ConformanceChecks(new BrokenHarness(good, rule), DEADLINE)) {
            TransportTraits traits = checks.traits();
            switch (rule) {
                case RECEIVE_WINDOW, FLOW_RESUMES -> expect(rule, ConformanceSchedules.windows(traits),
                        checks::receiveWindow);
                case REFUSED_OPEN_FAILS -> expect(rule, null, s -> checks.refusedOpen());
                case FAILED_OPEN_FAILS -> expect(rule, null, s -> checks.unservedDatabase());
                case PEER_VANISH_IS_ERROR -> expect(rule, ConformanceSchedules.vanishes(traits), checks::peerVanishes);
                case HEADERS_SENT -> expect(rule, ConformanceSchedules.options()
                        .filter(o -> !o.headers().isEmpty()), checks::options);
                case AUTH_HEADERS_BUILT -> expect(rule, ConformanceSchedules.options()
                        .filter(o -> o.auth() != ConformanceSchedules.Auth.NONE), checks::options);
                default -> expect(rule, ConformanceSchedules.exchanges(traits), checks::exchange);
            }
        }
    }

    private static <T> void expect(ConformanceRule rule, Arbitrary<T> schedules, Consumer<T> scenario) {
        Iterator<T> it = schedules == null ? null : schedules.sampleStream().iterator();
        for (int i = 0; i < SCHEDULES; i++) {
            T schedule = it == null ? null : it.next();
            try {
                scenario.accept(schedule);
            } catch (ConformanceViolation v) {
                assertEquals(rule, v.rule(), v::getMessage);
                return;
            }
        }
        fail("a transport broken in " + rule + " passed " + SCHEDULES + " schedules");
    }
}
