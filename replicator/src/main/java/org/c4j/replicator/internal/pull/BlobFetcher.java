package org.c4j.replicator.internal.pull;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

import org.c4j.BlobStore;
import org.c4j.BlobWriteStream;
import org.c4j.blip.BodySink;
import org.c4j.blip.IncomingMessage;
import org.c4j.blip.OutgoingMessage;
import org.c4j.replicator.internal.core.ReplContext;
import org.c4j.replicator.internal.core.ReplTuning;
import org.c4j.replicator.internal.wire.ReplWire;
import org.c4j.socket.C4Exception;
import org.c4j.socket.ErrorCodes;
import org.c4j.socket.ErrorDomain;

/**
 * Downloads the blobs a pulled revision references that the blob store lacks, one after another, as LiteCore's
 * {@code IncomingRev} does: a {@code getAttachment} request per blob (digest, docID, {@code compress} when the
 * blob looks compressible), its reply body streamed frame by frame into a {@link BlobWriteStream} (so a 100 MB blob
 * never sits in memory), at most the blob's declared {@code length} of it (or
 * {@link ReplTuning#MAX_UNDECLARED_BLOB_BYTES} without one: a longer reply fails and its bytes are discarded), then
 * installed only if its SHA-1 matches the digest.
 *
 * <p>Thread-safe. Reply chunks are written on the connection's executor (the stream is touched by one thread at a
 * time: the sink while the reply arrives, then the worker); installing (which syncs the file) runs on the worker.
 */
public final class BlobFetcher {
    private final ReplContext ctx;
    private final Executor worker;

    BlobFetcher(ReplContext ctx, Executor worker) {
        this.ctx = ctx;
        this.worker = worker;
    }

    /**
     * Fetches every missing blob in order; completes on the worker, exceptionally with a {@link C4Exception} (wrapped
     * in a {@link CompletionException}) at the first failure.
     */
    CompletableFuture<Void> fetchMissing(String docId, List<IncomingRev.BlobRef> blobs) {
        CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
        for (IncomingRev.BlobRef blob : blobs) {
            chain = chain.thenCompose(v -> fetch(docId, blob));
        }
        return chain;
    }

    private CompletableFuture<Void> fetch(String docId, IncomingRev.BlobRef blob) {
        BlobStore store = ctx.db().blobs();
        if (store.getSize(blob.key()) >= 0) {
            return CompletableFuture.completedFuture(null);
        }
        BlobWriteStream out = store.openWriteStream();
        OutgoingMessage.Builder rq = OutgoingMessage.request(ReplWire.GET_ATTACHMENT)
                .property(ReplWire.DIGEST, blob.key().toString())
                .property(ReplWire.DOC_ID, docId);
        if (blob.compress()) {
            rq.property(ReplWire.COMPRESS, ReplWire.TRUE);
        }
        if (ctx.collectionIndex() >= 0) {
            rq.property(ReplWire.COLLECTION, Integer.toString(ctx.collectionIndex()));
        }
        long limit = blob.length() >= 0 ? blob.length() : ReplTuning.MAX_UNDECLARED_BLOB_BYTES;
        StreamSink sink = new StreamSink(out, limit);
        rq.replySink(sink);
        CompletableFuture<IncomingMessage> reply;
        try {
            reply = ctx.connection().send(rq.build());
        } catch (RuntimeException e) {
            out.close();
            throw e;
        }
        return reply.handleAsync((msg, failure) -> {
            try {
                if (failure != null) {
                    throw Puller.asC4(failure);
                }
                if (msg.isError()) {
                    throw ReplWire.errorOf(msg);
                }
                if (sink.overflowed) {
                    throw new C4Exception(ErrorDomain.LITECORE, ErrorCodes.LiteCore.CORRUPT_DATA,
                            "blob " + blob.key() + " sent longer than its " + limit + " bytes; discarded");
                }
                out.install(blob.key());
                return null;
            } finally {
                out.close();
            }
        }, worker);
    }

    /**
     * Writes reply chunks to the blob stream, at most {@code limit} bytes (beyond, nothing more is written and the
     * download fails); owns a small copy buffer for chunks without an accessible array.
     */
    private static final class StreamSink implements BodySink {
        private final BlobWriteStream out;
        private final long limit;
        private long received;
        /** Read on the worker after the reply completed (the completion publishes it). */
        volatile boolean overflowed;
        private byte[] copy;

        StreamSink(BlobWriteStream out, long limit) {
            this.out = out;
            this.limit = limit;
        }

        @Override
        public void accept(ByteBuffer chunk) {
            if (overflowed) {
                return;
            }
            received += chunk.remaining();
            if (received > limit) {
                overflowed = true;
                return;
            }
            if (chunk.hasArray()) {
                out.write(chunk.array(), chunk.arrayOffset() + chunk.position(), chunk.remaining());
                return;
            }
            if (copy == null) {
                copy = new byte[16 * 1024];
            }
            ByteBuffer b = chunk.duplicate();
            while (b.hasRemaining()) {
                int n = Math.min(copy.length, b.remaining());
                b.get(copy, 0, n);
                out.write(copy, 0, n);
            }
        }
    }
}
