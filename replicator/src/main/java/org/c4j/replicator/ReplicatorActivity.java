package org.c4j.replicator;

/**
 * What a replicator is doing, after LiteCore's {@code C4ReplicatorActivityLevel} (the order matters: a more active
 * level compares greater).
 */
public enum ReplicatorActivity {
    /** Not running: never started, stopped by the application, finished (one-shot), or failed for good. */
    STOPPED,
    /** Waiting to retry after a transient or network error. */
    OFFLINE,
    /** Opening the connection. */
    CONNECTING,
    /** Connected and caught up; a continuous replicator waits for new changes. */
    IDLE,
    /** Transferring documents or saving the checkpoint. */
    BUSY
}
