package org.c4j.replicator.internal.core;

/**
 * A worker's report to its replicator: activity and progress in documents. Immutable.
 *
 * @param activity  IDLE when caught up (or waiting in continuous mode), BUSY while working, STOPPED when done
 * @param completed documents finished so far
 * @param total     documents known so far (grows as the changes feed is read)
 */
public record WorkerStatus(Activity activity, long completed, long total) {
}
