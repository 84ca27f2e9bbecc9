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

    /** The BLIP settings of the connection: its executor and name, and the compression and limit options. */
    BlipConfig blipConfig() {
        return blipOptions(options, BlipConfig.builder().executor(executor).name(name)).build();
    }

    /**
     * Checks the BLIP options of {@code options} (compression and limits; see {@link OptionKeys}): a Replicator or
     * Listener calls this when it is made, so a bad value is refused there rather than on every connection.
     *
     * @throws org.c4j.socket.C4Exception LiteCore INVALID_PARAMETER, naming the option
     */
    public static void checkBlipOptions(OptionsDict options) {
        blipOptions(options, BlipConfig.builder());
    }

    private static BlipConfig.Builder blipOptions(OptionsDict options, BlipConfig.Builder cfg) {
        String key = null;
        try {
            key = OptionKeys.BLIP_COMPRESSION_LEVEL;
            if (options.contains(key)) {
                cfg.compressionLevel(options.getInt(key, 6));
            }
            key = OptionKeys.C4J_BLIP_COMPRESSION;
            String compression = options.getString(key);
            if (compression != null) {
                cfg.compression(CompressionPolicy.valueOf(compression.toUpperCase(java.util.Locale.ROOT)));
            }
            key = OptionKeys.C4J_BLIP_MAX_MESSAGE_SIZE;
            if (options.contains(key)) {
                cfg.maxIncomingMessageSize(options.getInt(key, 0));
            }
            key = OptionKeys.C4J_BLIP_MAX_BUFFERED_BYTES;
            if (options.contains(key)) {
                cfg.maxBufferedIncomingBytes(options.getLong(key, 0));
            }
            key = OptionKeys.C4J_BLIP_MAX_INCOMPLETE_REQUESTS;
            if (options.contains(key)) {
                cfg.maxIncompleteIncomingRequests(options.getInt(key, 0));
            }
            key = OptionKeys.C4J_BLIP_MAX_INFLATED_FRAME;
            if (options.contains(key)) {
                cfg.maxInflatedFrameSize(options.getInt(key, 0));
            }
            key = OptionKeys.C4J_BLIP_MAX_QUEUED_OUTGOING;
            if (options.contains(key)) {
                cfg.maxQueuedOutgoingBytes(options.getLong(key, 0));
            }
            return cfg;
        } catch (IllegalArgumentException e) {
            throw new org.c4j.socket.C4Exception(org.c4j.socket.ErrorDomain.LITECORE,
                    org.c4j.socket.ErrorCodes.LiteCore.INVALID_PARAMETER, "option '" + key + "': " + e.getMessage());
        }
    }
}
