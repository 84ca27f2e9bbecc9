package org.c4j;

import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;

import org.c4j.internal.Errors;
import org.c4j.internal.Tuning;

/**
 * Options for {@link Database#open}: revision-tree depth, the clock used for expiration, the executor that runs
 * observer callbacks and scheduled purges of expired documents, and durability of commits.
 *
 * <p>Immutable; thread-safe. The {@code with...} methods return copies.
 */
public final class DatabaseConfig {
    private static final DatabaseConfig DEFAULTS =
            new DatabaseConfig(Tuning.DEFAULT_MAX_REV_TREE_DEPTH, Clock.systemUTC(), null, true);

    private final int maxRevTreeDepth;
    private final Clock clock;
    private final ScheduledExecutorService executor;
    private final boolean durable;

    private DatabaseConfig(int maxRevTreeDepth, Clock clock, ScheduledExecutorService executor, boolean durable) {
        this.maxRevTreeDepth = maxRevTreeDepth;
        this.clock = clock;
        this.executor = executor;
        this.durable = durable;
    }

    /** Depth 20, the system clock, a private executor, durable commits. */
    public static DatabaseConfig defaults() {
        return DEFAULTS;
    }

    /** Revision trees are pruned to this depth on save (LiteCore 3.0's default: 20). */
    public DatabaseConfig withMaxRevTreeDepth(int depth) {
        if (depth <= 0) {
            throw Errors.invalid("maxRevTreeDepth must be positive");
        }
        return new DatabaseConfig(depth, clock, executor, durable);
    }

    /** Clock deciding when documents expire. */
    public DatabaseConfig withClock(Clock c) {
        return new DatabaseConfig(maxRevTreeDepth, Objects.requireNonNull(c, "clock"), executor, durable);
    }

    /**
     * Executor for observer callbacks and expiry purges; it must run tasks one at a time (e.g. a single-thread
     * scheduled executor) so observers see batches in commit order. The database does not shut it down.
     * Null (default): the database uses its own daemon thread and stops it on close.
     */
    public DatabaseConfig withExecutor(ScheduledExecutorService e) {
        return new DatabaseConfig(maxRevTreeDepth, clock, e, durable);
    }

    /** True (default): committed data survives power loss. False: only a process crash is survived. */
    public DatabaseConfig withDurable(boolean d) {
        return new DatabaseConfig(maxRevTreeDepth, clock, executor, d);
    }

    public int maxRevTreeDepth() {
        return maxRevTreeDepth;
    }

    public Clock clock() {
        return clock;
    }

    public ScheduledExecutorService executor() {
        return executor;
    }

    public boolean durable() {
        return durable;
    }
}
