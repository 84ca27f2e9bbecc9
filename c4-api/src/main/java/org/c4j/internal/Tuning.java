package org.c4j.internal;

/**
 * Tuning constants and limits of the database layer, each with the reason for its value.
 *
 * <p>Constants only; thread-safe.
 */
public final class Tuning {
    private Tuning() {
    }

    /**
     * Largest encoded document body accepted: 20 MiB, Couchbase Server's document size limit, which Sync Gateway
     * enforces; a bigger body could never replicate.
     */
    public static final int MAX_BODY_BYTES = 20 * 1024 * 1024;

    /** Deepest nesting of arrays/objects in a body: Jackson's default JSON nesting limit, so Java values and JSON
     *  text have the same limit. */
    public static final int MAX_BODY_NESTING = 1000;

    /**
     * Limits of JSON text a body is parsed from: Jackson 2.18's {@code StreamReadConstraints} defaults, which the
     * Jackson-based converter enforced, so the UTF-8 parser that replaced it accepts exactly the same texts. A
     * number has at most 1,000 digits (integer part, or integer + fraction + exponent digits of a decimal).
     */
    public static final int JSON_MAX_NUMBER_DIGITS = 1000;

    /** Longest property name in JSON text: 50,000 (UTF-8 bytes for byte input, UTF-16 chars for a String). */
    public static final int JSON_MAX_NAME_LENGTH = 50_000;

    /** Longest string value in JSON text: 20,000,000 UTF-16 chars. */
    public static final int JSON_MAX_STRING_LENGTH = 20_000_000;

    /**
     * Largest scratch buffer a thread keeps between body encodings (its JSON-to-MessagePack writer and canonical
     * re-encoder for revision IDs): 64 KiB holds typical documents, so the save path allocates only the stored
     * body, while one huge body doesn't pin megabytes per thread.
     */
    public static final int BODY_SCRATCH_RETAIN_BYTES = 64 * 1024;

    /** Longest document ID in UTF-8 bytes: LiteCore's {@code kMaxDocIDLength}. */
    public static final int MAX_DOC_ID_BYTES = 240;

    /**
     * Default depth revision trees are pruned to: LiteCore 3.0's {@code kDefaultMaxRevTreeDepth} (20; later
     * LiteCore versions use 50). Deep enough for the replicator to find common ancestors, shallow enough that
     * trees of busy documents stay small.
     */
    public static final int DEFAULT_MAX_REV_TREE_DEPTH = 20;

    /**
     * Previous bodies kept for delta sync (DatabaseConfig#withPreviousBodies): at most this many documents. A relay
     * listener's peers usually pull an edit within seconds; 10,000 recently edited documents cover bursts.
     */
    public static final int PREVIOUS_BODIES_MAX_DOCS = 10_000;
    /** ... and this many bytes of bodies (32 MiB: 10,000 bodies of ~3 KB). */
    public static final long PREVIOUS_BODIES_MAX_BYTES = 32L << 20;
    /** ... and this long: a peer that hasn't pulled within an hour gets the full body, as from LiteCore. */
    public static final java.time.Duration PREVIOUS_BODIES_MAX_AGE = java.time.Duration.ofHours(1);
    /** Bodies smaller than this are not kept: LiteCore never sends them as deltas ({@code kMinBodySizeForDelta}). */
    public static final int PREVIOUS_BODIES_MIN_SIZE = 200;

    /** Longest revID in binary form (generation varint + digest bytes): LiteCore's {@code revidBuffer} size. */
    public static final int MAX_REV_ID_BINARY_BYTES = 42;

    /** Default size of a changes-feed batch when the caller gives no limit: big enough to amortize a read
     *  transaction, small enough to keep the batch's heap footprint in the low megabytes. */
    public static final int DEFAULT_CHANGES_BATCH = 1000;

    /**
     * Threads that prepare documents for {@code Collection.saveAll} beside the writing thread (parse, revision ID,
     * revision tree): one per processor besides the writer's, at most 3. The writer prepares too whenever the next
     * document is not ready, so the helpers only shorten a batch; with one processor there are none. Above 3 the
     * single writer (LMDB takes one at a time) is the limit: storing is about a third of a save.
     */
    public static final int SAVE_HELPER_THREADS = Math.min(3, Runtime.getRuntime().availableProcessors() - 1);

    /**
     * Documents a {@code saveAll} preparer claims at a time: 32 (~80 µs of work for 1 KiB documents), so the
     * saver and a helper mostly work on different chunks (one contended claim per chunk, not per document), and
     * the saver starts storing after a chunk instead of a whole batch.
     */
    public static final int SAVE_CHUNK_DOCS = 32;

    /**
     * How long a {@code saveAll} saver with nothing else to prepare waits for a document a helper holds before
     * taking over (the chunk's unclaimed documents, or preparing that one again): 20 µs is several documents'
     * preparing (~3 µs for 1 KiB), so a running helper is not duplicated, and short against the milliseconds of a
     * time slice a descheduled helper may lose on a busy machine. A body bigger than ~5 KiB may then be
     * prepared twice (pure work, the same result); the saver never waits longer.
     */
    public static final long SAVE_STEAL_NANOS = 20_000;
}
