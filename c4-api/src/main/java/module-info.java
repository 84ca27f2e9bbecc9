/** The C4 layer: database, collections, documents, blobs, replicator, listener. */
module org.c4j {
    requires transitive org.c4j.socket;
    requires org.c4j.blip;
    requires org.c4j.storage;
    requires com.fasterxml.jackson.core;
    requires org.slf4j;

    exports org.c4j;
}
