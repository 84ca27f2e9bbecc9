package org.c4j.replicator;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

import org.c4j.CollectionSpec;
import org.c4j.Database;
import org.c4j.replicator.internal.core.ReplExecutors;
import org.c4j.socket.C4Exception;
import org.c4j.socket.ErrorCodes;
import org.c4j.socket.ErrorDomain;
import org.c4j.socket.OptionKeys;
import org.c4j.socket.OptionsDict;
import org.c4j.socket.SocketFactory;

/**
 * How a {@link Replicator} replicates: the local database and collections, the remote endpoint
 * ({@code ws://host:port/db} or {@code wss://...}), direction, one-shot or continuous, the options dictionary
 * (LiteCore keys from {@link OptionKeys}: auth, headers, docIDs, channels, skipDeleted, checkpointInterval,
 * maxRetries, maxRetryInterval, ...), the transport ({@link SocketFactory}), filters and the conflict resolver.
 *
 * <p>Immutable; thread-safe. Build with {@link #builder(Database, URI)}.
 */
public final class ReplicatorConfig {
    private final Database database;
    private final URI target;
    private final ReplicatorType type;
    private final boolean continuous;
    private final OptionsDict options;
    private final SocketFactory socketFactory;
    private final List<CollectionSpec> collections;
    private final ReplicationFilter pushFilter;
    private final ReplicationFilter pullFilter;
    private final ConflictResolver conflictResolver;
    private final CredentialsProvider credentialsProvider;
    private final java.util.function.Consumer<RevisionTransfer> revisionTransfers;
    private final Executor executor;
    private final ScheduledExecutorService scheduler;

    private ReplicatorConfig(Builder b) {
        database = b.database;
        target = b.target;
        type = b.type;
        continuous = b.continuous;
        options = b.options;
        socketFactory = b.socketFactory;
        collections = b.collections;
        pushFilter = b.pushFilter;
        pullFilter = b.pullFilter;
        conflictResolver = b.conflictResolver;
        credentialsProvider = b.credentialsProvider;
        revisionTransfers = b.revisionTransfers;
        executor = b.executor;
        scheduler = b.scheduler;
    }

    /**
     * A builder for replicating {@code database} with {@code target}, a {@code ws}/{@code wss} URL whose path names
     * the remote database ({@code ws://host:4984/db}).
     *
     * @throws C4Exception NETWORK {@link ErrorCodes.Network#INVALID_URL} for another scheme or no database name
     */
    public static Builder builder(Database database, URI target) {
        return new Builder(database, target);
    }

    public Database database() {
        return database;
    }

    /** The remote database's URL as given ({@code ws://host:port/db}). */
    public URI target() {
        return target;
    }

    public ReplicatorType type() {
        return type;
    }

    public boolean isContinuous() {
        return continuous;
    }

    public OptionsDict options() {
        return options;
    }

    public SocketFactory socketFactory() {
        return socketFactory;
    }

    /** The collections replicated; by default the default collection. */
    public List<CollectionSpec> collections() {
        return collections;
    }

    /** Null: push everything. */
    public ReplicationFilter pushFilter() {
        return pushFilter;
    }

    /** Null: accept everything. */
    public ReplicationFilter pullFilter() {
        return pullFilter;
    }

    public ConflictResolver conflictResolver() {
        return conflictResolver;
    }

    /** Null: nobody is told of revisions sent and received. */
    public java.util.function.Consumer<RevisionTransfer> revisionTransfers() {
        return revisionTransfers;
    }

    /** The pool the replicator's serial executors run on. */
    /** Supplies fresh credentials before each connection and after a 401, or null (the options' AUTH only). */
    public CredentialsProvider credentialsProvider() {
        return credentialsProvider;
    }

    public Executor executor() {
        return executor;
    }

    /** Timers: checkpoint autosave and retries. */
    public ScheduledExecutorService scheduler() {
        return scheduler;
    }

    /** Builds a {@link ReplicatorConfig}; not thread-safe. */
    public static final class Builder {
        private final Database database;
        private final URI target;
        private ReplicatorType type = ReplicatorType.PUSH_AND_PULL;
        private boolean continuous;
        private OptionsDict options = OptionsDict.EMPTY;
        private SocketFactory socketFactory;
        private List<CollectionSpec> collections = List.of(CollectionSpec.DEFAULT);
        private ReplicationFilter pushFilter;
        private ReplicationFilter pullFilter;
        private ConflictResolver conflictResolver = ConflictResolver.DEFAULT;
        private CredentialsProvider credentialsProvider;
        private java.util.function.Consumer<RevisionTransfer> revisionTransfers;
        private Executor executor = ReplExecutors.pool();
        private ScheduledExecutorService scheduler = ReplExecutors.timer();

