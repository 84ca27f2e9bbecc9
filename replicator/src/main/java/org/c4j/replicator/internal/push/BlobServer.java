package org.c4j.replicator.internal.push;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.c4j.BlobKey;
import org.c4j.BlobStore;
import org.c4j.blip.BodySource;
import org.c4j.blip.IncomingMessage;
import org.c4j.blip.OutgoingMessage;
import org.c4j.replicator.internal.db.DbAccess;
import org.c4j.replicator.internal.wire.BlobWire;
import org.c4j.replicator.internal.wire.ReplWire;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the peer's {@code getAttachment} and {@code proveAttachment} requests from the blob store, as LiteCore's
 * pusher does: any stored blob may be asked for by digest. A blob is streamed from its file frame by frame
 * (compressed if the request says {@code compress}), so its size never matters to the heap.
 *
 * <p>Requests are handled on the caller's thread (the pusher's executor); the file is then read on the BLIP
 * connection's executor as frames go out. Thread-safe. When the connection closes, {@link #closeAll()} closes the
 * files of replies that will never finish.
 */
public final class BlobServer {
    private static final Logger LOG = LoggerFactory.getLogger(BlobServer.class);
    /** Read buffer for computing a proof: a few pages, so a large blob streams through a small heap. */
    private static final int PROOF_BUFFER_BYTES = 64 * 1024;

    private final BlobStore store;
    private final Set<FileChannel> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    BlobServer(BlobStore store) {
        this.store = store;
    }

    /** Replies with the blob's bytes, or the error LiteCore gives (bad digest, no such blob). */
    void getAttachment(IncomingMessage rq) {
        if (closed) {
            return; // the connection is gone: nobody to answer
        }
        FileChannel ch = openBlob(rq);
        if (ch == null) {
            return;
        }
        open.add(ch);
        if (closed) {
            close(ch); // closed meanwhile
            return;
        }
        boolean compress = ReplWire.parseBool(rq.property(ReplWire.COMPRESS), false);
        rq.respond(OutgoingMessage.builder().compressed(compress).bodySource(new FileSource(ch)).build());
    }

    /** Replies with {@code sha1-<base64>} of SHA-1(nonce length byte, nonce, blob) for the request's nonce. */
    void proveAttachment(IncomingMessage rq) {
        byte[] nonce = rq.body();
        if (!BlobWire.isValidNonce(nonce)) {
            ReplWire.MISSING_NONCE.respondTo(rq);
            return;
        }
        FileChannel ch = openBlob(rq);
        if (ch == null) {
            return;
        }
        BlobWire.Proof proof = new BlobWire.Proof(nonce);
        try (ch) {
            ByteBuffer buf = ByteBuffer.allocate(PROOF_BUFFER_BYTES);
            while (ch.read(buf) >= 0) {
                proof.update(buf.array(), 0, buf.position());
                buf.clear();
            }
        } catch (IOException e) {
            ReplWire.toBlipError(DbAccess.ioError("reading blob " + rq.property(ReplWire.DIGEST), e)).respondTo(rq);
            return;
        }
        rq.respond(OutgoingMessage.builder().body(proof.finish()).build());
    }

    /** The connection is gone: closes every blob file still being sent, and serves nothing more. */
    void closeAll() {
        closed = true;
        for (FileChannel ch : open) {
            close(ch);
        }
    }

    /** Opens the requested blob's file, or answers the error LiteCore gives and returns null. */
    private FileChannel openBlob(IncomingMessage rq) {
        BlobKey key = BlobKey.tryParse(rq.property(ReplWire.DIGEST));
        if (key == null) {
            ReplWire.INVALID_DIGEST.respondTo(rq);
            return null;
        }
        Path file = store.getFilePath(key);
        try {
            if (file != null) {
                return FileChannel.open(file, StandardOpenOption.READ);
            }
        } catch (NoSuchFileException e) {
            // deleted since (compaction): same as never stored
        } catch (IOException e) {
            ReplWire.toBlipError(DbAccess.ioError("opening blob " + key, e)).respondTo(rq);
            return null;
        }
        ReplWire.NO_SUCH_BLOB.respondTo(rq);
        return null;
    }


    private void close(FileChannel ch) {
        open.remove(ch);
        try {
            ch.close();
        } catch (IOException e) {
            LOG.debug("closing blob file", e);
        }
    }

    /** Streams one blob file into a reply; closes it at the end. Runs on the connection's executor. */
    private final class FileSource implements BodySource {
        private final FileChannel ch;

        FileSource(FileChannel ch) {
            this.ch = ch;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            int n = ch.read(dst);
            if (n < 0) {
                close(ch);
            }
            return n;
        }
    }
}
