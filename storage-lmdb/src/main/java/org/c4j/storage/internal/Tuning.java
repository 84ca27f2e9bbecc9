package org.c4j.storage.internal;

/** Tuning constants of the LMDB store, each with its reason. */
public final class Tuning {
    private Tuning() {
    }

    /**
     * Default initial map size: 1 GiB. On Linux and macOS the map is only reserved address space (the file grows
     * with the data), so a generous start makes map growth, which must wait for readers, rare.
     */
    public static final long DEFAULT_INITIAL_MAP_SIZE = 1L << 30;

    /** Map sizes are rounded up to this (1 MiB): a multiple of every OS page size. */
    public static final long MAP_SIZE_ALIGNMENT = 1L << 20;

    /**
     * When a write transaction starts and more than this fraction of the map is in use, the map is doubled
     * right away if no reader is open (cheap then), so that "map full" inside a transaction stays rare.
     */
    public static final double PROACTIVE_GROWTH_THRESHOLD = 0.75;

    /** Default LMDB reader slots: one per open read transaction; 126 (LMDB's default) is tight for servers. */
    public static final int DEFAULT_MAX_READERS = 510;

    /**
     * Default time a write transaction that hit "map full" waits for open read transactions to close before
     * the map can be resized; past it the transaction fails with BUSY.
     */
    public static final long DEFAULT_RESIZE_TIMEOUT_MILLIS = 30_000;

    /**
     * Default cap on the bytes a write transaction keeps referenced for replay after a map resize; a larger
     * transaction that hits "map full" is aborted with BUSY (the map has grown by then, so a retry fits).
     */
    public static final long DEFAULT_REPLAY_LIMIT_BYTES = 256L << 20;

    /**
     * Longest a new reader waits for a pending resize: short, so that a thread opening a second read transaction
     * while holding a first cannot deadlock with a resize that waits for that first one.
     */
    public static final long READER_MAX_WAIT_NANOS = 50_000_000L;

    /** Named LMDB databases used per environment (info, stores, records, sequences, expiry). */
    public static final int MAX_DBS = 5;
}
