/** Record storage on LMDB: key stores, sequences, transactions. Knows nothing about replication. */
module org.c4j.storage {
    requires transitive org.c4j.socket;
    requires lmdbjava;
    requires org.slf4j;
}
