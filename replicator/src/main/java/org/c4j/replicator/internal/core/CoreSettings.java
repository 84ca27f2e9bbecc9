package org.c4j.replicator.internal.core;

import org.c4j.replicator.internal.access.AccessGate;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

import org.c4j.CollectionSpec;
import org.c4j.Database;
import org.c4j.blip.BlipConfig;
import org.c4j.blip.CompressionPolicy;
import org.c4j.socket.OptionKeys;
import org.c4j.socket.OptionsDict;

/**
 * Everything one {@link ReplicatorCore} needs besides its socket. Immutable.
 *
 * @param database        the local database
 * @param collections     the collections to replicate (active) or serve (passive); exactly {@code [_default]} means
 *                        legacy mode (no {@code getCollections}) for an active replicator
 * @param push            this side's push mode (PASSIVE: serve the peer's pulls)
 * @param pull            this side's pull mode (PASSIVE: accept the peer's pushes)
 * @param options         the replicator options (LiteCore keys)
 * @param hooks           filters and conflict resolver
 * @param remoteUrl       active: the endpoint URL ({@code ws://host:port/db/_blipsync}), part of checkpoint IDs and
 *                        the remote-revision key; passive: a name for logs
 * @param resetCheckpoint active: ignore the local checkpoint and start from the beginning
 * @param executor        the pool that serial executors (core, workers, BLIP connection) run on
 * @param scheduler       timers (checkpoint autosave)
 * @param name            for log lines
 * @param access          passive side: the peer's access decisions (channels, sync function); null = no access control
 */
public record CoreSettings(Database database, List<CollectionSpec> collections, ReplMode push, ReplMode pull,
                           OptionsDict options, ReplicationHooks hooks, String remoteUrl, boolean resetCheckpoint,
                           Executor executor, ScheduledExecutorService scheduler, String name,
                           AccessGate access) {
    /** Without access control. */
    public CoreSettings(Database database, List<CollectionSpec> collections, ReplMode push, ReplMode pull,
                        OptionsDict options, ReplicationHooks hooks, String remoteUrl, boolean resetCheckpoint,
                        Executor executor, ScheduledExecutorService scheduler, String name) {
        this(database, collections, push, pull, options, hooks, remoteUrl, resetCheckpoint, executor, scheduler, name,
                null);
    }

    public CoreSettings {
        Objects.requireNonNull(database, "database");
        collections = List.copyOf(collections);
        if (collections.isEmpty()) {
            throw new IllegalArgumentException("no collections");
        }
        Objects.requireNonNull(push, "push");
        Objects.requireNonNull(pull, "pull");
        options = options == null ? OptionsDict.EMPTY : options;
        hooks = hooks == null ? ReplicationHooks.NONE : hooks;
        Objects.requireNonNull(executor, "executor");
        Objects.requireNonNull(scheduler, "scheduler");
    }

    /** True if this side starts replication (either direction ONE_SHOT or CONTINUOUS). */
    public boolean isActive() {
        return push.isActive() || pull.isActive();
    }

    /** True if either direction is CONTINUOUS. */
    public boolean isContinuous() {
        return push == ReplMode.CONTINUOUS || pull == ReplMode.CONTINUOUS;
    }

    /** True if an active replicator must use {@code getCollections} (anything but the default collection alone). */
    public boolean isCollectionAware() {
        return !(collections.size() == 1 && collections.get(0).isDefault());
    }

    /** The BLIP settings of the connection: its executor and name, and the compression options. */
    BlipConfig blipConfig() {
        BlipConfig.Builder cfg = BlipConfig.builder().executor(executor).name(name);
        if (options.keys().contains(OptionKeys.BLIP_COMPRESSION_LEVEL)) {
            cfg.compressionLevel(options.getInt(OptionKeys.BLIP_COMPRESSION_LEVEL, 6));
        }
        String compression = options.getString(OptionKeys.C4J_BLIP_COMPRESSION);
        if (compression != null) {
            cfg.compression(CompressionPolicy.valueOf(compression.toUpperCase(java.util.Locale.ROOT)));
        }
        return cfg.build();
    }
}
