package org.c4j.blip.internal.stream;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.c4j.socket.C4Exception;
import org.c4j.socket.C4Socket;
import org.c4j.socket.ErrorDomain;
import org.c4j.socket.Framing;
import org.c4j.socket.SocketDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Speaks WebSocket framing over a byte-stream socket ({@link Framing#BYTE_STREAM_CLIENT} or
 * {@link Framing#BYTE_STREAM_SERVER}) and shows the engine a {@link Framing#MESSAGES} socket: each engine write
 * becomes one binary frame (masked as a client), whole incoming binary messages go up one by one, pings are
 * answered, and the close handshake is done with close frames, then the stream is ended with the transport's
 * {@code requestClose}.
 *
 * <p>Accounting: {@code completedWrite} goes up in message bytes once the transport has written the whole frame;
 * stream bytes are given back to the transport ({@code completedReceive}) as they are parsed, except while the
 * engine holds more than {@link StreamWire#RECEIVE_WINDOW} message bytes unprocessed (then the transport's own
 * window stops its reading). {@code closed}: {@code null} after a close handshake with code 1000 (whoever started
 * it); a {@link ErrorDomain#WEBSOCKET} error with the first close frame's code otherwise, or with 1002/1003/1009 for
 * a framing error of the peer, or 1006 if the stream ended without a handshake (or the peer did not answer within
 * {@link StreamWire#CLOSE_TIMEOUT}); the transport's error if it failed.
 *
 * <p><b>Threading:</b> thread-safe. State is guarded by one lock; calls down to the transport are made under it
 * (so frames go out in order), calls up to the engine are made outside it, from the transport's callbacks only, so
 * they never overlap. The transport must not hold a lock of its own while it calls its delegate.
 */
public final class ByteStreamSocket implements C4Socket, SocketDelegate {
    private static final Logger LOG = LoggerFactory.getLogger(ByteStreamSocket.class);
    private static final SecureRandom SEEDS = new SecureRandom();
    private static final ScheduledExecutorService TIMERS = timers();

    /** The adapter's life; changed only by {@link #moveTo}, under {@link #lock}. */
    private enum State {
        NEW, CONNECTING, OPEN, CLOSE_SENT, CLOSE_RECEIVED, ENDING, CLOSED;

        boolean canMoveTo(State next) {
            return switch (this) {
                case NEW -> next == CONNECTING || next == CLOSED;
                case CONNECTING -> next == OPEN || next == CLOSED;
                case OPEN -> next == CLOSE_SENT || next == CLOSE_RECEIVED || next == ENDING || next == CLOSED;
                case CLOSE_SENT, CLOSE_RECEIVED -> next == ENDING || next == CLOSED;
                case ENDING -> next == CLOSED;
                case CLOSED -> false;
            };
        }
    }

    private final C4Socket inner;
    private final FrameWriter writer;
    private final FrameReader reader;
    private final Object lock = new Object();
    private SocketDelegate up;
    // Guarded by lock.
    private State state = State.NEW;
    private final ArrayDeque<long[]> unwritten = new ArrayDeque<>(); // {frame bytes, message bytes}
    private long writeCredit;
    private long engineHeld;
    private long streamHeld;
    private int closeCode;
    private String closeReason = "";
    private C4Exception failure;
    private ScheduledFuture<?> closeTimer;

    private ByteStreamSocket(C4Socket inner) {
        this.inner = inner;
        boolean client = inner.framing() == Framing.BYTE_STREAM_CLIENT;
        this.writer = new FrameWriter(client, SEEDS.nextLong());
        this.reader = new FrameReader(!client);
    }

    /** {@code socket} itself if it is message-framed, else a framing adapter around it. */
    public static C4Socket messageFramed(C4Socket socket) {
        return switch (socket.framing()) {
            case MESSAGES -> socket;
            case BYTE_STREAM_CLIENT, BYTE_STREAM_SERVER -> new ByteStreamSocket(socket);
        };
    }

    @Override
    public Framing framing() {
        return Framing.MESSAGES;
    }

    @Override
    public void open(SocketDelegate delegate) {
        synchronized (lock) {
            if (state != State.NEW) {
                throw new IllegalStateException("socket already opened");
            }
            up = delegate;
            moveTo(State.CONNECTING);
        }
        inner.open(this);
    }

    @Override
    public void write(ByteBuffer data) {
        synchronized (lock) {
            if (state == State.OPEN || state == State.CLOSE_RECEIVED) {
                send(StreamWire.OP_BINARY, data, data.remaining());
            }
        }
    }

    /** The byte-stream transport's own figure (frame headers included), or -1. */
    @Override
    public long unsentBytes() {
        return inner.unsentBytes();
    }

    @Override
    public void completedReceive(long byteCount) {
        long release;
        synchronized (lock) {
            engineHeld = Math.max(0, engineHeld - byteCount);
            release = releasable();
        }
        if (release > 0) {
            inner.completedReceive(release);
        }
    }

    @Override
    public void requestClose(int code, String reason) {
        synchronized (lock) {
            switch (state) {
                case NEW, CONNECTING -> inner.close();
                case OPEN -> {
                    sendClose(code, reason);
                    closeCode = code;
                    closeReason = reason;
                    moveTo(State.CLOSE_SENT);
                    startCloseTimer();
                }
                case CLOSE_RECEIVED -> {
                    sendClose(code, reason);
                    moveTo(State.ENDING);
                    startCloseTimer();
                    inner.requestClose(code, reason);
                }
                default -> {
                }
            }
        }
    }

    @Override
    public void close() {
        inner.close();
    }

    // ---- SocketDelegate of the byte-stream socket: its callbacks, one at a time ----

    @Override
    public void opened() {
        synchronized (lock) {
            if (state != State.CONNECTING) {
                return;
            }
            moveTo(State.OPEN);
        }
        up.opened();
    }

    @Override
    public void gotPeerCertificates(List<X509Certificate> chain) {
        up.gotPeerCertificates(chain);
    }

    @Override
    public void gotHttpResponse(int status, Map<String, List<String>> headers) {
        up.gotHttpResponse(status, headers);
    }

    @Override
    public void received(ByteBuffer data) {
        List<ByteBuffer> messages = new ArrayList<>();
        int[] peerClose = new int[1];
        String[] peerReason = new String[1];
        long release;
        synchronized (lock) {
            if (state == State.CLOSED || state == State.NEW || state == State.CONNECTING) {
                LOG.debug("bytes from the transport while {}: dropped", state);
                return;
            }
            streamHeld += data.remaining();
            try {
                reader.feed(data, new FrameReader.Events() {
                    @Override
                    public void message(ByteBuffer m) {
                        if (state == State.OPEN || state == State.CLOSE_SENT) {
                            engineHeld += m.remaining();
                            messages.add(m);
                        }
                    }

                    @Override
                    public void ping(ByteBuffer payload) {
                        if (state == State.OPEN || state == State.CLOSE_RECEIVED) {
                            send(StreamWire.OP_PONG, payload, 0);
                        }
                    }

                    @Override
                    public void pong() {
                    }

                    @Override
                    public void close(int code, String reason) {
                        if (peerClosed(code, reason)) {
                            peerClose[0] = code;
                            peerReason[0] = reason;
                        }
                    }
                });
            } catch (StreamProtocolException e) {
                fail(e.closeCode(), e.getMessage());
            }
            release = releasable();
        }
        for (ByteBuffer m : messages) {
            up.received(m);
        }
        if (peerReason[0] != null) {
            up.closeRequested(peerClose[0], peerReason[0]);
        }
        if (release > 0) {
            inner.completedReceive(release);
        }
    }

    @Override
    public void closeRequested(int code, String reason) {
        LOG.debug("byte-stream transport delivered closeRequested({}); ignored (close frames are the engine's)", code);
    }

    @Override
    public void completedWrite(long byteCount) {
        long report = 0;
        synchronized (lock) {
            writeCredit += byteCount;
            while (!unwritten.isEmpty() && unwritten.peekFirst()[0] <= writeCredit) {
                long[] frame = unwritten.removeFirst();
                writeCredit -= frame[0];
                report += frame[1];
            }
        }
        if (report > 0) {
            up.completedWrite(report);
        }
    }

    @Override
    public void closed(C4Exception error) {
        C4Exception result;
        synchronized (lock) {
            if (state == State.CLOSED) {
                return;
            }
            boolean handshakeDone = state == State.ENDING && failure == null;
            moveTo(State.CLOSED);
            if (closeTimer != null) {
                closeTimer.cancel(false);
            }
            if (failure != null) {
                result = failure;
            } else if (handshakeDone) {
                result = closeCode == StreamWire.CLOSE_NORMAL ? null
                        : new C4Exception(ErrorDomain.WEBSOCKET, closeCode, closeReason);
            } else if (error != null) {
                result = error;
            } else {
                result = new C4Exception(ErrorDomain.WEBSOCKET, StreamWire.CLOSE_ABNORMAL,
                        "the stream ended without a WebSocket close handshake");
            }
        }
        up.closed(result);
    }

    // ---- under lock ----

    /** The peer's close frame; true if the engine must be told (closeRequested). */
    private boolean peerClosed(int code, String reason) {
        switch (state) {
            case OPEN -> {
                closeCode = code == StreamWire.CLOSE_NO_STATUS ? StreamWire.CLOSE_NORMAL : code;
                closeReason = reason;
                moveTo(State.CLOSE_RECEIVED);
                return true;
            }
            case CLOSE_SENT -> {
                moveTo(State.ENDING);
                inner.requestClose(closeCode, closeReason);
                return false;
            }
            default -> {
                return false;
            }
        }
    }

    private void fail(int code, String message) {
        LOG.warn("closing a byte-stream connection: {}", message);
        if (state == State.OPEN || state == State.CLOSE_RECEIVED) {
            sendClose(code, message);
        }
        if (state != State.ENDING && state != State.CLOSED) {
            failure = new C4Exception(ErrorDomain.WEBSOCKET, code, message);
            moveTo(State.ENDING);
            startCloseTimer();
            inner.requestClose(code, message);
        }
    }

    private void moveTo(State next) {
        if (!state.canMoveTo(next)) {
            throw new IllegalStateException("ByteStreamSocket: bad transition " + state + " -> " + next);
        }
        state = next;
    }

    private void sendClose(int code, String reason) {
        byte[] text = reason == null ? new byte[0] : reason.getBytes(StandardCharsets.UTF_8);
        int length = Math.min(text.length, StreamWire.MAX_CONTROL_PAYLOAD - 2);
        ByteBuffer payload = ByteBuffer.allocate(2 + length).putShort((short) code).put(text, 0, length).flip();
        send(StreamWire.OP_CLOSE, payload, 0);
    }

    private void send(int opcode, ByteBuffer payload, long messageBytes) {
        ByteBuffer frame = writer.frame(opcode, payload);
        unwritten.addLast(new long[] {frame.remaining(), messageBytes});
        inner.write(frame);
    }

    private long releasable() {
        if (engineHeld > StreamWire.RECEIVE_WINDOW) {
            return 0;
        }
        long r = streamHeld;
        streamHeld = 0;
        return r;
    }

    private void startCloseTimer() {
        if (closeTimer == null) {
            closeTimer = TIMERS.schedule(this::closeTimedOut, StreamWire.CLOSE_TIMEOUT.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    private void closeTimedOut() {
        synchronized (lock) {
            if (state == State.CLOSED) {
                return;
            }
            if (state != State.ENDING && failure == null) {
                failure = new C4Exception(ErrorDomain.WEBSOCKET, StreamWire.CLOSE_ABNORMAL,
                        "no close frame from the peer within " + StreamWire.CLOSE_TIMEOUT.toSeconds() + " s");
            }
        }
        inner.close();
    }

    private static ScheduledExecutorService timers() {
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
            Thread thread = new Thread(r, "c4j-blip-stream-timer");
            thread.setDaemon(true);
            return thread;
        });
        t.setRemoveOnCancelPolicy(true);
        return t;
    }
}
