package org.c4j.replicator.internal.checkpoint;

/**
 * Tracks which sequences are safely replicated so the checkpoint can move forward: the push side in local
 * sequences, the pull side in the peer's sequences (raw JSON values: numbers from LiteCore, strings or arrays from
 * Sync Gateway) in the order the peer sent them. The checkpoint only moves past a sequence once every earlier one
 * is completed.
 *
 * <p>Thread-safe: called from the pusher's and puller's executors.
 */
public interface Checkpointer {
    /** The pusher read this local sequence from the changes feed. */
    void pushPending(long localSeq);

    /** The peer acknowledged the revision at this sequence, or it was skipped (filtered, already there, failed permanently). */
    void pushCompleted(long localSeq);

    /** The puller received this remote sequence in a {@code changes}/{@code proposeChanges} entry. */
    void pullPending(Object remoteSeq);

    /** The revision for this remote sequence is durably inserted, or was not wanted. */
    void pullCompleted(Object remoteSeq);
}
