package org.c4j;

/**
 * Registration of an observer; {@link #remove()} (or {@link #close()}) stops further callbacks (one already
 * running may finish). Thread-safe; removing twice is harmless.
 */
public interface ListenerToken extends AutoCloseable {
    void remove();

    @Override
    default void close() {
        remove();
    }
}
