package org.c4j.storage.internal;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Counts the open read transactions of an environment so that the memory map can be resized (which unmaps it)
 * only while none is open. Readers are never blocked by writers; they wait only while a resize is pending, and
 * at most {@link Tuning#READER_MAX_WAIT_NANOS}, so a thread that opens a second read transaction while holding a
 * first cannot deadlock with a resize (the resize then keeps waiting). Thread-safe.
 */
public final class ReaderGate {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private int readers;
    private boolean resizePending;

    /** Registers a reader; call {@link #exit()} exactly once when its transaction ends. */
    public void enter() {
        lock.lock();
        try {
            long wait = Tuning.READER_MAX_WAIT_NANOS;
            while (resizePending && wait > 0) {
                wait = changed.awaitNanos(wait);
            }
            readers++;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            readers++;
        } finally {
            lock.unlock();
        }
    }

    /** Unregisters a reader. */
    public void exit() {
        lock.lock();
        try {
            readers--;
            if (readers == 0) {
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Runs {@code action} now if no reader is open, without waiting. */
    public boolean tryRunExclusive(Runnable action) {
        lock.lock();
        try {
            if (readers != 0) {
                return false;
            }
            action.run();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits up to {@code timeoutNanos} for all readers to close, then runs {@code action} while no reader can
     * start.
     *
     * @return false if readers stayed open past the timeout (the action did not run)
     */
    public boolean runExclusive(long timeoutNanos, Runnable action) {
        lock.lock();
        try {
            resizePending = true;
            long wait = timeoutNanos;
            while (readers != 0) {
                if (wait <= 0) {
                    return false;
                }
                wait = changed.awaitNanos(wait);
            }
            action.run();
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            resizePending = false;
            changed.signalAll();
            lock.unlock();
        }
    }
}
