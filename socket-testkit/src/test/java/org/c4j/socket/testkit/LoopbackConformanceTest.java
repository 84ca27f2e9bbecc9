package org.c4j.socket.testkit;

import java.time.Duration;
import org.c4j.socket.OptionKeys;
import org.c4j.socket.OptionsDict;

/**
 * The conformance suite against the loopback pair: with a 256 KiB buffer (its receive window) and a little
 * latency and jitter, so deliveries interleave with the test's writes.
 */
class LoopbackConformanceTest extends TransportConformanceSuite {
    @Override
    protected TransportHarness createHarness() {
        // Base options reach every connection under its own (the options property still sees its headers).
        return TransportHarness.withBaseOptions(TransportHarness.loopback(LoopbackConfig.builder()
                        .bufferBytes(256 * 1024).latency(Duration.ofMillis(1)).jitter(Duration.ofMillis(1), 7).build()),
                OptionsDict.builder().put(OptionKeys.COOKIES, "base=1").build());
    }
}
