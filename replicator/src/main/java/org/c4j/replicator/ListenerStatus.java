package org.c4j.replicator;

/**
 * A {@link Listener}'s connections at one moment. Immutable.
 *
 * @param connectionCount       connections being served
 * @param activeConnectionCount those whose replication is busy transferring documents
 */
public record ListenerStatus(int connectionCount, int activeConnectionCount) {
}
