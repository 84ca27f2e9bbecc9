package org.c4j.replicator.internal.wire;

import java.util.List;
import java.util.Map;

import org.c4j.replicator.internal.core.Direction;
import org.c4j.socket.C4Exception;
import org.c4j.socket.ErrorCodes;
import org.c4j.socket.ErrorDomain;

/**
 * Wire constants of the Couchbase Mobile replication protocol 3 (rev trees) as LiteCore 3.0 speaks it: message
 * profiles, property names and fixed values, and the statuses the protocol uses. Each constant says why it is what
 * it is; {@code docs/replication-protocol.md} names the LiteCore source of every fact. Also the error replies LiteCore
 * gives, the one mapping between c4j errors and BLIP error replies, and the two BLIP property parsers with
 * LiteCore's exact leniency.
 *
 * <p>Constants and pure functions only; thread-safe.
 */
public final class ReplWire {
    private ReplWire() {
    }

    // ---- Connection ----

    /** WebSocket subprotocols a client offers, preferred first (LiteCore {@code kCompatProtocols}). */
    public static final List<String> PROTOCOLS = List.of("BLIP_3+CBMobile_3", "BLIP_3+CBMobile_2");
    /** Appended to {@code /<db>} to form the replication endpoint path. */
    public static final String BLIPSYNC_PATH = "/_blipsync";

    // ---- Profiles ----

    /** Fetch the peer's copy of a checkpoint ({@code client}); 404 if it has none. */
    public static final String GET_CHECKPOINT = "getCheckpoint";
    /** Store a checkpoint on the peer, guarded by the previous checkpoint {@code rev}. */
    public static final String SET_CHECKPOINT = "setCheckpoint";
    /** 3.1+: first message of a collection-aware connection; fetches one checkpoint per collection. */
    public static final String GET_COLLECTIONS = "getCollections";
    /** The puller asks the peer to start sending {@code changes}. */
    public static final String SUB_CHANGES = "subChanges";
    /** A batch of {@code [seq, docID, revID, deleted?, size?]}; the reply says which revisions to send. */
    public static final String CHANGES = "changes";
    /** Conflict-free push: {@code [docID, revID, parentRevID?, size?]}; the reply accepts or rejects each. */
    public static final String PROPOSE_CHANGES = "proposeChanges";
    /** One revision with its body. */
    public static final String REV = "rev";
    /** Stands in for a promised {@code rev} the sender could not read. */
    public static final String NOREV = "norev";
    /** Asks for a blob's bytes by digest. */
    public static final String GET_ATTACHMENT = "getAttachment";
    /** Asks the pusher to prove it has a blob (SHA-1 over a nonce and the data). */
    public static final String PROVE_ATTACHMENT = "proveAttachment";

    // ---- Properties ----

    /** BLIP's request-type property. */
    public static final String PROFILE = "Profile";
    /** 3.1+: index into the {@code getCollections} list; omitted in legacy (default collection only) mode. */
    public static final String COLLECTION = "collection";
    /** Checkpoint ID in get/setCheckpoint. */
    public static final String CLIENT = "client";
    /** Checkpoint MVCC revision (setCheckpoint request and both replies); also a rev's revision ID. */
    public static final String REV_ID = "rev";
    /** JSON-encoded remote sequence to continue after. */
    public static final String SINCE = "since";
    public static final String CONTINUOUS = "continuous";
    /** Most changes per {@code changes} message the puller wants. */
    public static final String BATCH = "batch";
    /** Document versioning; LiteCore refuses a mismatch with 501. */
    public static final String VERSIONING = "versioning";
    /** The puller wants no tombstones. */
    public static final String ACTIVE_ONLY = "activeOnly";
    /** Sync Gateway 3: tell the puller about revoked access (deleted-slot values 2..4). */
    public static final String REVOCATIONS = "revocations";
    public static final String FILTER = "filter";
    /** Comma-separated channel names, the parameter of {@link #FILTER_BY_CHANNEL}. */
    public static final String CHANNELS = "channels";
    /** proposeChanges: the receiver may answer a conflict with {@code {"status":409,"rev":current}}. */
    public static final String CONFLICT_INCLUDES_REV = "conflictIncludesRev";
    /** changes reply: longest {@code history} the receiver wants (LiteCore sends 20). */
    public static final String MAX_HISTORY = "maxHistory";
    /** changes reply: the receiver understands blob dicts (else the pusher sends legacy {@code _attachments}). */
    public static final String BLOBS = "blobs";
    /** changes reply: the receiver accepts delta bodies (LiteCore says so only in its first reply). */
    public static final String DELTAS = "deltas";
    /** rev/norev: document ID. */
    public static final String ID = "id";
    public static final String DELETED = "deleted";
    /** rev/norev: the sender's sequence, JSON-encoded. */
    public static final String SEQUENCE = "sequence";
    /** rev: ancestors of {@code rev}, newest first, comma-separated, the current revision excluded. */
    public static final String HISTORY = "history";
    /** rev: the receiver must reject it if it would create a conflict. */
    public static final String NO_CONFLICTS = "noconflicts";
    /** rev: the body is a JSON delta against this revision. */
    public static final String DELTA_SRC = "deltaSrc";
    /** norev (or a rev the sender failed to read): HTTP-like status. */
    public static final String ERROR = "error";
    /** norev: optional human-readable reason. */
    public static final String REASON = "reason";
    /** get/proveAttachment: {@code sha1-<base64>}. */
    public static final String DIGEST = "digest";
    /** getAttachment: the document the blob belongs to (lets a server check access). */
    public static final String DOC_ID = "docID";
    /** getAttachment: the reply body should be deflated (blob looks compressible). */
    public static final String COMPRESS = "compress";

