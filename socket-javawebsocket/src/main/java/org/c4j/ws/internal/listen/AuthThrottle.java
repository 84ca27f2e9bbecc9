package org.c4j.ws.internal.listen;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

import org.c4j.ws.internal.Tuning;

/**
 * Slows password guessing: remembers failed authentications per remote address and says how long to hold back
 * the answer to the next failure from it — {@link Tuning#AUTH_DELAY_BASE} × 2^(failures − 1), capped at
 * {@link Tuning#AUTH_DELAY_MAX}. A success from the address forgets its failures, as does
 * {@link Tuning#AUTH_FAILURE_MEMORY} without one; at most {@link Tuning#AUTH_TRACKED_ADDRESSES} addresses are
 * remembered (the least recently failed go first). The delay is applied by the failing connection only (it
 * waits, others go on). Thread-safe; the clock ({@code nanoTime}) is injected for tests.
 */
public final class AuthThrottle {
    private final LongSupplier nanoTime;
    private final long memoryNanos;
    private final int maxAddresses;
    /** Access order: the eldest entry is the least recently failed address. Guarded by this. */
    private final LinkedHashMap<InetAddress, Failures> failures = new LinkedHashMap<>(16, 0.75f, true);

    private static final class Failures {
        int count;
        long lastNanos;
    }

    public AuthThrottle() {
        this(System::nanoTime, Tuning.AUTH_FAILURE_MEMORY, Tuning.AUTH_TRACKED_ADDRESSES);
    }

    AuthThrottle(LongSupplier nanoTime, Duration memory, int maxAddresses) {
        this.nanoTime = nanoTime;
        this.memoryNanos = memory.toNanos();
        this.maxAddresses = maxAddresses;
    }

    /**
     * Records a failed authentication from {@code address} and returns how long to delay its answer (at least
     * the base delay). A null address (unknown) is never delayed.
     */
    public synchronized Duration failed(InetAddress address) {
        if (address == null) {
            return Duration.ZERO;
        }
        long now = nanoTime.getAsLong();
        Failures f = failures.get(address);
        if (f == null || now - f.lastNanos > memoryNanos) {
            f = new Failures();
            failures.put(address, f);
        }
        f.count = Math.min(f.count + 1, 31);
        f.lastNanos = now;
        trim(now);
        return delayFor(f.count);
    }

    /** An authentication from {@code address} succeeded: its failures are forgotten. */
    public synchronized void succeeded(InetAddress address) {
        if (address != null) {
            failures.remove(address);
        }
    }

    /** Addresses currently remembered (for tests and diagnostics). */
    public synchronized int trackedAddresses() {
        return failures.size();
    }

    /** The delay for the {@code n}th failure in a row (n ≥ 1). */
    static Duration delayFor(int n) {
        long base = Tuning.AUTH_DELAY_BASE.toMillis();
        long max = Tuning.AUTH_DELAY_MAX.toMillis();
        int shift = Math.min(n - 1, 30);
        long ms = base > (max >> shift) ? max : Math.min(max, base << shift);
        return Duration.ofMillis(ms);
    }

    /** Drops expired entries from the eldest end, then the eldest beyond the cap. Caller holds the lock. */
    private void trim(long now) {
        Iterator<Map.Entry<InetAddress, Failures>> it = failures.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<InetAddress, Failures> e = it.next();
            if (failures.size() > maxAddresses || now - e.getValue().lastNanos > memoryNanos) {
                it.remove();
            } else {
                return;
            }
        }
    }
}
