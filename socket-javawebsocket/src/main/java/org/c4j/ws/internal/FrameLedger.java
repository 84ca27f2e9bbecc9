package org.c4j.ws.internal;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Remembers each encoded outgoing frame until the writer has written it: how many message payload bytes it
 * carries, so the writer can report {@code completedWrite} in the engine's units (payload bytes, not wire bytes
 * with WebSocket headers and masks) once the frame has really been written to the socket; and how many bytes
 * all queued frames hold, so a connection can bound its send queue ({@link Tuning#MAX_SEND_QUEUE}).
 *
 * <p>Java-WebSocket encodes each frame into a freshly allocated heap buffer ({@code Draft_6455.createBinaryFrame})
 * and queues that very buffer for the socket; the frame's backing array is therefore a unique identity
 * ({@code byte[]} has identity equality) that links the frame the {@link LedgerDraft} saw being made to the bytes
 * the writer later pushes out. Frames never written (the connection died first) are never reported. Thread-safe.
 */
public final class FrameLedger {
    /** Per queued frame: payload bytes in the low 32 bits, wire bytes in the high 32. */
    private final Map<byte[], Long> frames = new ConcurrentHashMap<>();
    private final AtomicLong queued = new AtomicLong();
    /** Wire bytes of the frames in {@link #frames}, without the per-entry charge. */
    private final AtomicLong unsent = new AtomicLong();

    /** A frame carrying {@code payloadBytes} of message data (0 for control frames) was encoded into {@code frame}. */
    void encoded(ByteBuffer frame, int payloadBytes) {
        int wire = frame.remaining();
        frames.put(frame.array(), ((long) wire << 32) | (payloadBytes & 0xFFFFFFFFL));
        queued.addAndGet(wire + Tuning.SEND_QUEUE_ENTRY_COST);
        unsent.addAndGet(wire);
    }

    /** {@code frame} has been written completely; returns its payload size (0 for control frames and HTTP). */
    public long written(ByteBuffer frame) {
        if (!frame.hasArray()) {
            return 0;
        }
        Long entry = frames.remove(frame.array());
        if (entry == null) {
            return 0;
        }
        queued.addAndGet(-((entry >>> 32) + Tuning.SEND_QUEUE_ENTRY_COST));
        unsent.addAndGet(-(entry >>> 32));
        return entry & 0xFFFFFFFFL;
    }

    /** Wire bytes of encoded frames not yet written to the socket (the transport's {@code unsentBytes}). */
    public long unsentBytes() {
        return unsent.get();
    }

    /** Bytes of encoded frames not yet written, each charged {@link Tuning#SEND_QUEUE_ENTRY_COST} extra. */
    public long queuedBytes() {
        return queued.get();
    }
}
