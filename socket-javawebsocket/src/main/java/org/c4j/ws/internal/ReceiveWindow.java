package org.c4j.ws.internal;

/**
 * Receive flow control for one connection: counts message bytes handed to the engine and not yet reported
 * back with {@code completedReceive}, and makes the connection's reader thread wait while that count exceeds
 * the window. While the reader waits nothing is read from the socket, so TCP flow control pushes back on the
 * peer. Thread-safe.
 */
public final class ReceiveWindow {
    private final long limit;
    // Guarded by this.
    private long outstanding;
    private boolean closed;

    ReceiveWindow(long limit) {
        this.limit = limit;
    }

    /** {@code bytes} more were handed to the engine. */
    synchronized void delivered(long bytes) {
        outstanding += bytes;
    }

    /** The engine finished with {@code bytes} (more than outstanding is clamped). */
    synchronized void released(long bytes) {
        outstanding = Math.max(0, outstanding - Math.max(0, bytes));
        if (outstanding <= limit) {
            notifyAll();
        }
    }

    /** True while reading is held back. */
    synchronized boolean isFull() {
        return outstanding > limit && !closed;
    }

    /** Waits until reading may continue: the window has room or the connection is gone. */
    synchronized void awaitRoom() throws InterruptedException {
        while (outstanding > limit && !closed) {
            wait();
        }
    }

    /** The connection is gone: releases a waiting reader for good. */
    synchronized void close() {
        closed = true;
        notifyAll();
    }
}
