package org.c4j.replicator.internal.core;

import java.util.concurrent.Executor;

import org.c4j.blip.BlipConnection;
import org.c4j.replicator.internal.checkpoint.Checkpointer;
import org.c4j.replicator.internal.db.DbAccess;
import org.c4j.replicator.internal.pull.Puller;
import org.c4j.replicator.internal.push.Pusher;
import org.c4j.socket.C4Exception;
import org.c4j.socket.OptionsDict;

/**
 * What a {@code Pusher} or {@code Puller} needs from the replicator that owns it: one collection of one database,
 * one BLIP connection, the options and the callbacks. Implemented by the replicator core.
 *
 * <p>Thread-safe.
 */
public interface ReplContext {
    /** The database, through the collection this worker serves (legacy mode: the default collection). */
    DbAccess db();

    /** Index of the collection in the {@code getCollections} list; -1 in legacy mode (omit the property). */
    int collectionIndex();

    BlipConnection connection();

    /** The replicator options: docIDs, channels, filter, skipDeleted, noIncomingConflicts, ... */
    OptionsDict options();

    /** The database's short ID for the peer, for remote-revision tracking ({@code Database.remoteId}). */
    int remoteId();

    ReplicationHooks hooks();

    /** Passive side with access control: the peer's access decisions; null when everything is allowed. */
    default org.c4j.replicator.internal.access.AccessGate access() {
        return null;
    }

    Checkpointer checkpointer();

    /** A passive push-and-pull lane: the revisions its puller inserted, which its pusher doesn't echo; else null. */
    default OwnInserts ownInserts() {
        return null;
    }

    /** A worker's activity or progress changed. */
    void workerStatus(Direction direction, WorkerStatus status);

    /** A document finished replicating (successfully or not). */
    void documentEnded(DocumentEnded event);

    /** Stops the whole replicator with this error. */
    void fatal(C4Exception error);

    /** A new serial executor for a worker: tasks run one at a time, in order. */
    Executor newWorkerExecutor(String name);
}
