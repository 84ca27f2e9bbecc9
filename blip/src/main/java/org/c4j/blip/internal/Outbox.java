package org.c4j.blip.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The queue of outgoing messages that have a frame ready to send (BLIP spec §3.2). The head sends one frame and,
 * if it has more, goes back in; normal messages go to the tail (round robin), urgent ones jump ahead:
 * <ul>
 *   <li>after the last urgent message in the queue, leaving one normal message between them if there is one, so
 *       normal messages keep moving towards the head however many urgent ones arrive;</li>
 *   <li>with no urgent message queued, after the first message;</li>
 *   <li>and a message that has not sent anything yet never goes ahead of another message that has not started
 *       either, so messages begin in the order they were queued.</li>
 * </ul>
 * Messages paused by flow control are simply not in the queue until their ACK arrives.
 *
 * <p>Pure data structure: no threads, no clocks. Not thread-safe; owned by the connection's executor.
 *
 * @param <E> the queued messages
 */
public final class Outbox<E extends Outbox.Entry> {

    /** What the outbox needs to know about a message. */
    public interface Entry {
        /** True for an urgent message. */
        boolean urgent();

        /** True once the message has sent at least one frame. */
        boolean started();
    }

    private final List<E> queue = new ArrayList<>();

    /** Queues a message that has a frame ready (new, just sent a frame, or resumed by an ACK). */
    public void add(E msg) {
        queue.add(insertionIndex(msg), msg);
    }

    private int insertionIndex(E msg) {
        int size = queue.size();
        if (!msg.urgent() || size <= 1) {
            return size;
        }
        boolean isNew = !msg.started();
        for (int i = size - 1; i >= 0; i--) {
            E other = queue.get(i);
            if (other.urgent()) {
                // Behind the last urgent message and one normal message after it, if any.
                return Math.min(i + 2, size);
            }
            if (isNew && !other.started()) {
                return i + 1;
            }
        }
        return 1;
    }

    /** Removes and returns the message that sends next, or null if the queue is empty. */
    public E poll() {
        return queue.isEmpty() ? null : queue.remove(0);
    }

    /** The message that sends next, or null. */
    public E peek() {
        return queue.isEmpty() ? null : queue.get(0);
    }

    public boolean isEmpty() {
        return queue.isEmpty();
    }

    public int size() {
        return queue.size();
    }

    /** Removes every queued message and returns them in queue order. */
    public List<E> drain() {
        List<E> all = new ArrayList<>(queue);
        queue.clear();
        return all;
    }

    /** A snapshot of the queue, head first (for tests and logs). */
    public List<E> snapshot() {
        return List.copyOf(queue);
    }
}
