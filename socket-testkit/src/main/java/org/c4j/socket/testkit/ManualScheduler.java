package org.c4j.socket.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A virtual-time {@link ScheduledExecutorService} for deterministic tests of transports and protocol engines:
 * nothing runs until the test calls {@link #runDue()}, {@link #advance} or {@link #runNext()}, and then tasks run
 * on the calling thread in (due time, submission) order. Code under test that takes an injected scheduler and
 * reads time from {@link #nanoTime()} or {@link #clock()} sees time move only when the test moves it, so
 * "nothing happens for 30 s" is checked without sleeping.
 *
 * <p>{@code execute} and the one-shot {@code schedule} methods are supported (that is what the c4j engines use);
 * periodic scheduling is refused with {@link RejectedExecutionException}. Every requested delay is recorded
 * ({@link #requestedDelaysMs()}), so back-off schedules can be asserted.
 *
 * <p><b>Contract rule:</b> time moves only when the test moves it, and a task due at {@code t} runs after every
 * task due earlier and after the tasks due at {@code t} submitted before it.
 *
 * <p>Thread-safe: tasks may be submitted from any thread; they run only on the thread that drives the clock.
 */
public final class ManualScheduler extends AbstractExecutorService implements ScheduledExecutorService {
    private final PriorityQueue<Task<?>> queue = new PriorityQueue<>();
    private final List<Long> delaysMs = new ArrayList<>();
    private final long epochMillis;
    private long now;
    private long sequence;
    private boolean shutdown;

    /** Starts at virtual time 0, which {@link #clock()} shows as 2026-01-01T00:00:00Z. */
    public ManualScheduler() {
        this(Instant.parse("2026-01-01T00:00:00Z"));
    }

    /** Starts at virtual time 0, which {@link #clock()} shows as {@code start}. */
    public ManualScheduler(Instant start) {
        this.epochMillis = start.toEpochMilli();
    }

    /** Virtual nanoseconds since creation. */
    public synchronized long nanoTime() {
        return now;
    }

    /** A wall clock (UTC) that follows virtual time. */
    public Clock clock() {
        return new VirtualClock(ZoneOffset.UTC);
    }

    /** The virtual wall clock, in any zone. */
    private final class VirtualClock extends Clock {
        private final ZoneId zone;

        VirtualClock(ZoneId zone) {
            this.zone = zone;
        }

        @Override
        public ZoneId getZone() {
            return zone;
        }

        @Override
        public Clock withZone(ZoneId other) {
            return new VirtualClock(other);
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(epochMillis).plusNanos(nanoTime());
        }
    }

    /** Runs every task due now, including those they schedule for now. */
    public void runDue() {
        advance(Duration.ZERO);
    }

    /** Moves time forward by {@code d}, running every task that falls due on the way, in order. */
    public void advance(Duration d) {
        long target;
        synchronized (this) {
            target = now + d.toNanos();
        }
        while (true) {
            Task<?> next;
            synchronized (this) {
                next = queue.peek();
                if (next == null || next.due > target) {
                    now = Math.max(now, target);
                    return;
                }
                queue.poll();
                now = Math.max(now, next.due);
            }
            next.run();
        }
    }

    /**
     * Moves time to the earliest pending task and runs it (only it).
     *
     * @throws AssertionError if nothing is pending
     */
    public void runNext() {
        Task<?> next;
        synchronized (this) {
            dropCancelled();
            next = queue.poll();
            if (next == null) {
                throw new AssertionError("nothing scheduled");
            }
            now = Math.max(now, next.due);
        }
        next.run();
    }

    /** Tasks submitted and neither run nor cancelled. */
    public synchronized int pending() {
        dropCancelled();
        return queue.size();
    }

    /** Every delay passed to {@code schedule}, in milliseconds, in call order ({@code execute} is not recorded). */
    public synchronized List<Long> requestedDelaysMs() {
        return List.copyOf(delaysMs);
    }

    private void dropCancelled() {
        queue.removeIf(Task::isCancelled);
    }

    @Override
    public void execute(Runnable command) {
        enqueue(new Task<>(command, null), 0);
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        Task<Object> t = new Task<>(command, null);
        synchronized (this) {
            delaysMs.add(unit.toMillis(delay));
        }
        return enqueue(t, unit.toNanos(Math.max(0, delay)));
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        Task<V> t = new Task<>(callable);
        synchronized (this) {
            delaysMs.add(unit.toMillis(delay));
        }
        return enqueue(t, unit.toNanos(Math.max(0, delay)));
    }

    private synchronized <V> Task<V> enqueue(Task<V> t, long delayNanos) {
        if (shutdown) {
            throw new RejectedExecutionException("manual scheduler is shut down");
        }
        t.due = now + delayNanos;
        t.seq = sequence++;
        queue.add(t);
        return t;
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        throw new RejectedExecutionException("periodic tasks are not supported by ManualScheduler");
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay,
                                                     TimeUnit unit) {
        throw new RejectedExecutionException("periodic tasks are not supported by ManualScheduler");
    }

    @Override
    public synchronized void shutdown() {
        shutdown = true;
    }

    @Override
    public synchronized List<Runnable> shutdownNow() {
        shutdown = true;
        List<Runnable> left = new ArrayList<>(queue);
        queue.clear();
        return left;
    }

    @Override
    public synchronized boolean isShutdown() {
        return shutdown;
    }

    @Override
    public synchronized boolean isTerminated() {
        return shutdown && queue.isEmpty();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return isTerminated();
    }

    private final class Task<V> extends FutureTask<V> implements ScheduledFuture<V> {
        long due;
        long seq;

        Task(Runnable r, V result) {
            super(r, result);
        }

        Task(Callable<V> c) {
            super(c);
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(due - nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed o) {
            Task<?> other = (Task<?>) o;
            int c = Long.compare(due, other.due);
            return c != 0 ? c : Long.compare(seq, other.seq);
        }
    }
}
