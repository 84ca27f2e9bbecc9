package org.c4j.ws.internal.listen;

import java.nio.ByteBuffer;

import org.c4j.socket.C4Exception;
import org.c4j.socket.C4Socket;
import org.c4j.socket.Framing;
import org.c4j.socket.SocketDelegate;
import org.c4j.ws.WsExecutors;
import org.c4j.ws.internal.CloseMapping;
import org.c4j.ws.internal.SerialEvents;
import org.c4j.ws.internal.WsConnection;

/**
 * A listener-side {@link C4Socket} for an accepted, upgraded {@link WsConnection}. Its events are queued from
 * the moment the WebSocket opens — {@code opened} first — and delivered, in order, once the acceptor calls
 * {@link #open}; so no frame reaches an engine that has not attached yet (LiteCore crashes on that).
 * {@code closed} is queued exactly once: when the connection ends, or at once by {@link #close()}.
 *
 * <p><b>Threading:</b> thread-safe. The lock is never held while calling into the {@link WsConnection}.
 */
public final class IncomingSocket implements C4Socket {

    /** The socket's life as its delegate will see it; transitions only in {@link #moveTo}. */
    enum State {
        OPEN, CLOSING, CLOSED;

        boolean canMoveTo(State next) {
            return switch (this) {
                case OPEN -> next != OPEN;
                case CLOSING -> next == CLOSED;
                case CLOSED -> false;
            };
        }
    }

    private final WsConnection connection;
    private final SerialEvents events;
    private final Object lock = new Object();
    // Guarded by lock.
    private State state = State.OPEN;
    /** Set once by {@link #open}; read by queued events, which run only after it is set. */
    private volatile SocketDelegate delegate;

    IncomingSocket(WsConnection connection, WsExecutors executors) {
        this.connection = connection;
        this.events = new SerialEvents(executors.callbacks());
        events.post(() -> delegate.opened());
    }

    @Override
    public Framing framing() {
        return Framing.MESSAGES;
    }

    @Override
    public void open(SocketDelegate delegate) {
        synchronized (lock) {
            if (this.delegate != null) {
                throw new IllegalStateException("socket already opened");
            }
            this.delegate = delegate;
        }
        events.start();
    }

    @Override
    public void write(ByteBuffer data) {
        synchronized (lock) {
            if (state != State.OPEN) {
                return;
            }
        }
        connection.send(data);
    }

    /** Frames not yet written to the socket (wire bytes). */
    @Override
    public long unsentBytes() {
        return connection.unsentBytes();
    }

    @Override
    public void completedReceive(long byteCount) {
        connection.acknowledge(byteCount);
    }

    @Override
    public void requestClose(int code, String reason) {
        synchronized (lock) {
            if (state != State.OPEN) {
                return;
            }
            moveTo(State.CLOSING);
        }
        connection.close(code, reason);
    }

    @Override
    public void close() {
        synchronized (lock) {
            if (state == State.CLOSED) {
                return;
            }
            finish(CloseMapping.localAbort());
        }
        connection.abort();
    }

    @Override
    public String toString() {
        return "ws listener socket from " + connection.remoteAddress();
    }

    void received(ByteBuffer message) {
        runUnlessClosed(() -> delegate.received(message));
    }

    void closeRequested(int code, String reason) {
        synchronized (lock) {
            if (state == State.CLOSED) {
                return;
            }
            if (state == State.OPEN) {
                moveTo(State.CLOSING);
            }
            events.post(() -> delegate.closeRequested(code, reason));
        }
    }

    void written(long payloadBytes) {
        runUnlessClosed(() -> delegate.completedWrite(payloadBytes));
    }

    void ended(C4Exception error) {
        synchronized (lock) {
            if (state != State.CLOSED) {
                finish(error);
            }
        }
    }

    /** A transport thread's own event: queued in order under the lock, run on this thread outside it if idle. */
    private void runUnlessClosed(Runnable event) {
        boolean claimed;
        synchronized (lock) {
            if (state == State.CLOSED) {
                return;
            }
            claimed = events.claim(event);
        }
        if (claimed) {
            events.runClaimed();
        }
    }

    /** Queues {@code closed} and moves to CLOSED. Caller holds the lock; state is not CLOSED. */
    private void finish(C4Exception error) {
        moveTo(State.CLOSED);
        events.post(() -> delegate.closed(error));
    }

    /** Caller holds the lock. */
    private void moveTo(State next) {
        if (!state.canMoveTo(next)) {
            throw new IllegalStateException("IncomingSocket: bad transition " + state + " -> " + next);
        }
        state = next;
    }
}
