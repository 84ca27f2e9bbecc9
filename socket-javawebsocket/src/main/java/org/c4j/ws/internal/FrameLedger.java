package org.c4j.ws.internal;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers how many message payload bytes each encoded outgoing data frame carries, so the writer can report
 * {@code completedWrite} in the engine's units (payload bytes, not wire bytes with WebSocket headers and masks)
 * once the frame has really been written to the socket.
 *
 * <p>Java-WebSocket encodes each frame into a freshly allocated heap buffer ({@code Draft_6455.createBinaryFrame})
 * and queues that very buffer for the socket; the frame's backing array is therefore a unique identity
 * ({@code byte[]} has identity equality) that links the frame the {@link LedgerDraft} saw being made to the bytes
 * the writer later pushes out. Frames never written (the connection died first) are never reported. Thread-safe.
 */
public final class FrameLedger {
    private final Map<byte[], Integer> payloadByFrame = new ConcurrentHashMap<>();

    /** A data frame carrying {@code payloadBytes} was encoded into {@code frame}. */
    void encoded(ByteBuffer frame, int payloadBytes) {
        payloadByFrame.put(frame.array(), payloadBytes);
    }

    /** {@code frame} has been written completely; returns its payload size (0 for control frames and HTTP). */
    public long written(ByteBuffer frame) {
        if (!frame.hasArray()) {
            return 0;
        }
        Integer payload = payloadByFrame.remove(frame.array());
        return payload == null ? 0 : payload;
    }
}
