/**
 * The database: collections, documents with revision trees, blobs, observers, local documents. Knows nothing of
 * replication; the replicator module reaches the few internals it needs through qualified exports.
 */
module org.c4j {
    requires transitive org.c4j.socket;
    requires org.c4j.storage;
    requires com.fasterxml.jackson.core;
    requires org.slf4j;
    requires jdk.unsupported; // StringBytes reads an ASCII String's own bytes instead of copying them

    exports org.c4j;
    exports org.c4j.internal to org.c4j.replicator;
    exports org.c4j.internal.body to org.c4j.replicator;
    exports org.c4j.internal.revtree to org.c4j.replicator;
    exports org.c4j.internal.delta to org.c4j.replicator;
}
