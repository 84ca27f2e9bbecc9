package org.c4j.replicator.internal.access;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.c4j.Body;
import org.c4j.CollectionSpec;
import org.c4j.Document;
import org.c4j.replicator.ReplicationFilter;
import org.c4j.replicator.SyncFunction;
import org.c4j.replicator.SyncResult;
import org.c4j.replicator.internal.db.DbAccess;
import org.c4j.socket.Principal;

/**
 * One connection's access decisions: who the peer is ({@link Principal}) and the database's {@link AccessState}. The
 * passive pusher asks it which revisions and blobs the peer may read, the passive puller whether a pushed revision is
 * accepted (and records the verdict with the revision).
 *
 * <p>Immutable apart from the shared state; thread-safe.
 */
public final class AccessGate {
    private final AccessState state;
    private final Principal principal;
    private volatile String clientId;

    public AccessGate(AccessState state, Principal principal) {
        this.state = Objects.requireNonNull(state, "state");
        this.principal = Objects.requireNonNull(principal, "principal");
    }

    /** The peer's checkpoint client ID (from its getCheckpoint), naming it among the user's clients. */
    public void checkpointClient(String clientId) {
        if (clientId != null && !clientId.isEmpty() && clientId.length() <= 256) {
            this.clientId = clientId;
        }
    }

    /** The key of this peer's access record: the user (or GUEST) and, if known, its checkpoint client ID. */
    String peerKey() {
        String who = principal.isAnonymous() ? org.c4j.replicator.AccessGrant.GUEST : principal.name();
        String c = clientId;
        return c == null ? who : who + ":" + c;
    }

    public Principal principal() {
        return principal;
    }

    /** Every channel the peer may read now. */
    public Set<String> readable() {
        return state.channelsOf(principal);
    }

    /**
     * The access of one pull (a {@code subChanges}): what may be offered, what was removed or revoked.
     *
     * @param requested   the channels the peer asked for (narrowing only), or null
     * @param revocations the peer asked to be told of lost access ({@code revocations: true})
     */
    public PullAccess pull(DbAccess coll, List<String> requested, ReplicationFilter base, boolean revocations) {
        state.catchUp();
        return new PullAccess(state, principal, peerKey(), coll, narrowing(requested), base, revocations);
    }

    /**
     * Without access control: the peer's {@code sync_gateway/bychannel} channels narrow a pull by the default sync
     * function's channels of each revision (the body's {@code channels}); null if no channels were asked for.
     */
    public static ReplicationFilter byChannelOnly(List<String> requested, ReplicationFilter base) {
        Set<String> wanted = narrowing(requested);
        if (wanted == null) {
            return base;
        }
        return (spec, docId, revId, deleted, body) ->
                AccessState.canRead(wanted, SyncFunction.channelsProperty(body.toMap().get(
                        SyncFunction.CHANNELS_PROPERTY)))
                        && (base == null || base.test(spec, docId, revId, deleted, body));
    }

    private static Set<String> narrowing(List<String> requested) {
        if (requested == null || requested.isEmpty() || requested.contains(Principal.ALL_CHANNELS)) {
            return null;
        }
        return Set.copyOf(requested);
    }

    /** The sync function's verdict on a revision the peer pushes. */
    public SyncResult admit(DbAccess coll, String docId, Body body, boolean deleted) {
        return state.evaluate(coll, docId, body, deleted, principal);
    }

    /** Records an admitted revision's verdict, inside the transaction that inserted it. */
    public void stored(CollectionSpec spec, Document doc, String insertedRevId, SyncResult verdict) {
        state.stored(spec, doc, insertedRevId, verdict);
    }

    /**
     * True if the peer may fetch the blob {@code digest} named by document {@code docId}: the document is readable
     * and its current revision references that blob.
     */
    public boolean blobReadable(DbAccess coll, String docId, String digest) {
        if (docId == null || digest == null) {
            return false;
        }
        Document doc = coll.get(docId);
        if (doc == null || !AccessState.canRead(readable(), state.channels(coll, docId, doc.revId()))) {
            return false;
        }
        return references(doc.body().toMap(), digest);
    }

    private static boolean references(Object value, String digest) {
        if (value instanceof Map<?, ?> dict) {
            if (digest.equals(dict.get(DbAccess.DIGEST_PROPERTY))) {
                return true;
            }
            for (Object v : dict.values()) {
                if (references(v, digest)) {
                    return true;
                }
            }
        } else if (value instanceof List<?> list) {
            for (Object v : list) {
                if (references(v, digest)) {
                    return true;
                }
            }
        }
        return false;
    }
}
