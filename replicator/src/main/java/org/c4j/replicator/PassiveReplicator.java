package org.c4j.replicator;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

import org.c4j.CollectionSpec;
import org.c4j.Database;
import org.c4j.ListenerToken;
import org.c4j.replicator.internal.access.AccessGate;
import org.c4j.replicator.internal.core.CoreObserver;
import org.c4j.replicator.internal.core.CoreSettings;
import org.c4j.replicator.internal.core.DocumentEnded;
import org.c4j.replicator.internal.core.ListenerList;
import org.c4j.replicator.internal.core.ReplExecutors;
import org.c4j.replicator.internal.core.ReplMode;
import org.c4j.replicator.internal.core.ReplicationHooks;
import org.c4j.replicator.internal.core.ReplicatorCore;
import org.c4j.socket.C4Socket;
import org.c4j.socket.OptionsDict;
import org.c4j.socket.Principal;
import org.c4j.socket.SerialExecutor;

/**
 * Serves one incoming connection (a listener's, or any {@link C4Socket} a transport accepted) as LiteCore's passive
 * replicator does: answers the peer's checkpoint requests, sends it changes when it pulls, and stores what it pushes.
 * Pushes can be refused ({@link Config#allowPush} false: a read-only peer gets HTTP 403), and so can pulls; options
 * such as {@code noIncomingConflicts} apply. It never reconnects: it is STOPPED once the connection closes.
 *
 * <p>Listeners are called one at a time, in order, on a notification thread. Thread-safe.
 */
public final class PassiveReplicator {
    /**
     * What a passive replicator serves. Immutable.
     *
     * @param database    the local database
     * @param collections the collections the peer may replicate (legacy peers get the default collection)
     * @param allowPush   accept the peer's pushes (false: read-only)
     * @param allowPull   let the peer pull
     * @param options     replicator options (LiteCore keys), e.g. {@code noIncomingConflicts}
     * @param executor    the pool the serial executors run on
     * @param scheduler   timers
     * @param access      per-user access (channels, sync function) decided from each connection's principal; null
     *                    serves everything to everyone who connects
     * @param revisionTransfers told of every rev sent or received; null: nobody
     */
    public record Config(Database database, List<CollectionSpec> collections, boolean allowPush, boolean allowPull,
                         OptionsDict options, Executor executor, ScheduledExecutorService scheduler,
                         ChannelAccess access, Consumer<RevisionTransfer> revisionTransfers) {
        public Config(Database database, List<CollectionSpec> collections, boolean allowPush, boolean allowPull,
                      OptionsDict options, Executor executor, ScheduledExecutorService scheduler,
                      ChannelAccess access) {
            this(database, collections, allowPush, allowPull, options, executor, scheduler, access, null);
        }

        public Config {
            if (access != null && access.database() != database) {
                throw new IllegalArgumentException("the channel access belongs to another database");
            }
            Objects.requireNonNull(database, "database");
            collections = List.copyOf(collections);
            Objects.requireNonNull(options, "options");
            Objects.requireNonNull(executor, "executor");
            Objects.requireNonNull(scheduler, "scheduler");
        }

        public Config(Database database, List<CollectionSpec> collections, boolean allowPush, boolean allowPull,
                      OptionsDict options, Executor executor, ScheduledExecutorService scheduler) {
            this(database, collections, allowPush, allowPull, options, executor, scheduler, null, null);
        }

        /** The default collection, pushes and pulls allowed, no options, the shared pools. */
        public static Config of(Database database) {
            return new Config(database, List.of(CollectionSpec.DEFAULT), true, true, OptionsDict.EMPTY,
                    ReplExecutors.pool(), ReplExecutors.timer(), null, null);
        }

        public Config withCollections(List<CollectionSpec> value) {
            return new Config(database, value, allowPush, allowPull, options, executor, scheduler, access,
                    revisionTransfers);
        }

        public Config withAllowPush(boolean value) {
            return new Config(database, collections, value, allowPull, options, executor, scheduler, access,
                    revisionTransfers);
        }

        public Config withAllowPull(boolean value) {
            return new Config(database, collections, allowPush, value, options, executor, scheduler, access,
                    revisionTransfers);
        }

        public Config withOptions(OptionsDict value) {
            return new Config(database, collections, allowPush, allowPull, value, executor, scheduler, access,
                    revisionTransfers);
        }

        public Config withExecutor(Executor value) {
            return new Config(database, collections, allowPush, allowPull, options, value, scheduler, access,
                    revisionTransfers);
        }

        /** Per-user access for every connection, decided from its principal (null: none). */
        public Config withAccess(ChannelAccess value) {
            return new Config(database, collections, allowPush, allowPull, options, executor, scheduler, value,
                    revisionTransfers);
        }

        public Config withScheduler(ScheduledExecutorService value) {
            return new Config(database, collections, allowPush, allowPull, options, executor, value, access,
                    revisionTransfers);
        }

        /**
         * Told of every {@code rev} sent or received (see {@link RevisionTransfer}), on worker threads: quick and
         * thread-safe. Null: nobody.
         */
        public Config withRevisionTransfers(Consumer<RevisionTransfer> value) {
            return new Config(database, collections, allowPush, allowPull, options, executor, scheduler, access,
                    value);
        }
    }

