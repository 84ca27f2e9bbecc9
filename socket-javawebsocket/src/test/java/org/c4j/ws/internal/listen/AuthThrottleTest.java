package org.c4j.ws.internal.listen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.c4j.ws.internal.Tuning;
import org.junit.jupiter.api.Test;

public class AuthThrottleTest {
    private final AtomicLong now = new AtomicLong(1);
    private final AuthThrottle throttle = new AuthThrottle(now::get, Duration.ofMinutes(10), 3);

    private static InetAddress ip(int last) throws Exception {
        return InetAddress.getByAddress(new byte[] {10, 0, 0, (byte) last});
    }

    @Test
    void delaysDoubleFromTheBaseUpToTheCap() throws Exception {
        InetAddress a = ip(1);
        assertEquals(Duration.ofMillis(250), throttle.failed(a));
        assertEquals(Duration.ofMillis(500), throttle.failed(a));
        assertEquals(Duration.ofMillis(1000), throttle.failed(a));
        assertEquals(Duration.ofMillis(2000), throttle.failed(a));
        for (int i = 0; i < 100; i++) {
            assertEquals(Tuning.AUTH_DELAY_MAX, throttle.failed(a));
        }
        assertEquals(Duration.ofMillis(250), throttle.failed(ip(2)), "other addresses are not slowed");
    }

    @Test
    void aSuccessOrTheMemoryRunningOutForgetsTheFailures() throws Exception {
        InetAddress a = ip(1);
        throttle.failed(a);
        throttle.failed(a);
        throttle.succeeded(a);
        assertEquals(Duration.ofMillis(250), throttle.failed(a));
        now.addAndGet(Duration.ofMinutes(11).toNanos());
        assertEquals(Duration.ofMillis(250), throttle.failed(a));
    }

    @Test
    void remembersAtMostTheCapOfAddressesAndUnknownAddressesAreNotSlowed() throws Exception {
        for (int i = 0; i < 50; i++) {
            throttle.failed(ip(i));
        }
        assertEquals(3, throttle.trackedAddresses());
        assertEquals(Duration.ZERO, throttle.failed(null));
    }

    @Test
    void theDelayFormulaNeverOverflows() {
        assertEquals(Tuning.AUTH_DELAY_MAX, AuthThrottle.delayFor(31));
        assertEquals(Tuning.AUTH_DELAY_BASE, AuthThrottle.delayFor(1));
    }
}
