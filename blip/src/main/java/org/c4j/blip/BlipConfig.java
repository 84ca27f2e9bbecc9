package org.c4j.blip;

import java.util.Objects;
import java.util.concurrent.Executor;
import org.c4j.blip.internal.BlipTuning;

/**
 * Settings of one {@link BlipConnection}; defaults come from LiteCore's behaviour (see each setter). Immutable;
 * thread-safe.
 */
public final class BlipConfig {
    private final Executor executor;
    private final int compressionLevel;
    private final CompressionPolicy compression;
    private final int frameSize;
    private final int smallFrameSize;
    private final int incomingAckThreshold;
    private final int outgoingAckThreshold;
    private final int maxUnwrittenBytes;
    private final int maxIncomingMessageSize;
    private final long maxBufferedIncomingBytes;
    private final int maxIncompleteIncomingRequests;
    private final int maxInflatedFrameSize;
    private final long maxQueuedOutgoingBytes;
    private final String name;

    private BlipConfig(Builder b) {
        this.executor = b.executor;
        this.compressionLevel = b.compressionLevel;
        this.compression = b.compression;
        this.frameSize = b.frameSize;
        this.smallFrameSize = Math.min(b.smallFrameSize, b.frameSize);
        this.incomingAckThreshold = b.incomingAckThreshold;
        this.outgoingAckThreshold = b.outgoingAckThreshold;
        this.maxUnwrittenBytes = b.maxUnwrittenBytes;
        this.maxIncomingMessageSize = b.maxIncomingMessageSize;
        this.maxBufferedIncomingBytes = b.maxBufferedIncomingBytes;
        this.maxIncompleteIncomingRequests = b.maxIncompleteIncomingRequests;
        this.maxInflatedFrameSize = b.maxInflatedFrameSize;
        this.maxQueuedOutgoingBytes = b.maxQueuedOutgoingBytes;
        this.name = b.name;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** All defaults. */
    public static BlipConfig defaults() {
        return builder().build();
    }

    /** The executor the connection's serial work runs on, or null for a shared daemon pool. */
    public Executor executor() {
        return executor;
    }

    public int compressionLevel() {
        return compressionLevel;
    }

    /** Which messages that ask for compression are deflated. */
    public CompressionPolicy compression() {
        return compression;
    }

    public int frameSize() {
        return frameSize;
    }

    public int smallFrameSize() {
        return smallFrameSize;
    }

    public int incomingAckThreshold() {
        return incomingAckThreshold;
    }

    public int outgoingAckThreshold() {
        return outgoingAckThreshold;
    }

    public int maxUnwrittenBytes() {
        return maxUnwrittenBytes;
    }

    /** Most buffered bytes (properties plus body) of one incoming message; see {@link Builder#maxIncomingMessageSize}. */
    public int maxIncomingMessageSize() {
        return maxIncomingMessageSize;
    }

    /** Most bytes held across incomplete incoming messages; see {@link Builder#maxBufferedIncomingBytes}. */
    public long maxBufferedIncomingBytes() {
        return maxBufferedIncomingBytes;
    }

    /** Most incoming requests in progress at once; see {@link Builder#maxIncompleteIncomingRequests}. */
    public int maxIncompleteIncomingRequests() {
        return maxIncompleteIncomingRequests;
    }

    /** Most bytes one compressed frame may inflate to; see {@link Builder#maxInflatedFrameSize}. */
    public int maxInflatedFrameSize() {
        return maxInflatedFrameSize;
    }

    /** Most bytes of replies the outgoing side may hold; see {@link Builder#maxQueuedOutgoingBytes}. */
    public long maxQueuedOutgoingBytes() {
        return maxQueuedOutgoingBytes;
    }

    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return "BlipConfig[" + name + ", maxIncomingMessageSize=" + maxIncomingMessageSize
                + ", maxBufferedIncomingBytes=" + maxBufferedIncomingBytes + ", maxIncompleteIncomingRequests="
                + maxIncompleteIncomingRequests + ", maxInflatedFrameSize=" + maxInflatedFrameSize
                + ", maxQueuedOutgoingBytes=" + maxQueuedOutgoingBytes + "]";
    }

    /** Builds a {@link BlipConfig}. Not thread-safe. */
    public static final class Builder {
        private Executor executor;
        private int compressionLevel = BlipTuning.COMPRESSION_LEVEL;
        private CompressionPolicy compression = CompressionPolicy.ADAPTIVE;
        private int frameSize = BlipTuning.FRAME_SIZE;
        private int smallFrameSize = BlipTuning.SMALL_FRAME_SIZE;
        private int incomingAckThreshold = BlipTuning.INCOMING_ACK_THRESHOLD;
        private int outgoingAckThreshold = BlipTuning.OUTGOING_ACK_THRESHOLD;
        private int maxUnwrittenBytes = BlipTuning.MAX_UNWRITTEN_BYTES;
        private int maxIncomingMessageSize = BlipTuning.MAX_INCOMING_MESSAGE_SIZE;
        private long maxBufferedIncomingBytes = BlipTuning.MAX_BUFFERED_INCOMING_BYTES;
        private int maxIncompleteIncomingRequests = BlipTuning.MAX_INCOMPLETE_INCOMING_REQUESTS;
        private int maxInflatedFrameSize = BlipTuning.MAX_INFLATED_FRAME_SIZE;
        private long maxQueuedOutgoingBytes = BlipTuning.MAX_QUEUED_OUTGOING_BYTES;
        private String name = "blip";

