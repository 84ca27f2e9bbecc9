package org.c4j.socket.testkit;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ScheduledExecutorService;
import org.c4j.socket.testkit.internal.SharedScheduler;

/**
 * How a {@link LoopbackPair} behaves: network model (latency, jitter, buffer size), close handshake timeout,
 * the executor that runs timers and delegate callbacks, and injected faults. The exact meaning of each setting
 * is described on {@link LoopbackPair}.
 *
 * <p>Immutable and thread-safe; one config may serve many pairs. Build with {@link #builder()}, change a copy
 * with {@link #toBuilder()}.
 *
 * <p><b>Contract rule:</b> {@link #bufferBytes()} is the pair's receive window: in-flight plus unreleased bytes
 * never exceed it ({@link ConformanceRule#RECEIVE_WINDOW}); faults end connections with an error on both sides
 * ({@link ConformanceRule#PEER_VANISH_IS_ERROR}).
 */
public final class LoopbackConfig {
    /**
     * Default {@link Builder#bufferBytes(long) buffer} per direction: 1 MiB, about what a pair of real TCP
     * socket buffers holds, and far more than BLIP's ~128 KB unacknowledged-bytes window, so a healthy engine
     * never stalls on it while an engine that forgets {@code completedReceive} stalls soon.
     */
    public static final long DEFAULT_BUFFER_BYTES = 1L << 20;

    /**
     * Default {@link Builder#closeTimeout(Duration) close timeout}: 5 s, the time a WebSocket peer is commonly
     * given to answer a close frame before the connection is dropped.
     */
    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private static final LoopbackConfig DEFAULTS = new Builder().build();

    private final Duration latency;
    private final Duration jitter;
    private final long jitterSeed;
    private final long bufferBytes;
    private final Duration closeTimeout;
    private final Duration openDelay;
    private final boolean refuseOpen;
    private final Map<Side, Long> dropAfterBytes;
    private final DropTrigger dropTrigger;
    private final String subprotocol;
    private final ScheduledExecutorService scheduler;

    private LoopbackConfig(Builder b) {
        latency = b.latency;
        jitter = b.jitter;
        jitterSeed = b.jitterSeed;
        bufferBytes = b.bufferBytes;
        closeTimeout = b.closeTimeout;
        openDelay = b.openDelay;
        refuseOpen = b.refuseOpen;
        dropAfterBytes = new EnumMap<>(Side.class);
        dropAfterBytes.putAll(b.dropAfterBytes);
        dropTrigger = b.dropTrigger;
        subprotocol = b.subprotocol;
        scheduler = b.scheduler;
    }

    /** No latency, 1 MiB buffers, 5 s close timeout, no subprotocol, no faults, the shared scheduler. */
    public static LoopbackConfig defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this config's settings. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** One-way delay of every message and close frame. */
    public Duration latency() {
        return latency;
    }

    /** Largest extra random delay added to {@link #latency()} per message ({@link Duration#ZERO}: none). */
    public Duration jitter() {
        return jitter;
    }

    /** Seed of the random source that draws jitter; each pair starts its own source from it. */
    public long jitterSeed() {
        return jitterSeed;
    }

    /** Per-direction limit on bytes in flight plus bytes received and not yet released. */
    public long bufferBytes() {
        return bufferBytes;
    }

    /** How long a close handshake may take before the connection is dropped. */
    public Duration closeTimeout() {
        return closeTimeout;
    }

    /** Extra time the client's open takes, on top of one round trip of latency. */
    public Duration openDelay() {
        return openDelay;
    }

    /** True if the client's connection attempt is refused. */
    public boolean refusesOpen() {
        return refuseOpen;
    }

    /** The byte budget after which the connection drops in {@code sender}'s direction, if set. */
    public OptionalLong dropAfterBytes(Side sender) {
        Long limit = dropAfterBytes.get(Objects.requireNonNull(sender, "sender"));
        return limit == null ? OptionalLong.empty() : OptionalLong.of(limit);
    }

    /** The per-message drop decision, if set. */
    public Optional<DropTrigger> dropTrigger() {
        return Optional.ofNullable(dropTrigger);
    }

    /** The subprotocol the client's 101 response names in {@code Sec-WebSocket-Protocol}, if any. */
    public Optional<String> subprotocol() {
        return Optional.ofNullable(subprotocol);
    }

    /** Runs timers, deliveries and (through one serial queue per socket) delegate callbacks. */
    public ScheduledExecutorService scheduler() {
        return scheduler;
    }

