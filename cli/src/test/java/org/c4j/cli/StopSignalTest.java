package org.c4j.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class StopSignalTest {
    @Test
    void requestReleasesWaitersAndStays() throws Exception {
        StopSignal s = new StopSignal();
        assertFalse(s.isRequested());
        Thread waiter = new Thread(() -> {
            try {
                s.awaitRequest();
                s.finished();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        waiter.start();
        assertFalse(s.awaitFinished(Duration.ofMillis(10)));
        s.request();
        assertTrue(s.awaitFinished(Duration.ofSeconds(30)));
        assertTrue(s.isRequested());
        s.request();
        assertTrue(s.isRequested());
        waiter.join();
    }

    @Test
    void watchedOnlyOnceACommandSaysSo() {
        StopSignal s = new StopSignal();
        assertFalse(s.isWatched());
        s.watch();
        assertTrue(s.isWatched());
    }
}
