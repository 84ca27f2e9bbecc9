package org.c4j.blip.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import org.c4j.blip.BodySink;
import org.c4j.blip.IncomingMessage;

/**
 * One outgoing request or reply on its way out: its payload, its frame-by-frame progress and its flow-control
 * account. Requests get their number when their first frame is sent, so requests begin in number order.
 *
 * <p>Not thread-safe: owned by the connection's executor (the future may be observed from anywhere).
 */
public final class MessageOut implements Outbox.Entry {

    /** Progress of the message. Transitions only in {@link #moveTo}. */
    public enum State {
        /** Nothing sent yet. */
        QUEUED,
        /** Some frames sent, more to come; in the outbox. */
        SENDING,
        /** Some frames sent, paused until the peer acknowledges enough bytes; not in the outbox. */
        PAUSED,
        /** Last frame handed to the socket. */
        SENT,
        /** Dropped unsent or half-sent: the connection closed or the body source failed. */
        CANCELLED;

        boolean canMoveTo(State next) {
            return switch (this) {
                case QUEUED -> next != QUEUED;
                case SENDING -> next == PAUSED || next == SENT || next == CANCELLED;
                case PAUSED -> next == SENDING || next == CANCELLED;
                case SENT, CANCELLED -> false;
            };
        }
    }

    private final MessageType type;
    private int flags;
    private final OutgoingPayload payload;
    private final CompletableFuture<IncomingMessage> future;
    private final BodySink replySink;
    private long number;
    private long bytesSent;
    private long unackedBytes;
    private long charged;
    private State state = State.QUEUED;

    /**
     * @param number  the reply's request number, or 0 for a request (numbered when it starts)
     * @param flags   URGENT, NO_REPLY and COMPRESSED bits (the type and MORE_COMING are added here)
     * @param future  for requests: completes with the reply, or with null once sent for no-reply ones; null for
     *                replies
     */
    public MessageOut(MessageType type, long number, int flags, OutgoingPayload payload,
                      CompletableFuture<IncomingMessage> future, BodySink replySink) {
        if (type.isAck()) {
            throw new IllegalArgumentException("ACKs are not queued messages");
        }
        this.type = type;
        this.number = number;
        this.flags = flags & (BlipWire.URGENT | BlipWire.NO_REPLY | BlipWire.COMPRESSED);
        this.payload = payload;
        this.future = future;
        this.replySink = replySink;
    }

    public MessageType type() {
        return type;
    }

    public long number() {
        return number;
    }

    public State state() {
        return state;
    }

    @Override
    public boolean urgent() {
        return (flags & BlipWire.URGENT) != 0;
    }

    @Override
    public boolean started() {
        return state != State.QUEUED;
    }

    public boolean noReply() {
        return (flags & BlipWire.NO_REPLY) != 0;
    }

    /** True for a request that expects a reply. */
    public boolean expectsReply() {
        return type == MessageType.MSG && !noReply();
    }

    /** True if the message asks to be deflated (and may still be, having not started). */
    public boolean wantsCompression() {
        return (flags & BlipWire.COMPRESSED) != 0;
    }

    /** Bytes still to send, or -1 if not known (a streamed body). */
    public long remainingOrUnknown() {
        return payload.remainingOrUnknown();
    }

    /** Sends the message uncompressed after all; only before its first frame (every frame then agrees). */
    public void sendUncompressed() {
        checkState(state == State.QUEUED, "change compression");
        flags &= ~BlipWire.COMPRESSED;
    }

    public CompletableFuture<IncomingMessage> future() {
        return future;
    }

    public BodySink replySink() {
        return replySink;
    }

    /** Bytes of this message's frames after their headers (what the peer's ACKs count). */
    public long bytesSent() {
        return bytesSent;
    }

    /**
     * Encodes the next frame of at most {@code maxPayload} message bytes. A request without a number must be given
     * one first ({@link #assignNumber}). Moves to SENDING, PAUSED (more to send but too much unacknowledged) or SENT.
     *
     * @throws IOException if the body source fails (the caller cancels the message)
     */
    public ByteBuffer nextFrame(FrameEncoder encoder, int maxPayload, long pauseThreshold) throws IOException {
        checkState(state == State.QUEUED || state == State.SENDING, "send a frame");
        if (number == 0) {
            throw new IllegalStateException("request has no number yet");
        }
        ByteBuffer chunk = payload.next(maxPayload);
        boolean more = payload.hasMore();
        int frameFlags = type.wireValue() | flags | (more ? BlipWire.MORE_COMING : 0);
        ByteBuffer frame = encoder.encode(number, frameFlags, chunk, maxPayload);
        long counted = frame.remaining() - Varint.size(number) - Varint.size(frameFlags);
        bytesSent += counted;
        unackedBytes += counted;
        if (!more) {
            moveTo(State.SENT);
            payload.release();
        } else {
            State next = unackedBytes >= pauseThreshold ? State.PAUSED : State.SENDING;
            if (next != state) {
                moveTo(next);
            }
        }
        return frame;
    }

    /** Heap bytes the message's payload holds until it is sent or cancelled. */
    public long retainedBytes() {
        return payload.retainedBytes();
    }

    /** Records what the sender's queue account charged for this message (see {@link #uncharge()}). */
    public void charge(long bytes) {
        charged = bytes;
    }

    /** Returns what was charged and clears it, so a message is credited back exactly once. */
    public long uncharge() {
        long c = charged;
        charged = 0;
        return c;
    }

    /** Gives a request its number just before its first frame. */
    public void assignNumber(long value) {
        checkState(type == MessageType.MSG && number == 0 && state == State.QUEUED, "assign a number");
        this.number = value;
    }

    /**
     * The peer has received {@code byteCount} bytes of this message.
     *
     * @return true if the message was PAUSED and may now send again (it is then SENDING)
     */
    public boolean acknowledged(long byteCount, long pauseThreshold) {
        if (byteCount >= 0 && byteCount <= bytesSent) {
            unackedBytes = Math.min(unackedBytes, bytesSent - byteCount);
        }
        if (state == State.PAUSED && unackedBytes < pauseThreshold) {
            moveTo(State.SENDING);
            return true;
        }
        return false;
    }

    /** Drops the message; returns false if it was already SENT or CANCELLED. */
    public boolean cancel() {
        if (state == State.SENT || state == State.CANCELLED) {
            return false;
        }
        moveTo(State.CANCELLED);
        payload.release();
        return true;
    }

    private void moveTo(State next) {
        if (!state.canMoveTo(next)) {
            throw new IllegalStateException("MessageOut: bad transition " + state + " -> " + next);
        }
        state = next;
    }

    private void checkState(boolean ok, String action) {
        if (!ok) {
            throw new IllegalStateException("cannot " + action + " in state " + state + " (" + type + " #"
                    + number + ")");
        }
    }

    @Override
    public String toString() {
        return type + "#" + number + (urgent() ? "U" : "") + (noReply() ? "N" : "") + "[" + state + "]";
    }
}
