package org.c4j.replicator;

import java.util.List;
import java.util.Objects;

import org.c4j.CollectionSpec;
import org.c4j.Database;
import org.c4j.socket.OptionsDict;

/**
 * What a {@link Listener} serves: one database under a name (the {@code <db>} of {@code ws://host:port/<db>}), its
 * collections, whether peers may push (read-only: no) and the passive replicators' options (e.g.
 * {@code noIncomingConflicts}). Port, interface, TLS and authentication belong to the transport. Immutable.
 *
 * @param replication  how each connection is served
 * @param databaseName the name clients use in the URL path
 */
public record ListenerConfig(PassiveReplicator.Config replication, String databaseName) {
    public ListenerConfig {
        Objects.requireNonNull(replication, "replication");
        if (databaseName == null || databaseName.isEmpty() || databaseName.contains("/")) {
            throw new IllegalArgumentException("bad database name: " + databaseName);
        }
    }

    /** Serves {@code database}'s default collection, read-write, under its directory's name. */
    public static ListenerConfig of(Database database) {
        return new ListenerConfig(PassiveReplicator.Config.of(database), database.path().getFileName().toString());
    }

    public ListenerConfig withDatabaseName(String name) {
        return new ListenerConfig(replication, name);
    }

    public ListenerConfig withCollections(List<CollectionSpec> collections) {
        return new ListenerConfig(replication.withCollections(collections), databaseName);
    }

    /** Read-only: pushes are refused with HTTP 403. */
    public ListenerConfig withReadOnly(boolean readOnly) {
        return new ListenerConfig(replication.withAllowPush(!readOnly), databaseName);
    }

    public ListenerConfig withOptions(OptionsDict options) {
        return new ListenerConfig(replication.withOptions(options), databaseName);
    }

    public ListenerConfig withReplication(PassiveReplicator.Config value) {
        return new ListenerConfig(value, databaseName);
    }

    public boolean isReadOnly() {
        return !replication.allowPush();
    }
}
