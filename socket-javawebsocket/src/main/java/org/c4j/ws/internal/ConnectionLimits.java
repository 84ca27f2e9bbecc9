package org.c4j.ws.internal;

import java.time.Duration;
import java.util.Objects;

/**
 * Per-connection limits of a {@link WsConnection}.
 *
 * @param upgradeDeadline total time from start to the peer's complete HTTP head (then the connection drops)
 * @param maxSendQueue    most bytes queued for the socket ({@link FrameLedger#queuedBytes()}); beyond, drop
 * @param heartbeat       ping interval (the read side's idle timeout, with {@link Tuning#PONG_TIMEOUT})
 * @param writeTimeout    longest a single socket write may block (the write side's idle timeout)
 *
 * <p>Immutable; thread-safe.
 */
public record ConnectionLimits(Duration upgradeDeadline, long maxSendQueue, Duration heartbeat,
                               Duration writeTimeout) {
    public ConnectionLimits {
        Objects.requireNonNull(upgradeDeadline, "upgradeDeadline");
        Objects.requireNonNull(heartbeat, "heartbeat");
        Objects.requireNonNull(writeTimeout, "writeTimeout");
        if (upgradeDeadline.isNegative() || upgradeDeadline.isZero() || heartbeat.isNegative() || heartbeat.isZero()
                || writeTimeout.isNegative() || writeTimeout.isZero() || maxSendQueue < 1) {
            throw new IllegalArgumentException("connection limits must be positive");
        }
    }

    /** {@code n} if at least 1, else IllegalArgumentException naming {@code what}. */
    public static int positive(int n, String what) {
        return (int) positive((long) n, what);
    }

    /** {@code n} if at least 1, else IllegalArgumentException naming {@code what}. */
    public static long positive(long n, String what) {
        if (n < 1) {
            throw new IllegalArgumentException(what + " must be at least 1: " + n);
        }
        return n;
    }

    /** {@code d} if positive, else IllegalArgumentException naming {@code what}. */
    public static Duration positive(Duration d, String what) {
        Objects.requireNonNull(d, what);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive: " + d);
        }
        return d;
    }

    /** The defaults of {@link Tuning}, with this ping interval. */
    public static ConnectionLimits defaults(Duration heartbeat) {
        return new ConnectionLimits(Tuning.UPGRADE_DEADLINE, Tuning.MAX_SEND_QUEUE, heartbeat, Tuning.WRITE_TIMEOUT);
    }
}
