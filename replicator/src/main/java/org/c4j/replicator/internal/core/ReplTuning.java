package org.c4j.replicator.internal.core;

import java.time.Duration;

import org.c4j.replicator.internal.pull.IncomingRev;
import org.c4j.replicator.internal.pull.RevFinder;
import org.c4j.replicator.internal.push.Pusher;

/**
 * Tuning constants of the replicator, LiteCore 3.0's values ({@code Replicator/ReplicatorTuning.hh} unless noted).
 * LiteCore's author calls them "black magic": they were tuned together against both LiteCore and Sync Gateway
 * peers, so we start from exactly the same numbers and change one only with a benchmark that shows why.
 *
 * <p>Constants only; thread-safe.
 */
public final class ReplTuning {
    private ReplTuning() {
    }

    // ---- Puller / Inserter ----

    /** {@code batch} we ask the peer for in subChanges: large enough to amortize a message round trip, small enough
     *  that one reply's ancestor lookup stays quick ({@code kChangesBatchSize}). */
    public static final int CHANGES_BATCH_SIZE = 200;

    /** Revisions requested in changes replies but not yet received; past it the puller stops answering
     *  {@code changes}, which throttles the peer without a protocol message ({@code kMaxRevsBeingRequested}). */
    public static final int MAX_REVS_BEING_REQUESTED = 200;

    /** Incoming revisions being handled at once (parsing, blob download, insertion) ({@code kMaxIncomingRevs}). */
    public static final int MAX_INCOMING_REVS = 200;

    /** Incoming revisions not yet inserted, which hold their bodies in memory ({@code kMaxActiveIncomingRevs}). */
    public static final int MAX_ACTIVE_INCOMING_REVS = 100;

    /** Bodies above this are parsed off the puller's thread so big documents don't stall small ones
     *  ({@code kMaxImmediateParseSize} in IncomingRev.cc). */
    public static final int MAX_IMMEDIATE_PARSE_SIZE = 32 * 1024;

    /**
     * Revisions a passive lane remembers having inserted, so its pusher doesn't offer them back to the peer that
     * sent them ({@link OwnInserts}): a few times the revisions one connection has in flight
     * ({@link #MAX_REVS_AWAITING_REPLY}); forgetting one only costs a redundant {@code changes} entry.
     */
    public static final int MAX_OWN_INSERTS = 4096;

    // ---- Pusher ----

    /** changes/proposeChanges go out urgent so the peer's requests for revisions keep coming while big revs
     *  are being sent ({@code kChangeMessagesAreUrgent}). */
    public static final boolean CHANGE_MESSAGES_ARE_URGENT = true;

    /** changes/proposeChanges messages awaiting replies while catching up; once caught up only one
     *  ({@code kMaxChangeListsInFlight}; Pusher.cc {@code _maybeGetMoreChanges}). */
    public static final int MAX_CHANGE_LISTS_IN_FLIGHT = 5;

    /** Revisions accepted by the peer but not yet sent; past it the pusher stops reading the changes feed
     *  ({@code kMaxRevsQueued}). */
    public static final int MAX_REVS_QUEUED = 600;

    /** {@code rev} messages being transmitted at once ({@code kMaxRevsInFlight}). */
    public static final int MAX_REVS_IN_FLIGHT = 10;

    /** Bytes of sent revisions whose replies haven't arrived; bounds how much JSON the peer must buffer before it
     *  commits ({@code kMaxRevBytesAwaitingReply}). */
    public static final long MAX_REV_BYTES_AWAITING_REPLY = 2L * 1024 * 1024;

    /**
     * Remote markers (which revision the peer acknowledged) collected before they are committed while the pusher
     * is busy; an idle or stopping pusher commits what it has at once. Each durable commit costs two disk syncs,
     * which per reply made them ~6% of a push's CPU; a lost marker (crash) only costs one redundant proposal.
     */
    public static final int REMOTE_MARKS_BATCH = 500;

    /**
     * Body bytes of the documents an active pusher keeps as the changes feed read them, for the {@code rev}
     * messages (which then only check that the document is unchanged instead of reading it again): about the
     * read-ahead of {@link #MAX_CHANGE_LISTS_IN_FLIGHT} lists plus {@link #MAX_REVS_QUEUED} of 1 KiB documents.
     */
    public static final long MAX_SNAPSHOT_BYTES = 4L * 1024 * 1024;

    /** Changes read from the database per changes/proposeChanges message ({@code kDefaultChangeBatchSize}; a
     *  LiteCore 3.0 passive pusher uses it regardless of the peer's {@code batch}). */
    public static final int DEFAULT_CHANGE_BATCH_SIZE = 200;

    /** History length sent when the changes reply has no {@code maxHistory} ({@code kDefaultMaxHistory}); also the
     *  {@code maxHistory} LiteCore's receiver announces (RevFinder.cc). */
    public static final int DEFAULT_MAX_HISTORY = 20;

    /**
     * Most revisions of history sent with a {@code rev}, whatever {@code maxHistory} the peer asks for (0, "all",
     * included), gap fillers counted: Sync Gateway's default {@code revs_limit}. A peer asking for 2^31 cannot make
     * us build (or invent filler IDs for) a history larger than this.
     */
    public static final int MAX_HISTORY_SENT = 1000;

