package org.c4j.blip.internal;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.c4j.blip.BodySink;

/**
 * One incoming request or reply being assembled from its frames: properties through a {@link MessageAssembler}, body
 * into memory or to a {@link BodySink}, and the byte count that drives our ACKs.
 *
 * <p>Not thread-safe: owned by the connection's executor. It copies what it keeps of each frame's borrowed payload.
 */
public final class MessageIn {

    /** Progress of the message. Transitions only in {@link #moveTo}. */
    public enum State {
        /** Frames arriving. */
        RECEIVING,
        /** Last frame arrived; {@link #properties()} and {@link #body()} are final. */
        COMPLETE,
        /** Malformed, or its sink failed: later frames are counted and dropped. */
        FAILED;

        boolean canMoveTo(State next) {
            return this == RECEIVING && next != RECEIVING;
        }
    }

    private final MessageAssembler assembler = new MessageAssembler();
    private final long number;
    private final BodySink sink;
    private final long ackThreshold;
    private int flags = -1;
    private List<byte[]> chunks;
    private int bodySize;
    private long bytesReceived;
    private long unackedBytes;
    private State state = State.RECEIVING;
    private RuntimeException failure;

    /**
     * @param sink         where a successful reply's body goes instead of memory, or null
     * @param ackThreshold acknowledge each time this many more bytes arrived
     */
    public MessageIn(long number, BodySink sink, long ackThreshold) {
        this.number = number;
        this.sink = sink;
        this.ackThreshold = ackThreshold;
    }

    public long number() {
        return number;
    }

    public State state() {
        return state;
    }

    /** Flags of the first frame (without MORE_COMING). */
    public int flags() {
        return flags;
    }

    public MessageType type() {
        return MessageType.fromFlags(flags);
    }

    /** Wire bytes of this message received so far (frames after their headers), what our ACKs report. */
    public long bytesReceived() {
        return bytesReceived;
    }

    /**
     * Adds one frame. A malformed message (bad properties) or a failing sink moves it to FAILED with the cause in
     * {@link #failure()}; its later frames are only counted.
     *
     * @param wireBytes the frame's size on the wire after its header (for ACK accounting)
     * @return true if an ACK reporting {@link #bytesReceived()} is now due
     */
    public boolean addFrame(Frame frame, long wireBytes) {
        if (state == State.COMPLETE) {
            throw new IllegalStateException("frame for complete message #" + number);
        }
        bytesReceived += wireBytes;
        unackedBytes += wireBytes;
        boolean ackDue = frame.moreComing() && unackedBytes >= ackThreshold;
        if (ackDue) {
            unackedBytes = 0;
        }
        if (flags < 0) {
            flags = frame.flags() & ~BlipWire.MORE_COMING;
        }
        if (state == State.RECEIVING) {
            try {
                ByteBuffer body = assembler.feed(frame.payload());
                if (body.hasRemaining()) {
                    appendBody(body);
                }
                if (!frame.moreComing()) {
                    assembler.finish();
                    moveTo(State.COMPLETE);
                }
            } catch (RuntimeException e) {
                moveTo(State.FAILED);
                failure = e;
                chunks = null;
            }
        }
        return ackDue;
    }

    /** Why the message FAILED, or null. */
    public RuntimeException failure() {
        return failure;
    }

    private void appendBody(ByteBuffer body) {
        if (sink != null && type() == MessageType.RPY) {
            sink.accept(body);
            return;
        }
        byte[] chunk = new byte[body.remaining()];
        body.get(chunk);
        if (chunks == null) {
            chunks = new ArrayList<>();
        }
        chunks.add(chunk);
        bodySize = Math.addExact(bodySize, chunk.length);
    }

    /** The properties, once COMPLETE. */
    public Map<String, String> properties() {
        checkComplete();
        return assembler.properties();
    }

    /** The buffered body, once COMPLETE (empty if streamed to a sink). */
    public byte[] body() {
        checkComplete();
        if (chunks == null) {
            return new byte[0];
        }
        if (chunks.size() == 1) {
            return chunks.get(0);
        }
        byte[] all = new byte[bodySize];
        int pos = 0;
        for (byte[] c : chunks) {
            System.arraycopy(c, 0, all, pos, c.length);
            pos += c.length;
        }
        chunks = List.of(all);
        return all;
    }

    private void moveTo(State next) {
        if (!state.canMoveTo(next)) {
            throw new IllegalStateException("MessageIn: bad transition " + state + " -> " + next);
        }
        state = next;
    }

    private void checkComplete() {
        if (state != State.COMPLETE) {
            throw new IllegalStateException("message #" + number + " is " + state);
        }
    }
}