    // ---- Values ----

    /** Literal LiteCore writes for boolean flags it sets with a string ({@code continuous}, {@code blobs}, ...). */
    public static final String TRUE = "true";
    /** What LiteCore's MessageBuilder writes for a C++ bool ({@code noconflicts}, {@code deleted}). */
    public static final String ONE = "1";
    /** {@link #VERSIONING} value for revision trees, the only scheme LiteCore 3.0 has. */
    public static final String VERSIONING_REV_TREES = "rev-trees";
    /** {@link #VERSIONING} value LiteCore 3.2+ uses for version vectors (refused: we speak rev trees). */
    public static final String VERSIONING_VECTORS = "version-vectors";
    /** The filter name Sync Gateway understands, with parameter {@link #CHANNELS}. */
    public static final String FILTER_BY_CHANNEL = "sync_gateway/bychannel";
    /** Peer checkpoint revisions are {@code <generation>-cc} (LiteCore {@code savePeerCheckpoint}). */
    public static final String CHECKPOINT_REV_SUFFIX = "-cc";
    /** getCollections body keys. */
    public static final String CHECKPOINT_IDS = "checkpoint_ids";
    public static final String COLLECTIONS = "collections";

    // ---- Error domains in BLIP error replies ----

    /** LiteCore's own error codes ({@code ErrorCodes.LiteCore}). */
    public static final String DOMAIN_LITECORE = "LiteCore";
    /** HTTP statuses; LiteCore maps it to and from its WebSocket domain (codes below 1000). */
    public static final String DOMAIN_HTTP = "HTTP";
    /** BLIP-level errors (malformed requests, no handler). */
    public static final String DOMAIN_BLIP = "BLIP";

    // ---- Statuses (in reply bodies, norev, and HTTP-domain errors) ----

    /** proposeChanges entry / changes entry: accepted, send the revision. */
    public static final int STATUS_OK = 0;
    /** proposeChanges entry: the receiver already has this revision. */
    public static final int STATUS_NOT_MODIFIED = 304;
    /** Malformed request (missing checkpoint ID, invalid JSON body, invalid docID/revID in a rev). */
    public static final int STATUS_BAD_REQUEST = 400;
    /** Direction not allowed (pull-only / push-only replicator), or a pull filter rejected a revision. */
    public static final int STATUS_FORBIDDEN = 403;
    /** No such checkpoint / document / handler. */
    public static final int STATUS_NOT_FOUND = 404;
    /** Conflict: proposed change not based on the current revision; checkpoint rev mismatch; must use proposeChanges. */
    public static final int STATUS_CONFLICT = 409;
    /** norev: the revision became obsolete before it could be sent. */
    public static final int STATUS_GONE = 410;
    /** A delta could not be applied; the sender retries with a full body. */
    public static final int STATUS_UNPROCESSABLE = 422;
    /** norev: the sender failed to read the revision. */
    public static final int STATUS_SERVER_ERROR = 500;
    /** LiteCore-domain 501: subChanges to an active pusher, or an unsupported {@code versioning}. */
    public static final int STATUS_NOT_IMPLEMENTED = 501;
    /** Reading a peer checkpoint failed; also the error a rev with {@code error} is finished with. */
    public static final int STATUS_BAD_GATEWAY = 502;

