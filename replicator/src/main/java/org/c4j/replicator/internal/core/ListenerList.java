package org.c4j.replicator.internal.core;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.c4j.ListenerToken;

/**
 * The registered listeners of one kind of event of a public object (replicator status changes, document events):
 * {@link #add} returns the token that removes the listener again, {@link #deliver} calls every listener
 * registered at that moment, in registration order. Thread-safe (copy-on-write); callers choose the thread that
 * delivers.
 *
 * @param <T> the event type
 */
public final class ListenerList<T> {
    private final List<Consumer<T>> listeners = new CopyOnWriteArrayList<>();

    /** Registers {@code listener} (not null) until the returned token is removed. */
    public ListenerToken add(Consumer<T> listener) {
        Objects.requireNonNull(listener, "listener");
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** True if no listener is registered now. */
    public boolean isEmpty() {
        return listeners.isEmpty();
    }

    /** Calls each registered listener with {@code event}. */
    public void deliver(T event) {
        listeners.forEach(l -> l.accept(event));
    }
}
