package org.c4j.socket.testkit;

import java.time.Duration;

/**
 * The conformance suite against the loopback pair: with a 256 KiB buffer (its receive window) and a little
 * latency and jitter, so deliveries interleave with the test's writes.
 */
class LoopbackConformanceTest extends TransportConformanceSuite {
    @Override
    protected TransportHarness createHarness() {
        return TransportHarness.loopback(LoopbackConfig.builder().bufferBytes(256 * 1024)
                .latency(Duration.ofMillis(1)).jitter(Duration.ofMillis(1), 7).build());
    }
}