    private final ReplicatorCore core;
    private final SerialExecutor notifier;
    private final ListenerList<ReplicatorStatus> statusListeners = new ListenerList<>();
    private final ListenerList<DocumentReplication> documentListeners = new ListenerList<>();
    private volatile ReplicatorStatus status = ReplicatorStatus.STOPPED.withActivity(ReplicatorActivity.CONNECTING);
    private final Principal principal;

    /** A passive replicator for an anonymous peer ({@link Principal#ANONYMOUS}). */
    public PassiveReplicator(C4Socket socket, Config config, String name) {
        this(socket, config, name, Principal.ANONYMOUS);
    }

    /**
     * @param socket    an accepted, unopened socket
     * @param name      names the peer in log lines
     * @param principal who the peer authenticated as (from the listener transport's {@code IncomingRequest}): with
     *                  {@link Config#access} it reads and writes as that principal
     */
    public PassiveReplicator(C4Socket socket, Config config, String name, Principal principal) {
        Objects.requireNonNull(socket, "socket");
        this.principal = Objects.requireNonNull(principal, "principal");
        AccessGate gate = config.access() == null ? null : new AccessGate(config.access().state(), principal);
        CoreSettings settings = new CoreSettings(config.database(), config.collections(),
                config.allowPull() ? ReplMode.PASSIVE : ReplMode.DISABLED,
                config.allowPush() ? ReplMode.PASSIVE : ReplMode.DISABLED, config.options(),
                new ReplicationHooks(null, null, null, config.revisionTransfers()),
                name, false, config.executor(), config.scheduler(), "passive<-" + name, gate);
        this.notifier = new SerialExecutor(config.executor(), "passive-notify");
        this.core = new ReplicatorCore(settings, socket, new CoreObserver() {
            @Override
            public void statusChanged(ReplicatorStatus s) {
                status = s;
                notifier.execute(() -> statusListeners.deliver(s));
            }

            @Override
            public void documentEnded(DocumentEnded e) {
                if (documentListeners.isEmpty()) {
                    return; // nobody to tell (a listener added now gets the documents that end from now on)
                }
                DocumentReplication d = Replicator.toPublic(e);
                notifier.execute(() -> documentListeners.deliver(d));
            }
        });
    }

    /** Opens the socket and starts serving. Called once. */
    public void start() {
        core.start();
    }

    /** Closes the connection normally; the status ends STOPPED. Idempotent. */
    public void stop() {
        core.stop();
    }

    public ReplicatorStatus status() {
        return status;
    }

    /** Who the peer authenticated as: its user name, roles and channels (anonymous if nobody was authenticated). */
    public Principal principal() {
        return principal;
    }

    /** Calls {@code listener} with every status change (the last one is STOPPED). */
    public ListenerToken addChangeListener(Consumer<ReplicatorStatus> listener) {
        return statusListeners.add(listener);
    }

    /** Calls {@code listener} each time a document finishes replicating, either way. */
    public ListenerToken addDocumentListener(Consumer<DocumentReplication> listener) {
        return documentListeners.add(listener);
    }
}
