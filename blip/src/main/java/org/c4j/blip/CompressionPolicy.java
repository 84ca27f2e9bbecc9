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
     * Deflate a message that asks for it only when the link is what holds the sender back, and the message is at
     * least {@code BlipTuning.ADAPTIVE_COMPRESSION_MIN_BYTES} long (or streamed); otherwise it goes uncompressed.
     * The link is behind when the socket's backlog ({@link org.c4j.socket.C4Socket#unsentBytes}: bytes written to it
     * that it has not handed to the operating system; from a socket that does not say, bytes not yet reported by
     * {@code completedWrite}) stayed at or above half of {@link BlipConfig#maxUnwrittenBytes()} at every message
     * start while four times that many bytes were written, and it stays behind until the backlog falls below an
     * eighth. Counted in bytes, not time: a thread kept from a CPU for a while (on a loaded machine) cannot leave
     * more than {@code maxUnwrittenBytes} queued, so it does not count as a slow link. The default.
     */
    ADAPTIVE,
    /** Never deflate (as a compression level of 0). */
    NEVER
}