        private Builder(Database database, URI target) {
            this.database = Objects.requireNonNull(database, "database");
            this.target = Objects.requireNonNull(target, "target");
            String scheme = target.getScheme();
            String path = target.getPath();
            if (!("ws".equalsIgnoreCase(scheme) || "wss".equalsIgnoreCase(scheme)) || target.getHost() == null
                    || path == null || path.replace("/", "").isEmpty()) {
                throw new C4Exception(ErrorDomain.NETWORK, ErrorCodes.Network.INVALID_URL,
                        "not a ws:// or wss:// URL with a database name: " + target);
            }
        }

        /** Default PUSH_AND_PULL. */
        public Builder type(ReplicatorType value) {
            type = Objects.requireNonNull(value, "type");
            return this;
        }

        /** Keep replicating new changes until stopped (default false: catch up once, then stop). */
        public Builder continuous(boolean value) {
            continuous = value;
            return this;
        }

        /** The options dictionary (LiteCore keys); replaces earlier options. */
        public Builder options(OptionsDict value) {
            options = Objects.requireNonNull(value, "options");
            return this;
        }

        /** Replicate only these documents (option {@link OptionKeys#DOC_IDS}). */
        public Builder documentIds(List<String> ids) {
            options = options.toBuilder().putArray(OptionKeys.DOC_IDS, List.copyOf(ids)).build();
            return this;
        }

        /**
         * Delta sync (default on, as in LiteCore): revisions go as deltas when the peer takes them; false sets
         * option {@link OptionKeys#NO_DELTAS}, which turns them off both ways.
         */
        public Builder deltas(boolean enabled) {
            options = options.toBuilder().put(OptionKeys.NO_DELTAS, !enabled).build();
            return this;
        }

        /**
         * Told of every {@code rev} sent or received (whether a delta, how many body bytes), on the replicator's
         * worker threads: it must be quick and thread-safe. Null (default): nobody.
         */
        public Builder revisionTransfers(java.util.function.Consumer<RevisionTransfer> value) {
            revisionTransfers = value;
            return this;
        }

        /** Pull only these Sync Gateway channels (option {@link OptionKeys#CHANNELS}). */
        public Builder channels(List<String> names) {
            options = options.toBuilder().putArray(OptionKeys.CHANNELS, List.copyOf(names)).build();
            return this;
        }

        /**
         * Purge documents the server says the user may no longer read (option {@link OptionKeys#AUTO_PURGE}, default
         * true, which also asks the server for revocations as LiteCore does); false keeps them. Either way they are
         * reported with {@link DocumentReplication#accessRemoved()}.
         */
        public Builder autoPurge(boolean value) {
            options = options.toBuilder().put(OptionKeys.AUTO_PURGE, value).build();
            return this;
        }

        /** The transport that makes the connection (required). */
        public Builder socketFactory(SocketFactory value) {
            socketFactory = Objects.requireNonNull(value, "socketFactory");
            return this;
        }

        /** The collections to replicate (default: the default collection). */
        public Builder collections(List<CollectionSpec> value) {
            if (value.isEmpty() || value.stream().distinct().count() != value.size()) {
                throw new IllegalArgumentException("collections must be non-empty and distinct: " + value);
            }
            collections = List.copyOf(value);
            return this;
        }

        public Builder pushFilter(ReplicationFilter value) {
            pushFilter = value;
            return this;
        }

        public Builder pullFilter(ReplicationFilter value) {
            pullFilter = value;
            return this;
        }

        /** Default {@link ConflictResolver#DEFAULT}. */
        public Builder conflictResolver(ConflictResolver value) {
            conflictResolver = Objects.requireNonNull(value, "conflictResolver");
            return this;
        }

        /** The pool the replicator's serial executors run on (default: a shared daemon pool). */
        /** Asks {@code value} for credentials before every connection and after a 401; null (default) for none. */
        public Builder credentialsProvider(CredentialsProvider value) {
            credentialsProvider = value;
            return this;
        }

        public Builder executor(Executor value) {
            executor = Objects.requireNonNull(value, "executor");
            return this;
        }

        /** Timers for checkpoint saves and retries (default: a shared daemon timer). */
        public Builder scheduler(ScheduledExecutorService value) {
            scheduler = Objects.requireNonNull(value, "scheduler");
            return this;
        }

        /** @throws IllegalStateException if no socket factory was given */
        public ReplicatorConfig build() {
            if (socketFactory == null) {
                throw new IllegalStateException("a socket factory is required");
            }
            return new ReplicatorConfig(this);
        }
    }
}
