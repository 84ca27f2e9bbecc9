package org.c4j.ws.internal;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * Keep-alive for one open connection, after LiteCore's: every interval, if nothing arrived from the peer since
 * the last tick, send a ping; if then nothing at all (pong or other) arrives within the pong timeout, report
 * the connection dead. While our own receive window is full we are not reading, so silence is not the peer's
 * fault and no ping or timeout happens. Thread-safe; ticks run on the injected scheduler.
 */
public final class Heartbeat {
    private final ScheduledExecutorService timers;
    private final Duration interval;
    private final Duration pongTimeout;
    private final Runnable ping;
    private final Runnable timedOut;
    private final BooleanSupplier readPaused;
    /** Frames from the peer other than pongs: proof the peer is alive and talking. */
    private final AtomicLong traffic = new AtomicLong();
    /** Every frame from the peer, pongs included. */
    private final AtomicLong anything = new AtomicLong();
    /** The heartbeat's life; transitions only in {@link #moveTo}. */
    enum State {
        IDLE, RUNNING, STOPPED;

        boolean canMoveTo(State next) {
            return switch (this) {
                case IDLE -> next != IDLE;
                case RUNNING -> next == STOPPED;
                case STOPPED -> false;
            };
        }
    }

    // Guarded by this.
    private State state = State.IDLE;
    private ScheduledFuture<?> ticker;
    private ScheduledFuture<?> check;
    /** Only read and written by tick(), which never runs concurrently with itself. */
    private long trafficAtLastTick;

    Heartbeat(ScheduledExecutorService timers, Duration interval, Runnable ping, Runnable timedOut,
              BooleanSupplier readPaused) {
        this.timers = timers;
        this.interval = interval;
        Duration t = Tuning.PONG_TIMEOUT;
        Duration cap = interval.minusSeconds(1);
        this.pongTimeout = cap.compareTo(t) < 0 ? (cap.isNegative() || cap.isZero() ? interval : cap) : t;
        this.ping = ping;
        this.timedOut = timedOut;
        this.readPaused = readPaused;
    }

    synchronized void start() {
        if (state == State.IDLE) {
            moveTo(State.RUNNING);
            long nanos = interval.toNanos();
            ticker = timers.scheduleAtFixedRate(this::tick, nanos, nanos, TimeUnit.NANOSECONDS);
        }
    }

    /** A data, ping or close frame arrived. */
    void traffic() {
        traffic.incrementAndGet();
        anything.incrementAndGet();
    }

    /** A pong arrived. */
    void pong() {
        anything.incrementAndGet();
    }

    /** Idempotent. */
    synchronized void stop() {
        if (state == State.STOPPED) {
            return; // already cancelled, and tick() schedules nothing once STOPPED
        }
        moveTo(State.STOPPED);
        if (ticker != null) {
            ticker.cancel(false);
        }
        if (check != null) {
            check.cancel(false);
        }
    }

    /** One heartbeat period elapsed (run by the ticker; package-private for tests). */
    void tick() {
        long seen = traffic.get();
        if (seen != trafficAtLastTick || readPaused.getAsBoolean()) {
            trafficAtLastTick = seen;
            return;
        }
        long before = anything.get();
        synchronized (this) {
            if (state == State.STOPPED) {
                return;
            }
            check = timers.schedule(() -> {
                if (anything.get() == before && !readPaused.getAsBoolean()) {
                    timedOut.run();
                }
            }, pongTimeout.toNanos(), TimeUnit.NANOSECONDS);
        }
        ping.run();
    }

    /** Caller holds this. */
    private void moveTo(State next) {
        if (!state.canMoveTo(next)) {
            throw new IllegalStateException("Heartbeat: bad transition " + state + " -> " + next);
        }
        state = next;
    }
}
