package org.c4j.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.lmdbjava.Dbi;
import org.lmdbjava.DbiFlags;
import org.lmdbjava.Env;
import org.lmdbjava.EnvFlags;
import org.lmdbjava.Txn;

/**
 * Shared setup of the storage benchmarks: the {@link BenchDocs} documents as bytes, a raw LMDBJava environment
 * configured like {@code LmdbStore}'s (1 GiB map, MDB_NOTLS, durable commits, LMDBJava's standard
 * {@code ByteBuffer} proxy) and temporary directories. Not thread-safe (one benchmark thread).
 */
final class StorageBenchEnv {
    private StorageBenchEnv() { }

    static String[] ids(int n) {
        String[] ids = new String[n];
        for (int i = 0; i < n; i++) {
            ids[i] = BenchDocs.id(i);
        }
        return ids;
    }

    static byte[][] keyBytes(String[] ids) {
        byte[][] keys = new byte[ids.length][];
        for (int i = 0; i < ids.length; i++) {
            keys[i] = ids[i].getBytes(StandardCharsets.UTF_8);
        }
        return keys;
    }

    static byte[][] bodies(int n) {
        byte[][] bodies = new byte[n][];
        for (int i = 0; i < n; i++) {
            bodies[i] = BenchDocs.json(i).getBytes(StandardCharsets.UTF_8);
        }
        return bodies;
    }

    /** Creates {@code dir} if missing and opens a raw environment in it. */
    static Env<ByteBuffer> rawEnv(Path dir) {
        return rawEnv(dir, true);
    }

    /** A raw LMDB environment; {@code durable} false: commits do not wait for the disk ({@code MDB_NOSYNC}). */
    static Env<ByteBuffer> rawEnv(Path dir, boolean durable) {
        dir.toFile().mkdirs();
        EnvFlags[] flags = durable ? new EnvFlags[] {EnvFlags.MDB_NOTLS}
                : new EnvFlags[] {EnvFlags.MDB_NOTLS, EnvFlags.MDB_NOSYNC};
        return Env.create().setMapSize(1L << 30).setMaxDbs(1).open(dir.toFile(), flags);
    }

    static Dbi<ByteBuffer> rawDbi(Env<ByteBuffer> env) {
        return env.openDbi("docs", DbiFlags.MDB_CREATE);
    }

    /**
     * Puts {@code keyBytes} -> {@code valueBytes} in {@code txn}, copying them into the caller's reusable direct
     * buffers {@code key} and {@code value} (LMDBJava's standard proxy needs direct buffers).
     */
    static void rawPut(Dbi<ByteBuffer> dbi, Txn<ByteBuffer> txn, ByteBuffer key, byte[] keyBytes, ByteBuffer value,
                       byte[] valueBytes) {
        key.clear();
        key.put(keyBytes).flip();
        value.clear();
        value.put(valueBytes).flip();
        dbi.put(txn, key, value);
    }

    static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
