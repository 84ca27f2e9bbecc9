package org.c4j.replicator;

import java.util.List;
import java.util.Objects;

import org.c4j.CollectionSpec;
import org.c4j.Database;
import org.c4j.socket.OptionsDict;

/**
 * What a {@link Listener} serves: one database under a name (the {@code <db>} of {@code ws://host:port/<db>}), its
 * collections, whether peers may push (read-only: no), delta sync, and the passive replicators' options (e.g.
 * {@code noIncomingConflicts}). Port, interface, TLS and authentication belong to the transport. Immutable.
 *
 * @param replication     how each connection is served
 * @param databaseName    the name clients use in the URL path
 * @param enableDeltaSync exchange revisions as deltas with peers that take them (Couchbase Lite's listener
 *                        switch; off by default): off sets {@code noDeltas} on every connection
 */
public record ListenerConfig(PassiveReplicator.Config replication, String databaseName, boolean enableDeltaSync) {
    public ListenerConfig {
        Objects.requireNonNull(replication, "replication");
        if (databaseName == null || databaseName.isEmpty() || databaseName.contains("/")) {
            throw new IllegalArgumentException("bad database name: " + databaseName);
        }
    }

    public ListenerConfig(PassiveReplicator.Config replication, String databaseName) {
        this(replication, databaseName, false);
    }

    /** Serves {@code database}'s default collection, read-write, under its directory's name, no delta sync. */
    public static ListenerConfig of(Database database) {
        return new ListenerConfig(PassiveReplicator.Config.of(database), database.path().getFileName().toString());
    }

    /** Delta sync on or off (off by default, as Couchbase Lite's {@code enableDeltaSync}). */
    public ListenerConfig withDeltaSync(boolean enabled) {
        return new ListenerConfig(replication, databaseName, enabled);
    }

    /** The passive replicators' config with delta sync applied ({@code noDeltas} unless enabled). */
    PassiveReplicator.Config connectionConfig() {
        if (enableDeltaSync) {
            return replication;
        }
        return replication.withOptions(replication.options().toBuilder()
                .put(org.c4j.socket.OptionKeys.NO_DELTAS, true).build());
    }

    public ListenerConfig withDatabaseName(String name) {
        return new ListenerConfig(replication, name, enableDeltaSync);
    }

    public ListenerConfig withCollections(List<CollectionSpec> collections) {
        return new ListenerConfig(replication.withCollections(collections), databaseName, enableDeltaSync);
    }

    /** Read-only: pushes are refused with HTTP 403. */
    public ListenerConfig withReadOnly(boolean readOnly) {
        return new ListenerConfig(replication.withAllowPush(!readOnly), databaseName, enableDeltaSync);
    }

    public ListenerConfig withOptions(OptionsDict options) {
        return new ListenerConfig(replication.withOptions(options), databaseName, enableDeltaSync);
    }

    public ListenerConfig withReplication(PassiveReplicator.Config value) {
        return new ListenerConfig(value, databaseName, enableDeltaSync);
    }

    public boolean isReadOnly() {
        return !replication.allowPush();
    }
}
