package org.c4j.socket.testkit.internal;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import org.c4j.socket.testkit.Side;

/**
 * One direction of a loopback connection: what is in flight, in write order, and the byte accounting behind
 * back-pressure. A plain data holder: every field is guarded by the owning {@link LoopbackConnection}'s lock.
 */
final class Link {
    /** Something a socket sends: a message or a close frame. */
    sealed interface Item permits Data, CloseFrame {
    }

    /**
     * One message; the buffer is a private copy owned by the link until it is handed to the receiver.
     *
     * @param dropsConnection a {@link org.c4j.socket.testkit.DropTrigger} chose this message
     */
    record Data(ByteBuffer bytes, boolean dropsConnection) implements Item {
        int size() {
            return bytes.remaining();
        }
    }

    record CloseFrame(int code, String reason) implements Item {
    }

    /** An item on the wire; {@code ready} once its latency has passed. */
    static final class InFlight {
        final Item item;
        boolean ready;

        InFlight(Item item) {
            this.item = item;
        }
    }

    final Side sender;
    /** Bytes delivered in this direction beyond which the connection drops ({@code Long.MAX_VALUE}: never). */
    final long dropLimit;
    final ArrayDeque<InFlight> inFlight = new ArrayDeque<>();
    /** Bytes in flight plus bytes handed to the receiver and not yet released; the back-pressure measure. */
    long outstanding;
    long deliveredBytes;
    long deliveredMessages;
    long releasedBytes;
    boolean closeDelivered;

    Link(Side sender, long dropLimit) {
        this.sender = sender;
        this.dropLimit = dropLimit;
    }

    InFlight send(Item item) {
        InFlight f = new InFlight(item);
        inFlight.add(f);
        return f;
    }

    /** Whether a message of {@code size} bytes may still be delivered under the dropAfterBytes fault. */
    boolean withinDropLimit(int size) {
        return deliveredBytes < dropLimit && size <= dropLimit - deliveredBytes;
    }

    boolean headReady() {
        InFlight head = inFlight.peek();
        return head != null && head.ready;
    }

    /** Forgets everything in flight: the connection is gone. */
    void clear() {
        inFlight.clear();
        outstanding = 0;
    }
}
