package org.c4j.replicator.internal.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.c4j.socket.C4Exception;
import org.c4j.socket.ErrorCodes;
import org.c4j.socket.ErrorDomain;
import org.c4j.socket.OptionKeys;
import org.c4j.socket.OptionsDict;
import org.junit.jupiter.api.Test;

public class RetryPolicyTest {
    private static final C4Exception RESET = new C4Exception(ErrorDomain.POSIX, ErrorCodes.Posix.ECONNRESET, "reset");
    private static final C4Exception UNREACHABLE =
            new C4Exception(ErrorDomain.NETWORK, ErrorCodes.Network.HOST_UNREACHABLE, "unreachable");
    private static final C4Exception UNAUTHORIZED = new C4Exception(ErrorDomain.WEBSOCKET, 401, "unauthorized");
    private static final C4Exception FORBIDDEN = new C4Exception(ErrorDomain.WEBSOCKET, 403, "forbidden");
    private static final C4Exception UNAVAILABLE = new C4Exception(ErrorDomain.WEBSOCKET, 503, "busy");

    @Test
    void defaultsAsLiteCore() {
        RetryPolicy oneShot = RetryPolicy.of(OptionsDict.EMPTY, false);
        assertEquals(9, oneShot.maxRetries());
        assertEquals(Duration.ofMinutes(5), oneShot.maxRetryInterval());
        assertEquals(Integer.MAX_VALUE, RetryPolicy.of(OptionsDict.EMPTY, true).maxRetries());
    }

    @Test
    void doublingDelaysCappedAtTheInterval() {
        RetryPolicy p = RetryPolicy.of(OptionsDict.EMPTY, false);
        List<Long> seconds = List.of(1, 2, 3, 8, 9, 10, 40).stream().map(n -> p.delay(n).toSeconds()).toList();
        assertEquals(List.of(2L, 4L, 8L, 256L, 300L, 300L, 300L), seconds);
    }

    @Test
    void optionsOverride() {
        OptionsDict o = OptionsDict.builder().put(OptionKeys.MAX_RETRIES, 2).put(OptionKeys.MAX_RETRY_INTERVAL, 10).build();
        RetryPolicy p = RetryPolicy.of(o, true);
        assertEquals(2, p.maxRetries());
        assertEquals(Duration.ofSeconds(8), p.delay(3));
        assertEquals(Duration.ofSeconds(10), p.delay(4));
        assertTrue(p.shouldRetry(RESET, 1));
        assertFalse(p.shouldRetry(RESET, 2));
        RetryPolicy none = RetryPolicy.of(OptionsDict.builder().put(OptionKeys.MAX_RETRIES, 0).build(), false);
        assertFalse(none.shouldRetry(RESET, 0), "maxRetries 0 means no retries");
    }

    @Test
    void whichErrorsRetry() {
        RetryPolicy oneShot = RetryPolicy.of(OptionsDict.EMPTY, false);
        RetryPolicy continuous = RetryPolicy.of(OptionsDict.EMPTY, true);
        assertTrue(oneShot.shouldRetry(RESET, 0));
        assertTrue(oneShot.shouldRetry(UNAVAILABLE, 0));
        assertFalse(oneShot.shouldRetry(UNREACHABLE, 0), "network-dependent: only continuous replicators retry");
        assertTrue(continuous.shouldRetry(UNREACHABLE, 0));
        for (C4Exception auth : List.of(UNAUTHORIZED, FORBIDDEN)) {
            assertFalse(oneShot.shouldRetry(auth, 0));
            assertFalse(continuous.shouldRetry(auth, 0));
        }
        assertFalse(oneShot.shouldRetry(RESET, 9));
        assertTrue(continuous.shouldRetry(RESET, 1_000_000));
    }

    @Property(tries = 200)
    void delaysNeverShrinkAndNeverExceedTheCap(@ForAll @IntRange(min = 1, max = 1000) int attempt,
                                              @ForAll @IntRange(min = 1, max = 100_000) int cap) {
        RetryPolicy p = new RetryPolicy(false, 9, Duration.ofSeconds(cap));
        assertTrue(p.delay(attempt).compareTo(p.delay(attempt + 1)) <= 0);
        assertTrue(p.delay(attempt).toSeconds() <= cap);
        assertTrue(p.delay(attempt).toSeconds() >= Math.min(2, cap));
    }
}
