package org.c4j.replicator.internal.push;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;

import org.c4j.BlobKey;
import org.c4j.BlobStore;
import org.c4j.blip.BlipConnection;
import org.c4j.blip.BodySource;
import org.c4j.blip.ConnectionListener;
import org.c4j.blip.IncomingMessage;
import org.c4j.blip.OutgoingMessage;
import org.c4j.replicator.internal.access.AccessGate;
import org.c4j.replicator.internal.core.ReplTuning;
import org.c4j.replicator.internal.db.DbAccess;
import org.c4j.replicator.internal.wire.BlobWire;
import org.c4j.replicator.internal.wire.ReplWire;
import org.c4j.socket.C4Exception;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the peer's {@code getAttachment} and {@code proveAttachment} requests from the blob store, as LiteCore's
 * pusher does: any stored blob may be asked for by digest. A blob is streamed from its file frame by frame
 * (compressed if the request says {@code compress}), so its size never matters to the heap. At most
 * {@link ReplTuning#MAX_OPEN_BLOB_STREAMS} files are open at once; later requests wait (at most
 * {@link ReplTuning#MAX_PENDING_BLOB_REQUESTS}, beyond that HTTP 503) and start as streams finish.
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
    // Guarded by this.
    private final Set<FileChannel> open = new HashSet<>();
    private final Queue<IncomingMessage> waiting = new ArrayDeque<>();
    private boolean closed;

    BlobServer(BlobStore store) {
        this.store = store;
    }

    /**
     * With access control ({@code gate} not null), a blob is served only for a document the peer may read whose
     * current revision has it (named by the request's {@code docID}); otherwise this answers LiteCore's "no such
     * blob", as if absent, and returns false.
     */
    static boolean readable(AccessGate gate, DbAccess db, IncomingMessage rq) {
        if (gate == null || gate.blobReadable(db, rq.property(ReplWire.DOC_ID), rq.property(ReplWire.DIGEST))) {
            return true;
        }
        LOG.info("refused blob {} of '{}' to {}: not readable", rq.property(ReplWire.DIGEST),
                rq.property(ReplWire.DOC_ID), gate.principal().name());
        ReplWire.NO_SUCH_BLOB.respondTo(rq);
        return false;
    }

    /** Closes every open blob file when {@code connection} closes: replies still streaming will never finish. */
    void closeAllOnClose(BlipConnection connection) {
        connection.addListener(new ConnectionListener() {
            @Override
            public void onClose(C4Exception errorOrNull) {
                closeAll();
            }
        });
    }

    /** Replies with the blob's bytes, or the error LiteCore gives (bad digest, no such blob). */
    void getAttachment(IncomingMessage rq) {
        synchronized (this) {
            if (closed) {
                return; // the connection is gone: nobody to answer
            }
            if (open.size() >= ReplTuning.MAX_OPEN_BLOB_STREAMS) {
                if (waiting.size() >= ReplTuning.MAX_PENDING_BLOB_REQUESTS) {
                    LOG.warn("refusing getAttachment: {} streams open and {} requests waiting", open.size(),
                            waiting.size());
                    ReplWire.TOO_MANY_BLOB_REQUESTS.respondTo(rq);
                } else {
                    waiting.add(rq);
                }
                return;
            }
        }
        serve(rq);
    }

    /** Opens the blob and starts its reply; the file counts against the cap until the reply has read it all. */
    private void serve(IncomingMessage rq) {
        FileChannel ch = openBlob(rq);
        if (ch == null) {
            startWaiting();
            return;
        }
        synchronized (this) {
            if (closed) {
                closeQuietly(ch); // closed meanwhile
                return;
            }
            open.add(ch);
        }
        boolean compress = ReplWire.parseBool(rq.property(ReplWire.COMPRESS), false);
        rq.respond(OutgoingMessage.builder().compressed(compress).bodySource(new FileSource(ch)).build());
    }

    /** Starts waiting requests while there is room. */
    private void startWaiting() {
        while (true) {
            IncomingMessage next;
            synchronized (this) {
                if (closed || open.size() >= ReplTuning.MAX_OPEN_BLOB_STREAMS || waiting.isEmpty()) {
                    return;
                }
                next = waiting.poll();
            }
            serve(next);
        }
    }

    /** Blob files open now (for tests). */
    synchronized int openStreams() {
        return open.size();
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
        List<FileChannel> files;
        synchronized (this) {
            closed = true;
            waiting.clear();
            files = new ArrayList<>(open);
            open.clear();
        }
        files.forEach(BlobServer::closeQuietly);
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


    /** A reply finished reading its file: closes it and lets a waiting request start. */
    private void finished(FileChannel ch) {
        synchronized (this) {
            open.remove(ch);
        }
        closeQuietly(ch);
        startWaiting();
    }

    private static void closeQuietly(FileChannel ch) {
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
                finished(ch);
            }
            return n;
        }
    }
}
