package org.c4j.replicator.internal.core;

import java.time.Duration;

import org.c4j.socket.C4Exception;
import org.c4j.socket.OptionKeys;
import org.c4j.socket.OptionsDict;

/**
 * When the public replicator makes a new connection after one failed, as LiteCore's {@code C4RemoteReplicator}
 * does: retry if the error is transient, or if the replication is continuous and the error depends on the network;
 * give up on everything else (e.g. 401/403) or after {@code maxRetries} failed retries in a row (the count restarts
 * whenever a connection succeeds). The delay before retry n (1, 2, ...) is {@code min(2^n, maxRetryInterval)}
 * seconds: 2, 4, 8, ... capped at 5 minutes by default.
 *
 * <p>Immutable; thread-safe.
 *
 * @param maxRetries       failed retries allowed in a row
 * @param maxRetryInterval cap of the delay
 */
public record RetryPolicy(boolean continuous, int maxRetries, Duration maxRetryInterval) {
    /** LiteCore caps the exponent so the shift can't overflow. */
    private static final int MAX_EXPONENT = 30;

    public RetryPolicy {
        if (maxRetries < 0 || maxRetryInterval.isNegative()) {
            throw new IllegalArgumentException("negative retry settings");
        }
    }

    /**
     * The policy for a replicator's options: {@code maxRetries} (default 9 one-shot, unlimited continuous) and
     * {@code maxRetryInterval} in seconds (default 300); a number given is clamped at 0, as LiteCore's
     * {@code getIntProperty} does (so 0 retries means none).
     */
    public static RetryPolicy of(OptionsDict options, boolean continuous) {
        int defaultRetries = continuous ? ReplTuning.MAX_CONTINUOUS_RETRIES : ReplTuning.MAX_ONE_SHOT_RETRIES;
        int retries = clamp(options.getLong(OptionKeys.MAX_RETRIES, defaultRetries));
        long interval = options.contains(OptionKeys.MAX_RETRY_INTERVAL)
                ? clamp(options.getLong(OptionKeys.MAX_RETRY_INTERVAL, 0)) : ReplTuning.MAX_RETRY_INTERVAL.toSeconds();
        return new RetryPolicy(continuous, retries, Duration.ofSeconds(interval));
    }

    private static int clamp(long v) {
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, v));
    }

    /** Whether this error is worth a retry at all (before counting attempts). */
    public boolean isRetryable(C4Exception error) {
        return error.isTransient() || continuous && error.isNetworkDependent();
    }

    /**
     * Whether to try again after a connection failed with {@code error}, given how many retries already failed in
     * a row ({@code failedRetries} = 0 after the first failure).
     */
    public boolean shouldRetry(C4Exception error, int failedRetries) {
        return isRetryable(error) && failedRetries < maxRetries;
    }

    /** Delay before retry number {@code attempt} (1 = the first retry). */
    public Duration delay(int attempt) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempts count from 1");
        }
        Duration d = Duration.ofSeconds(1L << Math.min(attempt, MAX_EXPONENT));
        return d.compareTo(maxRetryInterval) < 0 ? d : maxRetryInterval;
    }
}
