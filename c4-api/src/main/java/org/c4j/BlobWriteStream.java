package org.c4j;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;

import org.c4j.internal.Errors;
import org.c4j.socket.ErrorCodes;

/**
 * Streams a new blob into its {@link BlobStore}: bytes go to a temporary file in the store's directory while their
 * SHA-1 is computed; {@link #install()} makes the file durable and renames it atomically to its content-addressed
 * name, so a blob file is either absent or complete. {@link #close()} without installing discards the data.
 *
 * <p>Not thread-safe: one writer thread. Bytes passed to {@code write} are copied before returning.
 */
public final class BlobWriteStream extends OutputStream {
    private enum State { OPEN, INSTALLED, CLOSED }

    private final BlobStore store;
    private final Path temp;
    private final FileChannel channel;
    private final MessageDigest sha1 = BlobKey.sha1();
    private final ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
    private long written;
    private BlobKey key;
    private State state = State.OPEN;

    BlobWriteStream(BlobStore store, Path temp, FileChannel channel) {
        this.store = store;
        this.temp = temp;
        this.channel = channel;
    }

    private void requireOpen() {
        if (state != State.OPEN) {
            throw Errors.invalid("blob write stream is " + state);
        }
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
        requireOpen();
        if (key != null) {
            throw Errors.invalid("can't write after the key was computed");
        }
        sha1.update(b, off, len);
        written += len;
        try {
            while (len > 0) {
                int n = Math.min(len, buffer.remaining());
                buffer.put(b, off, n);
                off += n;
                len -= n;
                if (!buffer.hasRemaining()) {
                    drain();
                }
            }
        } catch (IOException e) {
            abort();
            throw Errors.io("writing blob", e);
        }
    }

    private void drain() throws IOException {
        buffer.flip();
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        buffer.clear();
    }

    public long bytesWritten() {
        return written;
    }

    /** The key of everything written; no more writes are allowed after this. */
    public BlobKey computeKey() {
        if (key == null) {
            key = BlobKey.fromDigest(sha1.digest());
        }
        return key;
    }

    /** Installs the blob under its content's key and returns the key. */
    public BlobKey install() {
        return install(null);
    }

    /**
     * Installs the blob; if {@code expected} is given and the content's key differs, nothing is installed and
     * {@code (LITECORE, CORRUPT_DATA)} is thrown.
     */
    public BlobKey install(BlobKey expected) {
        requireOpen();
        BlobKey actual = computeKey();
        if (expected != null && !expected.equals(actual)) {
            abort();
            throw Errors.of(ErrorCodes.LiteCore.CORRUPT_DATA, "blob content doesn't match digest " + expected);
        }
        try {
            drain();
            channel.force(true);
            channel.close();
            Path target = store.pathFor(actual);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            store.syncDirectory();
        } catch (IOException e) {
            abort();
            throw Errors.io("installing blob", e);
        }
        moveTo(State.INSTALLED);
        return actual;
    }

    private void abort() {
        moveTo(State.CLOSED);
        try {
            channel.close();
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // the temporary file is swept by compaction
        }
    }

    /** Discards the data unless it was installed. */
    @Override
    public void close() {
        if (state == State.OPEN) {
            abort();
        } else if (state == State.INSTALLED) {
            moveTo(State.CLOSED);
        }
    }

    /** The only place {@link #state} changes. */
    private void moveTo(State next) {
        boolean allowed = switch (next) {
            case OPEN -> false;
            case INSTALLED -> state == State.OPEN;
            case CLOSED -> state != State.CLOSED;
        };
        if (!allowed) {
            throw new IllegalStateException("BlobWriteStream: bad transition " + state + " -> " + next);
        }
        state = next;
    }
}
