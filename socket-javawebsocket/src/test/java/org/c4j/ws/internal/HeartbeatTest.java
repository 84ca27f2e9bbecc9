package org.c4j.ws.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Drives ticks by hand; only the pong check runs on a (real) scheduler. */
public class HeartbeatTest {
    private final ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1);
    private final AtomicInteger pings = new AtomicInteger();
    private final AtomicInteger timeouts = new AtomicInteger();
    private final CountDownLatch timedOut = new CountDownLatch(1);
    private final AtomicBoolean paused = new AtomicBoolean();
    private final Heartbeat heartbeat = new Heartbeat(timers, Duration.ofMillis(30), pings::incrementAndGet, () -> {
        timeouts.incrementAndGet();
        timedOut.countDown();
    }, paused::get);

    @AfterEach
    void stop() {
        heartbeat.stop();
        timers.shutdownNow();
    }

    @Test
    void pingsOnlyAfterASilentPeriod() {
        heartbeat.traffic();
        heartbeat.tick();
        assertEquals(0, pings.get());
        heartbeat.tick();
        assertEquals(1, pings.get());
    }

    @Test
    void noAnswerToAPingTimesOut() throws Exception {
        heartbeat.tick();
        assertEquals(1, pings.get());
        assertTrue(timedOut.await(5, TimeUnit.SECONDS));
    }

    /**
     * Runs {@code steps} while the timer thread is held, so a pong check they schedule cannot run before they are
     * all done, however late this thread is scheduled.
     */
    private void withTimersHeld(Runnable steps) throws InterruptedException {
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        timers.execute(() -> {
            held.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertTrue(held.await(5, TimeUnit.SECONDS));
        try {
            steps.run();
        } finally {
            release.countDown();
        }
    }

    @Test
    void aPongKeepsTheConnection() throws Exception {
        withTimersHeld(() -> {
            heartbeat.tick();
            heartbeat.pong();
        });
        Thread.sleep(200);
        assertEquals(0, timeouts.get());
    }

    @Test
    void noPingOrTimeoutWhileOurReadingIsPaused() throws Exception {
        paused.set(true);
        heartbeat.tick();
        heartbeat.tick();
        assertEquals(0, pings.get());
        paused.set(false);
        withTimersHeld(() -> {
            heartbeat.tick();
            paused.set(true);
        });
        Thread.sleep(200);
        assertEquals(1, pings.get());
        assertEquals(0, timeouts.get());
    }

    @Test
    void startedItTicksByItself() throws Exception {
        heartbeat.start();
        assertTrue(timedOut.await(5, TimeUnit.SECONDS));
        assertTrue(pings.get() >= 1);
    }

    @Test
    void stopIsIdempotentAndFinal() {
        heartbeat.start();
        assertEquals(1, timers.getQueue().size());
        heartbeat.stop();
        heartbeat.stop();
        heartbeat.start(); // no restart once stopped
        heartbeat.tick(); // a silent period after stop schedules no pong check and sends no ping
        assertEquals(0, pings.get());
        assertTrue(timers.getQueue().stream().allMatch(r -> ((Future<?>) r).isCancelled()));
    }

    @Test
    void transitionTable() {
        assertTrue(Heartbeat.State.IDLE.canMoveTo(Heartbeat.State.RUNNING));
        assertTrue(Heartbeat.State.IDLE.canMoveTo(Heartbeat.State.STOPPED), "stopped before it started");
        assertTrue(Heartbeat.State.RUNNING.canMoveTo(Heartbeat.State.STOPPED));
        for (Heartbeat.State s : Heartbeat.State.values()) {
            assertFalse(s.canMoveTo(Heartbeat.State.IDLE));
            assertFalse(Heartbeat.State.STOPPED.canMoveTo(s));
        }
    }
}
