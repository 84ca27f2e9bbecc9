package org.c4j.blip;

/**
 * Which outgoing messages that ask for compression ({@link OutgoingMessage.Builder#compressed}) are deflated. BLIP's
 * compressed flag is per message (the peer inflates each frame marked compressed through its one inflate context and
 * reads the others as they are), so a sender may choose message by message; every choice here is readable by any
 * BLIP 3 peer, Couchbase Lite included.
 *
 * <p>Deflating costs the sender far more CPU than it saves in bytes on a fast link: at level 6 a 1 KiB document
 * costs about 38 µs to compress (BENCHMARKS.md, replication analysis), more than everything else c4j spends on
 * it, to save a third of its bytes. It pays only where the link, not the CPU, limits throughput.
 */
public enum CompressionPolicy {
    /** Deflate every message that asks for it, as LiteCore does. */
    ALWAYS,
    /**
     * Deflate a message that asks for it only when the link is what holds the sender back: when the message starts,
     * at least half of {@link BlipConfig#maxUnwrittenBytes()} has been written to the socket without being
     * completed (the socket is not keeping up), and the message is at least
     * {@code BlipTuning.ADAPTIVE_COMPRESSION_MIN_BYTES} long (or streamed). Otherwise it goes uncompressed. The
     * default.
     */
    ADAPTIVE,
    /** Never deflate (as a compression level of 0). */
    NEVER
}
