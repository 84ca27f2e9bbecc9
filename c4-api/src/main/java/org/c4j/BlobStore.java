package org.c4j;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.HashSet;
import java.util.Set;

import org.c4j.internal.Errors;

/**
 * A content-addressed blob store: one file per blob under a directory (a database's {@code Attachments/}),
 * named after the SHA-1 of the content. Writes stream into a temporary file and are installed by atomic rename.
 *
 * <p>Thread-safe: it holds no mutable state; concurrent installs of the same content are harmless.
 */
public final class BlobStore {
    private static final String TEMP_PREFIX = "incoming-";
    private static final String TEMP_SUFFIX = ".tmp";
    /** Temporary files older than this are leftovers of crashed writers and are removed by {@link #deleteAllExcept}. */
    private static final long STALE_TEMP_MILLIS = 60 * 60 * 1000L;

    private final Path dir;
    private final Clock clock;

    /** Opens (creating if needed) the store in {@code dir}; the system clock decides what is stale. */
    public BlobStore(Path dir) {
        this(dir, Clock.systemUTC());
    }

    /** Opens (creating if needed) the store in {@code dir}; {@code clock} decides which temporary files are stale. */
    public BlobStore(Path dir, Clock clock) {
        this.dir = dir;
        this.clock = java.util.Objects.requireNonNull(clock, "clock");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw Errors.io("creating blob store " + dir, e);
        }
    }

    public Path directory() {
        return dir;
    }

    Path pathFor(BlobKey key) {
        return dir.resolve(key.fileName());
    }

    /** Stores the content (if not already present) and returns its key. */
    public BlobKey create(byte[] content) {
        BlobKey key = BlobKey.of(content);
        if (Files.exists(pathFor(key))) {
            return key;
        }
        try (BlobWriteStream out = openWriteStream()) {
            out.write(content, 0, content.length);
            return out.install(key);
        }
    }

    /** Starts streaming a new blob. */
    public BlobWriteStream openWriteStream() {
        try {
            Path temp = Files.createTempFile(dir, TEMP_PREFIX, TEMP_SUFFIX);
            FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE);
            return new BlobWriteStream(this, temp, ch);
        } catch (IOException e) {
            throw Errors.io("creating blob file", e);
        }
    }

    /** Reads a blob; throws {@code (LITECORE, NOT_FOUND)} if it isn't stored. The caller closes the stream. */
    public InputStream openReadStream(BlobKey key) {
        try {
            return Files.newInputStream(pathFor(key));
        } catch (NoSuchFileException e) {
            throw Errors.notFound("blob " + key + " not found");
        } catch (IOException e) {
            throw Errors.io("reading blob " + key, e);
        }
    }

    /** The whole content of a blob; throws {@code (LITECORE, NOT_FOUND)} if it isn't stored. */
    public byte[] getContents(BlobKey key) {
        try {
            return Files.readAllBytes(pathFor(key));
        } catch (NoSuchFileException e) {
            throw Errors.notFound("blob " + key + " not found");
        } catch (IOException e) {
            throw Errors.io("reading blob " + key, e);
        }
    }

    /** The size of a blob in bytes, or -1 if it isn't stored. */
    public long getSize(BlobKey key) {
        try {
            return Files.size(pathFor(key));
        } catch (NoSuchFileException e) {
            return -1;
        } catch (IOException e) {
            throw Errors.io("reading blob " + key, e);
        }
    }

    /** The file of a blob, or null if it isn't stored. Don't modify the file. */
    public Path getFilePath(BlobKey key) {
        Path p = pathFor(key);
        return Files.exists(p) ? p : null;
    }

    /** Deletes a blob; returns false if it wasn't stored. */
    public boolean delete(BlobKey key) {
        try {
            return Files.deleteIfExists(pathFor(key));
        } catch (IOException e) {
            throw Errors.io("deleting blob " + key, e);
        }
    }

    /** The keys of all stored blobs. */
    public Set<BlobKey> keys() {
        Set<BlobKey> keys = new HashSet<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                BlobKey k = BlobKey.fromFileName(f.getFileName().toString());
                if (k != null) {
                    keys.add(k);
                }
            }
        } catch (IOException e) {
            throw Errors.io("listing blobs", e);
        }
        return keys;
    }

    /** Deletes every blob not in {@code inUse} (and stale temporary files); returns how many blobs went. */
    public int deleteAllExcept(Set<BlobKey> inUse) {
        int deleted = 0;
        long staleBefore = clock.millis() - STALE_TEMP_MILLIS;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                BlobKey k = BlobKey.fromFileName(name);
                if (k != null && !inUse.contains(k)) {
                    Files.deleteIfExists(f);
                    deleted++;
                } else if (k == null && name.startsWith(TEMP_PREFIX) && name.endsWith(TEMP_SUFFIX)
                        && Files.getLastModifiedTime(f).toMillis() < staleBefore) {
                    Files.deleteIfExists(f);
                }
            }
        } catch (IOException e) {
            throw Errors.io("compacting blobs", e);
        }
        return deleted;
    }

    /** Makes renames in the directory durable. */
    void syncDirectory() throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }
}