    // ---- Error replies LiteCore 3.0 gives (same domain, code and text) ----

    /** get/setCheckpoint without {@code client}. */
    public static final BlipError MISSING_CHECKPOINT_ID = blip(STATUS_BAD_REQUEST, "missing checkpoint ID");
    /** getCheckpoint for an ID never stored. */
    public static final BlipError NO_CHECKPOINT = http(STATUS_NOT_FOUND, "");
    /** setCheckpoint whose {@code rev} isn't the stored one. */
    public static final BlipError CHECKPOINT_REV_MISMATCH = http(STATUS_CONFLICT, "revision ID mismatch");
    /** {@code setCheckpoint} with a body over {@link org.c4j.replicator.internal.core.ReplTuning#MAX_PEER_CHECKPOINT_BODY}. */
    public static final BlipError CHECKPOINT_TOO_LARGE = http(413, "checkpoint body too large");
    /** {@code get/setCheckpoint} with a client ID over {@link org.c4j.replicator.internal.core.ReplTuning#MAX_PEER_CHECKPOINT_ID}. */
    public static final BlipError CHECKPOINT_ID_TOO_LONG = http(STATUS_BAD_REQUEST, "checkpoint ID too long");
    /** A new peer's {@code setCheckpoint} once the database holds {@link org.c4j.replicator.internal.core.ReplTuning#MAX_PEER_CHECKPOINTS}. */
    public static final BlipError TOO_MANY_CHECKPOINTS = http(507, "too many peer checkpoints");
    /** A {@code getAttachment} beyond {@link org.c4j.replicator.internal.core.ReplTuning#MAX_PENDING_BLOB_REQUESTS}. */
    public static final BlipError TOO_MANY_BLOB_REQUESTS = http(503, "too many attachment requests");
    /** Reading a stored checkpoint failed. */
    public static final BlipError CHECKPOINT_READ_FAILED = http(STATUS_BAD_GATEWAY, "");
    /** A request for a disabled direction when push is enabled (LiteCore picks the text by push alone). */
    public static final BlipError FORBIDDEN_PUSH_ENABLED =
            http(STATUS_FORBIDDEN, "Attempting to push to a pull-only replicator");
    /** A request for a disabled direction when push is disabled. */
    public static final BlipError FORBIDDEN_PUSH_DISABLED =
            http(STATUS_FORBIDDEN, "Attempting to pull from a push-only replicator");
    /** subChanges sent to a replicator that is pushing actively. */
    public static final BlipError SUBCHANGES_NOT_PASSIVE =
            new BlipError(DOMAIN_LITECORE, STATUS_NOT_IMPLEMENTED, "Not implemented.");
    /** subChanges with a {@code versioning} other than rev-trees. */
    public static final BlipError INCOMPATIBLE_VERSIONING =
            new BlipError(DOMAIN_LITECORE, STATUS_NOT_IMPLEMENTED, "Incompatible document versioning.");
    /** subChanges with a {@code filter}: LiteCore can't run named filters. */
    public static final BlipError FILTER_UNSUPPORTED =
            new BlipError(DOMAIN_LITECORE, ErrorCodes.LiteCore.UNSUPPORTED, "Filtering not supported");
    /** changes/proposeChanges body that isn't a JSON array. */
    public static final BlipError INVALID_CHANGES_BODY = blip(STATUS_BAD_REQUEST, "Invalid JSON body");
    /** {@code changes} to a passive side that requires {@code proposeChanges} (noIncomingConflicts). */
    public static final BlipError USE_PROPOSE_CHANGES = blip(STATUS_CONFLICT, "");
    /** A rev the pull filter rejected. */
    public static final BlipError REJECTED_BY_FILTER = http(STATUS_FORBIDDEN, "rejected by validation function");
    /** get/proveAttachment without a valid {@code digest}. */
    public static final BlipError INVALID_DIGEST =
            new BlipError(DOMAIN_LITECORE, ErrorCodes.LiteCore.INVALID_PARAMETER, "Missing or invalid 'digest'");
    /** get/proveAttachment for a blob we don't have. */
    public static final BlipError NO_SUCH_BLOB = new BlipError(DOMAIN_LITECORE, ErrorCodes.LiteCore.NOT_FOUND,
            "No such blob");
    /** proveAttachment with an empty or too long nonce. */
    public static final BlipError MISSING_NONCE = blip(STATUS_BAD_REQUEST, "Missing nonce");
    /** A request whose Profile has no handler. */
    public static final BlipError NO_HANDLER = blip(STATUS_NOT_FOUND, "no handler for message");

