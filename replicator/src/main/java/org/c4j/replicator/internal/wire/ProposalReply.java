package org.c4j.replicator.internal.wire;

/**
 * The receiver's answer to one {@code proposeChanges} entry: 0 send it, 304 already have it, 409 conflict (with
 * the receiver's current revision when the request had {@code conflictIncludesRev}), or another HTTP-like status.
 *
 * @param currentRevId the receiver's current revision, only with a 409; may be null
 *
 * <p>Immutable; thread-safe.
 */
public record ProposalReply(int status, String currentRevId) {
    /** Send it. Also what an omitted trailing entry means. */
    public static final ProposalReply OK = new ProposalReply(ReplWire.STATUS_OK, null);
    /** The receiver already has this revision. */
    public static final ProposalReply ALREADY_HAVE = new ProposalReply(ReplWire.STATUS_NOT_MODIFIED, null);

    public ProposalReply {
        if (currentRevId != null && status != ReplWire.STATUS_CONFLICT) {
            throw new IllegalArgumentException("only a 409 carries the current revision");
        }
    }

    /** A conflict; {@code currentRevId} may be null. */
    public static ProposalReply conflict(String currentRevId) {
        return new ProposalReply(ReplWire.STATUS_CONFLICT, currentRevId);
    }

    public static ProposalReply status(int status) {
        return status == 0 ? OK : new ProposalReply(status, null);
    }

    public boolean isAccepted() {
        return status == ReplWire.STATUS_OK;
    }
}
