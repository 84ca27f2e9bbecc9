package org.c4j.storage;

import java.time.Duration;
import java.util.Objects;
import org.c4j.socket.C4Exception;
import org.c4j.socket.ErrorCodes.LiteCore;
import org.c4j.socket.ErrorDomain;
import org.c4j.storage.internal.Tuning;

/**
 * Options for {@link LmdbStore#open(java.nio.file.Path, StoreOptions)}. Immutable; thread-safe; the
 * {@code with...} methods return copies. When a directory is already open in this process, the options of the
 * first open win.
 */
public final class StoreOptions {
    private static final StoreOptions DEFAULTS = new StoreOptions(Tuning.DEFAULT_INITIAL_MAP_SIZE,
            Tuning.DEFAULT_MAX_READERS, true, Duration.ofMillis(Tuning.DEFAULT_RESIZE_TIMEOUT_MILLIS),
            Tuning.DEFAULT_REPLAY_LIMIT_BYTES);

    private final long initialMapSize;
    private final int maxReaders;
    private final boolean durable;
    private final Duration resizeTimeout;
    private final long replayLimitBytes;

    private StoreOptions(long initialMapSize, int maxReaders, boolean durable, Duration resizeTimeout,
                         long replayLimitBytes) {
        this.initialMapSize = initialMapSize;
        this.maxReaders = maxReaders;
        this.durable = durable;
        this.resizeTimeout = resizeTimeout;
        this.replayLimitBytes = replayLimitBytes;
    }

    /** Durable commits, a 1 GiB initial map (grown on demand), 510 reader slots. */
    public static StoreOptions defaults() {
        return DEFAULTS;
    }

    /** Initial size of the memory map in bytes (at least 64 KiB); the map grows on demand beyond it. */
    public StoreOptions withInitialMapSize(long bytes) {
        require(bytes >= 64 * 1024, "initial map size below 64 KiB");
        return new StoreOptions(bytes, maxReaders, durable, resizeTimeout, replayLimitBytes);
    }

    /** Most read transactions open at once. */
    public StoreOptions withMaxReaders(int readers) {
        require(readers > 0, "maxReaders must be positive");
        return new StoreOptions(initialMapSize, readers, durable, resizeTimeout, replayLimitBytes);
    }

    /**
     * True (default): a commit returns only after the data is on disk, so power loss loses nothing committed.
     * False: commits skip fsync; a crash of the process still loses nothing, an OS crash may lose recent commits.
     */
    public StoreOptions withDurable(boolean durableCommits) {
        return new StoreOptions(initialMapSize, maxReaders, durableCommits, resizeTimeout, replayLimitBytes);
    }

    /** How long a writer that needs a bigger map waits for open read transactions to close. */
    public StoreOptions withResizeTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        require(!timeout.isNegative(), "negative resize timeout");
        return new StoreOptions(initialMapSize, maxReaders, durable, timeout, replayLimitBytes);
    }

    /**
     * Most bytes (keys, versions, bodies, extras) a write transaction keeps referenced so that it can be replayed
     * transparently after the map grows. A bigger transaction that fills the map fails with BUSY (the map has
     * grown by then, so retrying it fits).
     */
    public StoreOptions withReplayLimitBytes(long bytes) {
        require(bytes >= 0, "negative replay limit");
        return new StoreOptions(initialMapSize, maxReaders, durable, resizeTimeout, bytes);
    }

    public long initialMapSize() {
        return initialMapSize;
    }

    public int maxReaders() {
        return maxReaders;
    }

    public boolean durable() {
        return durable;
    }

    public Duration resizeTimeout() {
        return resizeTimeout;
    }

    public long replayLimitBytes() {
        return replayLimitBytes;
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new C4Exception(ErrorDomain.LITECORE, LiteCore.INVALID_PARAMETER, message);
        }
    }
}
