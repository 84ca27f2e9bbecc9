/**
 * Record storage on LMDB: key stores, sequences, transactions. Knows nothing about documents or replication.
 *
 * <p>Users pass NO JVM flags: LMDB values are reached through {@code org.c4j.storage.internal.MappedBufferProxy},
 * which sets up direct buffers through {@code sun.misc.Unsafe} field offsets (module {@code jdk.unsupported})
 * instead of LMDBJava's reflective {@code ByteBuffer} proxy, so LMDBJava's usual
 * {@code --add-opens java.base/java.nio=ALL-UNNAMED --add-opens java.base/sun.nio.ch=ALL-UNNAMED} are not needed
 * (the tests' child JVMs run without them). LMDBJava extracts its native library into {@code java.io.tmpdir}
 * (or {@code -Dlmdbjava.extract.dir=...} if that directory is not executable).
 */
module org.c4j.storage {
    requires transitive org.c4j.socket;
    requires lmdbjava;
    requires org.jnrproject.ffi; // MappedBufferProxy overrides methods taking jnr.ffi.Pointer
    requires jdk.unsupported;
    requires org.slf4j;

    exports org.c4j.storage;
}
