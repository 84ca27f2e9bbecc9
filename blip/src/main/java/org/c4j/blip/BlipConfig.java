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
    private final int frameSize;
    private final int smallFrameSize;
    private final int incomingAckThreshold;
    private final int outgoingAckThreshold;
    private final int maxUnwrittenBytes;
    private final String name;

    private BlipConfig(Builder b) {
        this.executor = b.executor;
        this.compressionLevel = b.compressionLevel;
        this.frameSize = b.frameSize;
        this.smallFrameSize = Math.min(b.smallFrameSize, b.frameSize);
        this.incomingAckThreshold = b.incomingAckThreshold;
        this.outgoingAckThreshold = b.outgoingAckThreshold;
        this.maxUnwrittenBytes = b.maxUnwrittenBytes;
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

    public String name() {
        return name;
    }

    /** Builds a {@link BlipConfig}. Not thread-safe. */
    public static final class Builder {
        private Executor executor;
        private int compressionLevel = BlipTuning.COMPRESSION_LEVEL;
        private int frameSize = BlipTuning.FRAME_SIZE;
        private int smallFrameSize = BlipTuning.SMALL_FRAME_SIZE;
        private int incomingAckThreshold = BlipTuning.INCOMING_ACK_THRESHOLD;
        private int outgoingAckThreshold = BlipTuning.OUTGOING_ACK_THRESHOLD;
        private int maxUnwrittenBytes = BlipTuning.MAX_UNWRITTEN_BYTES;
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

        /** Name used in log lines. */
        public Builder name(String value) {
            this.name = Objects.requireNonNull(value, "name");
            return this;
        }

        public BlipConfig build() {
            return new BlipConfig(this);
        }

        private static int checkRange(String what, int value, int min, int max) {
            if (value < min || value > max) {
                throw new IllegalArgumentException(what + " must be in " + min + ".." + max + ": " + value);
            }
            return value;
        }
    }
}