        private Builder() {
        }

        /**
         * Where the connection runs its work (socket events, handlers, listeners, futures). Any executor will do: the
         * connection wraps it so its tasks run one at a time. Default: a shared pool of daemon threads.
         */
        public Builder executor(Executor value) {
            this.executor = value;
            return this;
        }

        /** Deflate level 0..9 for messages that ask for compression; 0 sends everything uncompressed. Default 6. */
        public Builder compressionLevel(int value) {
            this.compressionLevel = checkRange("compressionLevel", value, 0, 9);
            return this;
        }

        /**
         * Which messages that ask for compression are deflated (at {@link #compressionLevel}). Default
         * {@link CompressionPolicy#ADAPTIVE}: only while the socket, not the CPU, is the bottleneck.
         */
        public Builder compression(CompressionPolicy value) {
            this.compression = Objects.requireNonNull(value, "compression");
            return this;
        }

        /** Most payload bytes per frame. Default 16 KiB. */
        public Builder frameSize(int value) {
            this.frameSize = checkRange("frameSize", value, 1, 1 << 24);
            return this;
        }

        /** Payload bytes per frame of a normal message while an urgent one waits behind it. Default 4 KiB. */
        public Builder smallFrameSize(int value) {
            this.smallFrameSize = checkRange("smallFrameSize", value, 1, 1 << 24);
            return this;
        }

        /** Send an ACK each time this many more bytes of an incoming message arrived. Default 50,000. */
        public Builder incomingAckThreshold(int value) {
            this.incomingAckThreshold = checkRange("incomingAckThreshold", value, 1, Integer.MAX_VALUE);
            return this;
        }

        /** Pause a message while this many of its sent bytes are unacknowledged. Default 128,000. */
        public Builder outgoingAckThreshold(int value) {
            this.outgoingAckThreshold = checkRange("outgoingAckThreshold", value, 1, Integer.MAX_VALUE);
            return this;
        }

        /** Stop writing frames while this many written bytes are not yet completed by the socket. Default 256 KiB. */
        public Builder maxUnwrittenBytes(int value) {
            this.maxUnwrittenBytes = checkRange("maxUnwrittenBytes", value, 1, Integer.MAX_VALUE);
            return this;
        }

        /**
         * Most bytes (properties plus body) of one incoming message the connection buffers; a bigger one closes the
         * connection with WebSocket 1009. Body bytes streamed to a reply's {@link BodySink} are not counted. Default
         * 32 MiB (Couchbase's document limit is 20 MB).
         */
        public Builder maxIncomingMessageSize(int value) {
            this.maxIncomingMessageSize = checkRange("maxIncomingMessageSize", value, 1, Integer.MAX_VALUE - 16);
            return this;
        }

        /**
         * Most bytes held across all incomplete incoming messages; more closes the connection with WebSocket 1009.
         * Default 48 MiB.
         */
        public Builder maxBufferedIncomingBytes(long value) {
            this.maxBufferedIncomingBytes = checkRange("maxBufferedIncomingBytes", value, 1, Long.MAX_VALUE);
            return this;
        }

        /**
         * Most incoming requests whose frames are still arriving; one more closes the connection with WebSocket
         * 1008. Default 64 (a LiteCore peer multiplexes about 15).
         */
        public Builder maxIncompleteIncomingRequests(int value) {
            this.maxIncompleteIncomingRequests = checkRange("maxIncompleteIncomingRequests", value, 1,
                    Integer.MAX_VALUE);
            return this;
        }

        /**
         * Most bytes one compressed frame may inflate to; more closes the connection with WebSocket 1009. Default
         * 1032 x 16 KiB, the most a LiteCore frame can carry.
         */
        public Builder maxInflatedFrameSize(int value) {
            this.maxInflatedFrameSize = checkRange("maxInflatedFrameSize", value, 1, Integer.MAX_VALUE - 16);
            return this;
        }

        /**
         * Most bytes the outgoing side may hold for the peer (queued, paused and partly sent replies, plus bytes not
         * yet written by the socket); more closes the connection with WebSocket 1008. Our own requests are not
         * counted. Default 64 MiB.
         */
        public Builder maxQueuedOutgoingBytes(long value) {
            this.maxQueuedOutgoingBytes = checkRange("maxQueuedOutgoingBytes", value, 1, Long.MAX_VALUE);
            return this;
        }

        /** Name used in log lines. */
        public Builder name(String value) {
            this.name = Objects.requireNonNull(value, "name");
            return this;
        }

        public BlipConfig build() {
            return new BlipConfig(this);
        }

        private static long checkRange(String what, long value, long min, long max) {
            if (value < min || value > max) {
                throw new IllegalArgumentException(what + " must be in " + min + ".." + max + ": " + value);
            }
            return value;
        }

        private static int checkRange(String what, int value, int min, int max) {
            if (value < min || value > max) {
                throw new IllegalArgumentException(what + " must be in " + min + ".." + max + ": " + value);
            }
            return value;
        }
    }
}
