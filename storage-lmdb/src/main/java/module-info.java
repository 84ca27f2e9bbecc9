/**
 * Record storage on LMDB: key stores, sequences, transactions. Knows nothing about documents or replication.
 *
 * <p>Needs no JVM flags: LMDB values are reached through {@code org.c4j.storage.internal.MappedBufferProxy},
 * which uses {@code sun.misc.Unsafe} (module {@code jdk.unsupported}) instead of LMDBJava's reflective
 * {@code ByteBuffer} proxy, so no {@code --add-opens} is required.
 */
module org.c4j.storage {
    requires transitive org.c4j.socket;
    requires lmdbjava;
    requires org.jnrproject.ffi; // MappedBufferProxy overrides methods taking jnr.ffi.Pointer
    requires jdk.unsupported;
    requires org.slf4j;

    exports org.c4j.storage;
}