    /**
     * Most ancestors accepted in a received {@code rev}'s {@code history}; more is refused (HTTP 400). Twice
     * {@link #MAX_HISTORY_SENT}, so any peer that honours a revs limit passes.
     */
    public static final int MAX_HISTORY_RECEIVED = 2 * MAX_HISTORY_SENT;

    /**
     * Highest generation accepted in a received revision (HTTP 400 beyond). The database's limit is 2^32 - 1; a
     * peer grafting a revision near it would leave the document impossible to update. Half of it leaves two
     * billion updates of headroom; no real document gets near it.
     */
    public static final long MAX_GENERATION_RECEIVED = 0x7FFF_FFFFL;

    /**
     * Largest {@code setCheckpoint} body a passive side stores (bigger: HTTP 413). LiteCore's bodies are about 100
     * bytes ({@code {"time":..,"local":N,"remote":M}}), a Sync Gateway sequence a few dozen more; 64 KiB is ample.
     */
    public static final int MAX_PEER_CHECKPOINT_BODY = 64 * 1024;

    /** Longest checkpoint {@code client} ID accepted (longer: HTTP 400). LiteCore's are 28-character base64 digests. */
    public static final int MAX_PEER_CHECKPOINT_ID = 256;

    /**
     * Most peer checkpoints a database keeps for distinct client IDs; a new client beyond gets HTTP 507 (existing
     * ones still update theirs). One per client replicator; 10,000 bounds what a client-ID flood can store (at most
     * {@link #MAX_PEER_CHECKPOINT_BODY} each) far above any real deployment's clients.
     */
    public static final int MAX_PEER_CHECKPOINTS = 10_000;

    /**
     * Blob files one connection's {@code getAttachment} replies hold open at once; further requests wait their
     * turn. A reply streams its file as the peer takes the frames, so a peer asking for thousands of blobs at once
     * would otherwise hold thousands of descriptors.
     */
    public static final int MAX_OPEN_BLOB_STREAMS = 8;

    /** {@code getAttachment} requests one connection may have waiting for a stream; more get HTTP 503. */
    public static final int MAX_PENDING_BLOB_REQUESTS = 256;

    /**
     * Most bytes stored from a {@code getAttachment} reply for a blob whose reference declares no {@code length}
     * (Couchbase Lite always declares it; a declared length is the bound otherwise). Bytes beyond the bound are
     * discarded and the download fails, so a peer cannot fill the disk with a reply that never matches its digest.
     */
    public static final long MAX_UNDECLARED_BLOB_BYTES = 64L << 20;

    /**
     * How long closing a database waits for each of its replicators to stop (close handshake, last checkpoint);
     * LiteCore's close timeout (5 s) plus room for the final checkpoint save.
     */
    public static final java.time.Duration CLOSE_STOP_WAIT = java.time.Duration.ofSeconds(10);

    /** Smallest body worth delta-encoding; smaller ones gain nothing ({@code kMinBodySizeForDelta}). */
    public static final int MIN_BODY_SIZE_FOR_DELTA = 200;

    /** Most ancestors a changes reply lists per entry ({@code kMaxPossibleAncestors} in RevFinder.hh). */
    public static final int MAX_POSSIBLE_ANCESTORS = 10;

    // ---- Replicator ----

    /** Checkpoints are saved this long after the first unsaved progress (option {@code checkpointInterval}
     *  overrides it), and at once when a direction goes idle or stops ({@code kDefaultCheckpointSaveDelay}). */
    public static final Duration CHECKPOINT_SAVE_DELAY = Duration.ofSeconds(5);

    /** Shortest interval between batches of per-document events, to coalesce them ({@code kMinDocEndedInterval}). */
    public static final Duration MIN_DOC_ENDED_INTERVAL = Duration.ofMillis(200);

    /** Shortest interval between status callbacks when only progress changed ({@code kMinDelegateCallInterval}). */
    public static final Duration MIN_STATUS_INTERVAL = Duration.ofMillis(200);

    // ---- Retry (c4RemoteReplicator.hh) ----

    /** Failed retries a one-shot replicator makes before giving up ({@code kMaxOneShotRetryCount}). */
    public static final int MAX_ONE_SHOT_RETRIES = 9;

    /**
     * Renewals a {@code CredentialsProvider} may give in a row after 401s without a connection succeeding in between:
     * a provider that keeps handing out refused credentials must not make the replicator hammer the server.
     */
    public static final int MAX_AUTH_RENEWALS = 3;

    /** Continuous replicators retry forever ({@code kMaxContinuousRetryCount} = UINT_MAX). */
    public static final int MAX_CONTINUOUS_RETRIES = Integer.MAX_VALUE;

    /** Cap of the doubling retry delay ({@code kDefaultMaxRetryDelay}, 5 minutes). */
    public static final Duration MAX_RETRY_INTERVAL = Duration.ofMinutes(5);

    /**
     * Most {@code rev} messages awaiting their reply. LiteCore bounds the revs still being transmitted
     * ({@link #MAX_REVS_IN_FLIGHT}) and the bytes awaiting a reply; our BLIP connection reports replies but
     * not the end of transmission, so the count bound applies until the reply, set to what a LiteCore receiver
     * handles at once ({@link #MAX_INCOMING_REVS}): more would only queue there, fewer would leave its
     * insertion batches (which it replies after) half empty.
     */
    public static final int MAX_REVS_AWAITING_REPLY = MAX_INCOMING_REVS;
}
