package org.c4j.socket.testkit.internal;

import org.c4j.socket.SerialExecutor;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.Set;
import org.c4j.socket.C4Exception;
import org.c4j.socket.C4Socket;
import org.c4j.socket.Framing;
import org.c4j.socket.SocketDelegate;
import org.c4j.socket.testkit.Side;

/**
 * One side of a loopback connection as a {@link C4Socket}: its state, delegate, callback queue and the
 * messages it wrote that the link has not yet accepted. The logic lives in {@link LoopbackConnection}; every
 * mutable field here is guarded by that connection's lock. Thread-safe through it.
 */
final class Endpoint implements C4Socket {

    /** A socket's life. Changed only by {@link #moveTo}. */
    enum State {
        /** Created; {@link C4Socket#open} not called yet. */
        UNOPENED,
        /** Client only: open called, handshake under way (or, with refuseOpen, a server waiting to be refused). */
        OPENING,
        /** Connected: may write, receives. */
        OPEN,
        /** Sent its close frame: writes are dropped, still receives. */
        CLOSING,
        /** Done: {@code closed} was delivered (or the socket was closed before it was opened). */
        CLOSED;

        private Set<State> next() {
            return switch (this) {
                case UNOPENED -> Set.of(OPENING, OPEN, CLOSED);
                case OPENING -> Set.of(OPEN, CLOSED);
                case OPEN -> Set.of(CLOSING, CLOSED);
                case CLOSING -> Set.of(CLOSED);
                case CLOSED -> Set.of();
            };
        }
    }

    final Side side;
    final SerialExecutor events;
    private final LoopbackConnection connection;

    State state = State.UNOPENED;
    SocketDelegate delegate;
    /** Why the connection ended while this side was still unopened; delivered by a later open(). */
    C4Exception pendingError;
    /** Written but not yet accepted by the link (back-pressure), in write order. */
    final ArrayDeque<Link.Item> sendQueue = new ArrayDeque<>();
    long messagesWritten;

    Endpoint(Side side, LoopbackConnection connection, SerialExecutor events) {
        this.side = side;
        this.connection = connection;
        this.events = events;
    }

    void moveTo(State target) {
        if (!state.next().contains(target)) {
            throw new IllegalStateException(this + ": internal error, no transition " + state + " -> " + target);
        }
        state = target;
    }

    /** Can be handed messages and close frames. */
    boolean receives() {
        return state == State.OPEN || state == State.CLOSING;
    }

    IllegalStateException misuse(String call, String hint) {
        return new IllegalStateException(this + ": " + call + " is not allowed in state " + state + " (" + hint + ")");
    }

    @Override
    public Framing framing() {
        return Framing.MESSAGES;
    }

    @Override
    public void open(SocketDelegate socketDelegate) {
        connection.open(this, socketDelegate);
    }

    @Override
    public void write(ByteBuffer data) {
        connection.write(this, data);
    }

    @Override
    public void completedReceive(long byteCount) {
        connection.completedReceive(this, byteCount);
    }

    @Override
    public void requestClose(int code, String reason) {
        connection.requestClose(this, code, reason);
    }

    @Override
    public void close() {
        connection.close(this);
    }

    @Override
    public String toString() {
        return "loopback " + side.name().toLowerCase(Locale.ROOT) + " socket";
    }
}