    @Override
    public String toString() {
        return "LoopbackConfig{latency=" + latency + ", jitter=" + jitter + ", jitterSeed=" + jitterSeed
                + ", bufferBytes=" + bufferBytes + ", closeTimeout=" + closeTimeout + ", openDelay=" + openDelay
                + ", refuseOpen=" + refuseOpen + ", dropAfterBytes=" + dropAfterBytes
                + ", dropTrigger=" + (dropTrigger != null) + ", subprotocol=" + subprotocol + "}";
    }

    /** Mutable builder of {@link LoopbackConfig}; not thread-safe. Every setter validates its argument. */
    public static final class Builder {
        private Duration latency = Duration.ZERO;
        private Duration jitter = Duration.ZERO;
        private long jitterSeed;
        private long bufferBytes = DEFAULT_BUFFER_BYTES;
        private Duration closeTimeout = DEFAULT_CLOSE_TIMEOUT;
        private Duration openDelay = Duration.ZERO;
        private boolean refuseOpen;
        private final Map<Side, Long> dropAfterBytes = new EnumMap<>(Side.class);
        private DropTrigger dropTrigger;
        private String subprotocol;
        private ScheduledExecutorService scheduler = SharedScheduler.instance();

        private Builder() {
        }

        private Builder(LoopbackConfig c) {
            latency = c.latency;
            jitter = c.jitter;
            jitterSeed = c.jitterSeed;
            bufferBytes = c.bufferBytes;
            closeTimeout = c.closeTimeout;
            openDelay = c.openDelay;
            refuseOpen = c.refuseOpen;
            dropAfterBytes.putAll(c.dropAfterBytes);
            dropTrigger = c.dropTrigger;
            subprotocol = c.subprotocol;
            scheduler = c.scheduler;
        }

        /** One-way delay of every message and close frame (default zero). */
        public Builder latency(Duration oneWay) {
            latency = nonNegative(oneWay, "latency");
            return this;
        }

        /**
         * Adds a random extra delay in {@code [0, max]} to each message, drawn from a {@link java.util.Random}
         * seeded with {@code seed}. Messages still arrive in the order they were written.
         */
        public Builder jitter(Duration max, long seed) {
            jitter = nonNegative(max, "jitter");
            jitterSeed = seed;
            return this;
        }

        /** Per-direction buffer limit in bytes, at least 1 (default {@link #DEFAULT_BUFFER_BYTES}). */
        public Builder bufferBytes(long bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("bufferBytes must be at least 1: " + bytes);
            }
            bufferBytes = bytes;
            return this;
        }

        /** Longest close handshake before the connection is dropped (default {@link #DEFAULT_CLOSE_TIMEOUT}). */
        public Builder closeTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "closeTimeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("closeTimeout must be positive: " + timeout);
            }
            closeTimeout = timeout;
            return this;
        }

        /** Fault: the client's open takes this much longer (default zero). */
        public Builder openDelay(Duration delay) {
            openDelay = nonNegative(delay, "openDelay");
            return this;
        }

        /** Fault: the client's connection attempt is refused. */
        public Builder refuseOpen() {
            refuseOpen = true;
            return this;
        }

        /**
         * Fault: at most {@code bytes} bytes are delivered in {@code sender}'s direction. Messages are delivered
         * while fewer than {@code bytes} bytes have been and the message fits in the rest; the first message that
         * does not is dropped whole and the connection is reset. So with {@code 0} the first message resets it,
         * and after exactly {@code bytes} bytes the next message (even an empty one) does.
         */
        public Builder dropAfterBytes(Side sender, long bytes) {
            Objects.requireNonNull(sender, "sender");
            if (bytes < 0) {
                throw new IllegalArgumentException("dropAfterBytes must not be negative: " + bytes);
            }
            dropAfterBytes.put(sender, bytes);
            return this;
        }

        /** Fault: reset the connection at a message chosen by {@code trigger} ({@code null} removes it). */
        public Builder dropWhen(DropTrigger trigger) {
            dropTrigger = trigger;
            return this;
        }

        /** Subprotocol named in the client's 101 response ({@code null}, the default: none). */
        public Builder subprotocol(String name) {
            subprotocol = name;
            return this;
        }

        /**
         * The executor for timers, deliveries and callbacks (default: one shared pool of daemon threads). A
         * single-threaded or virtual-time executor makes runs reproducible. It must not run a task on the thread
         * that submits it (callbacks would then run inside socket calls). Pairs never shut it down.
         */
        public Builder scheduler(ScheduledExecutorService executor) {
            scheduler = Objects.requireNonNull(executor, "scheduler");
            return this;
        }

        public LoopbackConfig build() {
            return new LoopbackConfig(this);
        }

        private static Duration nonNegative(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isNegative()) {
                throw new IllegalArgumentException(name + " must not be negative: " + d);
            }
            return d;
        }
    }
}
