package org.c4j;

import java.time.Clock;
import java.time.Duration;
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
            new DatabaseConfig(Tuning.DEFAULT_MAX_REV_TREE_DEPTH, Clock.systemUTC(), null, true,
                    Tuning.PREVIOUS_BODIES_MAX_DOCS, Tuning.PREVIOUS_BODIES_MAX_BYTES, Tuning.PREVIOUS_BODIES_MAX_AGE);

    private final int maxRevTreeDepth;
    private final Clock clock;
    private final ScheduledExecutorService executor;
    private final boolean durable;
    private final int previousBodiesMaxDocs;
    private final long previousBodiesMaxBytes;
    private final Duration previousBodiesMaxAge;

    private DatabaseConfig(int maxRevTreeDepth, Clock clock, ScheduledExecutorService executor, boolean durable,
                           int previousBodiesMaxDocs, long previousBodiesMaxBytes, Duration previousBodiesMaxAge) {
        this.maxRevTreeDepth = maxRevTreeDepth;
        this.clock = clock;
        this.executor = executor;
        this.durable = durable;
        this.previousBodiesMaxDocs = previousBodiesMaxDocs;
        this.previousBodiesMaxBytes = previousBodiesMaxBytes;
        this.previousBodiesMaxAge = previousBodiesMaxAge;
    }

    private DatabaseConfig copy(int depth, Clock c, ScheduledExecutorService e, boolean d) {
        return new DatabaseConfig(depth, c, e, d, previousBodiesMaxDocs, previousBodiesMaxBytes,
                previousBodiesMaxAge);
    }

    /**
     * Depth 20, the system clock, a private executor, durable commits; previous bodies kept for up to 10,000
     * documents, 32 MiB, one hour.
     */
    public static DatabaseConfig defaults() {
        return DEFAULTS;
    }

    /** Revision trees are pruned to this depth on save (LiteCore 3.0's default: 20). */
    public DatabaseConfig withMaxRevTreeDepth(int depth) {
        if (depth <= 0) {
            throw Errors.invalid("maxRevTreeDepth must be positive");
        }
        return copy(depth, clock, executor, durable);
    }

    /** Clock deciding when documents expire. */
    public DatabaseConfig withClock(Clock c) {
        return copy(maxRevTreeDepth, Objects.requireNonNull(c, "clock"), executor, durable);
    }

    /**
     * Executor for observer callbacks and expiry purges; it must run tasks one at a time (e.g. a single-thread
     * scheduled executor) so observers see batches in commit order. The database does not shut it down.
     * Null (default): the database uses its own daemon thread and stops it on close.
     */
    public DatabaseConfig withExecutor(ScheduledExecutorService e) {
        return copy(maxRevTreeDepth, clock, e, durable);
    }

    /** True (default): committed data survives power loss. False: only a process crash is survived. */
    public DatabaseConfig withDurable(boolean d) {
        return copy(maxRevTreeDepth, clock, executor, d);
    }

    /**
     * When a document gets a new current revision and its revision tree drops the previous one's body, that body
     * (if at least 200 bytes) is kept a while longer for the document, so a replicator can send peers that have
     * that revision a delta ({@link Collection#previousBody}); see {@code docs/delta-sync.md}. Bounded by
     * {@code maxDocs} documents, {@code maxBytes} of bodies and {@code maxAge} (older ones are not used and are
     * deleted by {@link Database#compact}); the oldest go first when a bound is reached. {@code maxDocs} 0 turns it
     * off. Costs one extra write of the previous body per update.
     */
    public DatabaseConfig withPreviousBodies(int maxDocs, long maxBytes, Duration maxAge) {
        if (maxDocs < 0 || maxBytes < 0 || maxAge.isNegative()) {
            throw Errors.invalid("previous-body bounds must not be negative");
        }
        return new DatabaseConfig(maxRevTreeDepth, clock, executor, durable, maxDocs, maxBytes, maxAge);
    }

    public int previousBodiesMaxDocs() {
        return previousBodiesMaxDocs;
    }

    public long previousBodiesMaxBytes() {
        return previousBodiesMaxBytes;
    }

    public Duration previousBodiesMaxAge() {
        return previousBodiesMaxAge;
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
