package org.c4j.replicator.internal.core;

/** A worker's or replicator's activity level, after LiteCore's {@code C4ReplicatorActivityLevel}. */
public enum Activity {
    STOPPED,
    OFFLINE,
    CONNECTING,
    IDLE,
    BUSY
}
