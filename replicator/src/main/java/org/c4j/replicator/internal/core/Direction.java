package org.c4j.replicator.internal.core;

/** Which way revisions flow: PUSH sends local revisions to the peer, PULL receives the peer's. */
public enum Direction {
    PUSH,
    PULL
}
