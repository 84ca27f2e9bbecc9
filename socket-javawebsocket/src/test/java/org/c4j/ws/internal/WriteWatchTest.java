package org.c4j.ws.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

public class WriteWatchTest {

    @Test
    void reportsOnlyAWriteBlockedForTheWholeTimeoutAndOnlyOnce() {
        AtomicLong now = new AtomicLong(1_000);
        AtomicInteger stalls = new AtomicInteger();
        ScheduledExecutorService unused = Executors.newSingleThreadScheduledExecutor();
        try {
            WriteWatch w = new WriteWatch(unused, Duration.ofNanos(100), stalls::incrementAndGet, now::get);
            w.check();
            assertEquals(0, stalls.get(), "no write in progress");
            w.begin();
            now.addAndGet(99);
            w.check();
            assertEquals(0, stalls.get(), "not blocked long enough");
            w.end();
            now.addAndGet(1_000);
            w.check();
            assertEquals(0, stalls.get(), "the write finished");
            w.begin();
            now.addAndGet(100);
            w.check();
            w.check();
            assertEquals(1, stalls.get());
        } finally {
            unused.shutdownNow();
        }
    }
}
