package org.c4j.blip.internal;

import java.nio.ByteBuffer;
import java.util.Map;
import org.c4j.blip.BodySink;
import org.c4j.socket.ErrorCodes;

/**
 * One incoming request or reply being assembled from its frames: properties through a {@link MessageAssembler}, body
 * into memory or to a {@link BodySink}, and the byte count that drives our ACKs.
 *
 * <p>Limits: every payload byte (properties and body, uncompressed) counts against {@code maxSize}, except body bytes
 * handed to a reply's sink; a frame that would go past it is refused before it is copied ({@link BlipLimitException},
 * 1009), and so is an announced properties block over {@link BlipWire#MAX_PROPERTIES_SIZE}. A FAILED message keeps
 * counting, so an endless malformed message ends at the same limit. {@link #retainedBytes()} is what it holds.
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
    private final long maxSize;
    private int flags = -1;
    private BodyBuffer body = new BodyBuffer();
    private long countedBytes;
    private long bytesReceived;
    private long unackedBytes;
    private State state = State.RECEIVING;
    private RuntimeException failure;

    /**
     * @param sink         where a successful reply's body goes instead of memory, or null
     * @param ackThreshold acknowledge each time this many more bytes arrived
     * @param maxSize      most payload bytes (properties and buffered body) the message may have
     */
    public MessageIn(long number, BodySink sink, long ackThreshold, long maxSize) {
        this.number = number;
        this.sink = sink;
        this.ackThreshold = ackThreshold;
        this.maxSize = maxSize;
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
     * @throws BlipLimitException if the message grows past its size limit (nothing of the frame is kept then)
     */
    public boolean addFrame(Frame frame, long wireBytes) {
        if (state == State.COMPLETE) {
            throw new IllegalStateException("frame for complete message #" + number);
        }
        if (flags < 0) {
            flags = frame.flags() & ~BlipWire.MORE_COMING;
        }
        if (!streamsToSink()) {
            countedBytes += frame.payload().remaining();
            if (countedBytes > maxSize) {
                release();
                throw new BlipLimitException(ErrorCodes.WebSocket.CLOSE_MESSAGE_TOO_BIG, type() + " #" + number
                        + " is larger than " + maxSize + " bytes");
            }
        }
        bytesReceived += wireBytes;
        unackedBytes += wireBytes;
        boolean ackDue = frame.moreComing() && unackedBytes >= ackThreshold;
        if (ackDue) {
            unackedBytes = 0;
        }
        if (state == State.RECEIVING) {
            try {
                ByteBuffer bodyPart = assembler.feed(frame.payload());
                if (bodyPart.hasRemaining()) {
                    appendBody(bodyPart);
                }
                if (!frame.moreComing()) {
                    assembler.finish();
                    moveTo(State.COMPLETE);
                }
            } catch (BlipLimitException e) {
                release();
                throw e;
            } catch (RuntimeException e) {
                moveTo(State.FAILED);
                failure = e;
                body = null;
            }
        }
        return ackDue;
    }

    /** True once body bytes go to the reply sink instead of memory (they are then not counted). */
    private boolean streamsToSink() {
        return sink != null && type() == MessageType.RPY && assembler.hasProperties();
    }

    /** Heap bytes this message holds: its properties and buffered body. */
    public long retainedBytes() {
        return assembler.retainedBytes() + (body == null ? 0 : body.capacity());
    }

    /** Drops the buffered body (the message is abandoned). */
    public void release() {
        body = null;
    }

    /** Why the message FAILED, or null. */
    public RuntimeException failure() {
        return failure;
    }

    private void appendBody(ByteBuffer bytes) {
        if (sink != null && type() == MessageType.RPY) {
            sink.accept(bytes);
            return;
        }
        body.append(bytes);
    }

    /** The properties, once COMPLETE. */
    public Map<String, String> properties() {
        checkComplete();
        return assembler.properties();
    }

    /** The buffered body, once COMPLETE (empty if streamed to a sink). */
    public byte[] body() {
        checkComplete();
        return body.toArray();
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
