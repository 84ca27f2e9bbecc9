package org.c4j.blip.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.c4j.blip.BodySource;

/**
 * The bytes of one outgoing message (properties block, then body), handed out one frame's worth at a time without
 * copying an array body. Not thread-safe: owned by the connection's executor.
 */
public abstract class OutgoingPayload {

    /** The payload of a message with an in-memory body. The arrays are not copied. */
    public static OutgoingPayload of(byte[] properties, byte[] body) {
        return new ArrayPayload(properties, body);
    }

    /** The payload of a message whose body streams from {@code source}, staged through a buffer of this size. */
    public static OutgoingPayload of(byte[] properties, BodySource source, int stagingSize) {
        return new SourcePayload(properties, source, stagingSize);
    }

    /**
     * The next chunk: a buffer with at most {@code max} remaining bytes (possibly none, for an empty last frame).
     * It is valid until the next call; the caller consumes it.
     *
     * @throws IOException if a body source fails
     */
    public abstract ByteBuffer next(int max) throws IOException;

    /** True if bytes remain after the last chunk returned by {@link #next}. */
    public abstract boolean hasMore();

    /** Bytes still to send (properties and body), or -1 if not known (a streamed body). */
    public abstract long remainingOrUnknown();

    /** Releases what the payload holds (after the message was sent or cancelled). */
    public abstract void release();

    /**
     * Heap bytes the payload holds until {@link #release()}: the properties block and an array body, or the staging
     * buffer of a streamed one.
     */
    public abstract long retainedBytes();

    /** An array body: the first frame joins the properties block and the start of the body; later ones slice it. */
    private static final class ArrayPayload extends OutgoingPayload {
        private ByteBuffer properties;
        private ByteBuffer body;

        ArrayPayload(byte[] properties, byte[] body) {
            this.properties = ByteBuffer.wrap(properties);
            this.body = ByteBuffer.wrap(body);
        }

        @Override
        public ByteBuffer next(int max) {
            if (properties.hasRemaining()) {
                int fromProps = Math.min(max, properties.remaining());
                int fromBody = Math.min(max - fromProps, body.remaining());
                ByteBuffer chunk = ByteBuffer.allocate(fromProps + fromBody);
                chunk.put(properties.array(), properties.position(), fromProps);
                properties.position(properties.position() + fromProps);
                chunk.put(body.array(), body.position(), fromBody);
                body.position(body.position() + fromBody);
                return chunk.flip();
            }
            int n = Math.min(max, body.remaining());
            ByteBuffer chunk = body.slice().limit(n);
            body.position(body.position() + n);
            return chunk;
        }

        @Override
        public boolean hasMore() {
            return properties.hasRemaining() || body.hasRemaining();
        }

        @Override
        public long remainingOrUnknown() {
            return (long) properties.remaining() + body.remaining();
        }

        @Override
        public void release() {
            properties = ByteBuffer.allocate(0);
            body = properties;
        }

        @Override
        public long retainedBytes() {
            return (long) properties.capacity() + body.capacity();
        }
    }

    /**
     * A streamed body, read ahead into a staging buffer larger than a frame so the last frame is known to be last
     * without an extra empty frame.
     */
    private static final class SourcePayload extends OutgoingPayload {
        private final ByteBuffer properties;
        private BodySource source;
        private ByteBuffer staging;
        private boolean sourceEnded;

        SourcePayload(byte[] properties, BodySource source, int stagingSize) {
            this.properties = ByteBuffer.wrap(properties);
            this.source = source;
            this.staging = ByteBuffer.allocate(stagingSize).flip();
        }

        @Override
        public ByteBuffer next(int max) throws IOException {
            if (staging.remaining() <= max) {
                refill();
            }
            int n = Math.min(max, staging.remaining());
            ByteBuffer chunk = staging.slice().limit(n);
            staging.position(staging.position() + n);
            return chunk;
        }

        private void refill() throws IOException {
            staging.compact();
            int n = Math.min(staging.remaining(), properties.remaining());
            staging.put(properties.array(), properties.position(), n);
            properties.position(properties.position() + n);
            while (!sourceEnded && staging.hasRemaining()) {
                int read = source.read(staging);
                if (read < 0) {
                    sourceEnded = true;
                } else if (read == 0) {
                    break; // nothing now: send what we have, ask again for the next frame
                }
            }
            staging.flip();
        }

        @Override
        public boolean hasMore() {
            return staging.hasRemaining() || properties.hasRemaining() || !sourceEnded;
        }

        @Override
        public long remainingOrUnknown() {
            return -1;
        }

        @Override
        public void release() {
            source = null;
            staging = ByteBuffer.allocate(0);
            sourceEnded = true;
        }

        @Override
        public long retainedBytes() {
            return (long) properties.capacity() + staging.capacity();
        }
    }
}
