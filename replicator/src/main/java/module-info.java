/**
 * Replication over BLIP: the active {@code Replicator}, the {@code PassiveReplicator} and the {@code Listener} core.
 * It sees only {@code C4Socket}s (socket-spi) and reaches the database (c4-api) through one access class.
 */
module org.c4j.replicator {
    requires transitive org.c4j;
    requires transitive org.c4j.socket;
    requires org.c4j.blip;
    requires com.fasterxml.jackson.core;
    requires org.slf4j;

    exports org.c4j.replicator;
}