    // ---- Error mapping, as LiteCore's Worker::c4ToBLIPError / blipToC4Error ----

    private static final Map<ErrorDomain, String> DOMAIN_NAMES = Map.of(
            ErrorDomain.LITECORE, DOMAIN_LITECORE, ErrorDomain.POSIX, "POSIX", ErrorDomain.FLEECE, "Fleece",
            ErrorDomain.NETWORK, "Network", ErrorDomain.WEBSOCKET, "WebSocket", ErrorDomain.BLIP, DOMAIN_BLIP);

    /**
     * The error reply for a c4j error: the domain goes by name; WebSocket codes below 1000 are HTTP statuses and go
     * as {@code HTTP}; LiteCore's delta errors (DELTA_BASE_UNKNOWN, CORRUPT_DELTA) go as HTTP 422, which makes the
     * sender retry without a delta.
     */
    public static BlipError toBlipError(C4Exception e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        if (e.domain() == ErrorDomain.LITECORE && (e.code() == ErrorCodes.LiteCore.DELTA_BASE_UNKNOWN
                || e.code() == ErrorCodes.LiteCore.CORRUPT_DELTA)) {
            return http(STATUS_UNPROCESSABLE, message);
        }
        if (e.domain() == ErrorDomain.WEBSOCKET && e.code() < 1000) {
            return http(e.code(), message);
        }
        return new BlipError(DOMAIN_NAMES.get(e.domain()), e.code(), message);
    }

    /**
     * The c4j error for a received error reply: {@code HTTP} is the WebSocket domain; a domain name c4j knows is that
     * domain; anything else, including {@code BLIP}, is LiteCore REMOTE_ERROR (the peer's failure), message kept.
     */
    public static C4Exception fromBlipError(String domain, int code, String message) {
        String msg = message == null ? "" : message;
        if (DOMAIN_HTTP.equals(domain)) {
            return new C4Exception(ErrorDomain.WEBSOCKET, code, msg);
        }
        for (Map.Entry<ErrorDomain, String> n : DOMAIN_NAMES.entrySet()) {
            if (n.getKey() != ErrorDomain.BLIP && n.getValue().equals(domain) && code != 0) {
                return new C4Exception(n.getKey(), code, msg);
            }
        }
        return new C4Exception(ErrorDomain.LITECORE, ErrorCodes.LiteCore.REMOTE_ERROR,
                domain + " error " + code + (msg.isEmpty() ? "" : ": " + msg));
    }

    private static BlipError http(int status, String message) {
        return new BlipError(DOMAIN_HTTP, status, message);
    }

    private static BlipError blip(int status, String message) {
        return new BlipError(DOMAIN_BLIP, status, message);
    }

    // ---- Property parsing, as LiteCore's BLIP MessageIn does it ----

    /**
     * LiteCore's {@code boolProperty}: "true"/"yes" (any case) are true, "false"/"no" false, otherwise a whole-string
     * integer is true when non-zero; anything else (including absent) is {@code defaultValue}.
     */
    public static boolean parseBool(String value, boolean defaultValue) {
        if (value == null) {
            return defaultValue;
        }
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("yes")) {
            return true;
        }
        if (value.equalsIgnoreCase("false") || value.equalsIgnoreCase("no")) {
            return false;
        }
        return parseLong(value, defaultValue ? 1 : 0) != 0;
    }

    /**
     * LiteCore's {@code intProperty} ({@code strtol} base 10 over the whole string: optional leading whitespace and
     * sign, saturating at the long range); absent, empty or partly numeric values give {@code defaultValue}.
     */
    public static long parseLong(String value, long defaultValue) {
        if (value == null) {
            return defaultValue;
        }
        String s = value.stripLeading();
        int digits = s.startsWith("+") || s.startsWith("-") ? 1 : 0;
        if (digits == s.length()) {
            return defaultValue;
        }
        for (int i = digits; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return defaultValue;
            }
        }
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException tooBig) {
            return s.startsWith("-") ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    /** The first value of an HTTP header, looked up case-insensitively; null if absent. */
    public static String header(Map<String, List<String>> headers, String name) {
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (e.getKey() != null && e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                return e.getValue().get(0);
            }
        }
        return null;
    }

    /** The C4 error an error reply carries (see {@link #fromBlipError}). */
    public static C4Exception errorOf(org.c4j.blip.IncomingMessage reply) {
        return fromBlipError(reply.errorDomain(), reply.errorCode(), reply.errorMessage());
    }
}
