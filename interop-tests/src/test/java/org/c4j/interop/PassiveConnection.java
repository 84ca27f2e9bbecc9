package org.c4j.interop;

import com.couchbase.lite.LiteCoreException;
import com.couchbase.lite.internal.core.C4Constants;
import com.couchbase.lite.internal.core.C4Database;
import com.couchbase.lite.internal.core.C4DocumentEnded;
import com.couchbase.lite.internal.core.C4Replicator;
import com.couchbase.lite.internal.core.C4ReplicatorListener;
import com.couchbase.lite.internal.core.C4ReplicatorMode;
import com.couchbase.lite.internal.core.C4ReplicatorStatus;
import com.couchbase.lite.internal.core.C4Socket;
import org.c4j.interop.LiteCorePassivePeer.SessionEnd;
import org.java_websocket.WebSocket;
import org.java_websocket.exceptions.WebsocketNotConnectedException;
import org.java_websocket.framing.CloseFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

/**
 * One accepted WebSocket bridged to one LiteCore passive replicator: LiteCore sees this object as its
 * {@link C4Socket} in {@link C4Socket#NO_FRAMING} mode, so each binary WebSocket message is one BLIP frame.
 *
 * <p>Threading: every event (from the WebSocket server's threads and from LiteCore's threads) is enqueued on this
 * connection's own single-thread executor, which alone touches the state and calls into LiteCore. Byte arrays
 * passed in are owned by this object from then on.
 *
 * <p>LiteCore may crash if a frame reaches it before it has asked to open the socket ({@link #openSocket()}), so
 * frames and a close that arrive earlier are held and replayed in order once it has.
 */
final class PassiveConnection extends C4Socket {
    private static final Logger LOG = LoggerFactory.getLogger(PassiveConnection.class);

    /** Lifecycle of the bridge; transitions happen only in {@link #moveTo(State, State...)}. */
    enum State {
        /** Created; the replicator is not started yet. */
        CREATED,
        /** Replicator started; waiting for LiteCore to open the socket. Frames and a close are held. */
        AWAITING_OPEN,
        /** Frames flow both ways. */
        OPEN,
        /** LiteCore asked to close; the WebSocket close handshake is under way. */
        CLOSING,
        /** LiteCore has been told the socket closed. */
        CLOSED
    }

    private final WebSocket webSocket;
    private final String path;
    private final ExecutorService executor;
    private final CompletableFuture<SessionEnd> ended = new CompletableFuture<>();
    private final List<byte[]> heldFrames = new ArrayList<>();

    private State state = State.CREATED;
    private boolean closeHeld;
    private int closeCode;
    private String closeReason;
    private C4Replicator replicator;
    private C4ReplicatorStatus finalStatus;

    PassiveConnection(WebSocket webSocket, String path, int id) {
        super("ws", "127.0.0.1", webSocket.getLocalSocketAddress().getPort(), path, NO_FRAMING);
        this.webSocket = webSocket;
        this.path = path;
        this.executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "litecore-passive-" + id);
            t.setDaemon(true);
            return t;
        });
    }

    /** Completes once LiteCore was told the socket closed and its replicator stopped. */
    CompletableFuture<SessionEnd> ended() {
        return ended;
    }

    /** Creates and starts the passive replicator on {@code db}; {@code allowPush}: the peer may push to us. */
    void start(C4Database db, boolean allowPush, boolean allowPull) {
        enqueue(() -> {
            moveTo(State.AWAITING_OPEN, State.CREATED);
            // From the passive side "push" serves the peer's pulls (subChanges), "pull" accepts its pushes.
            int push = (allowPull ? C4ReplicatorMode.C4_PASSIVE : C4ReplicatorMode.C4_DISABLED).getVal();
            int pull = (allowPush ? C4ReplicatorMode.C4_PASSIVE : C4ReplicatorMode.C4_DISABLED).getVal();
            try {
                replicator = db.createTargetReplicator(this, push, pull, null, new StatusListener(), this);
            } catch (LiteCoreException e) {
                LOG.error("cannot create the passive replicator for {}", path, e);
                finalStatus = new C4ReplicatorStatus(C4ReplicatorStatus.ActivityLevel.STOPPED, e.domain, e.code);
                webSocket.close(CloseFrame.UNEXPECTED_CONDITION, "cannot create replicator");
                return;
            }
            replicator.start(false);
        });
    }

    // ---- events from the WebSocket server ----

    void onFrame(byte[] frame) {
        enqueue(() -> {
            switch (state) {
                case CREATED, AWAITING_OPEN -> heldFrames.add(frame);
                case OPEN, CLOSING -> received(frame);
                case CLOSED -> LOG.debug("{}: frame after close dropped", path);
            }
        });
    }

    void onWebSocketClosed(int code, String reason) {
        enqueue(() -> {
            closeCode = code;
            closeReason = reason;
            if (state == State.CREATED || state == State.AWAITING_OPEN) {
                closeHeld = true;
                if (replicator == null) {
                    moveTo(State.CLOSED, State.CREATED, State.AWAITING_OPEN);
                    finishIfDone();
                }
            } else if (state != State.CLOSED) {
                tellCoreClosed(code, reason);
            }
        });
    }

    // ---- calls from LiteCore (C4Socket) ----

    @Override
    protected void openSocket() {
        enqueue(() -> {
            moveTo(State.OPEN, State.AWAITING_OPEN);
            opened();
            for (byte[] frame : heldFrames) {
                received(frame);
            }
            heldFrames.clear();
            if (closeHeld) {
                tellCoreClosed(closeCode, closeReason);
            }
        });
    }

    @Override
    protected void send(byte[] frame) {
        enqueue(() -> {
            if (state != State.OPEN && state != State.CLOSING) {
                LOG.debug("{}: frame from LiteCore in state {} dropped", path, state);
                return;
            }
            try {
                webSocket.send(frame);
            } catch (WebsocketNotConnectedException e) {
                LOG.debug("{}: WebSocket gone, frame dropped", path);
                return;
            }
            completedWrite(frame.length);
        });
    }

    /** Java-WebSocket cannot pause reading, so receive flow control is left to BLIP's own ACKs. */
    @Override
    protected void completedReceive(long byteCount) {
    }

    @Override
    protected void requestClose(int status, String message) {
        enqueue(() -> {
            if (state != State.OPEN) {
                return;
            }
            moveTo(State.CLOSING, State.OPEN);
            webSocket.close(sendableCloseCode(status), message);
        });
    }

    /** Used by LiteCore only for framing sockets; closes the WebSocket so that {@code closed} follows. */
    @Override
    protected void closeSocket() {
        requestClose(CloseFrame.NORMAL, "");
    }

    /**
     * Ends the session from our side (1001 going away); LiteCore then hears {@code closed} as usual. Does nothing
     * if the WebSocket is already closing.
     */
    @Override
    public void close() {
        webSocket.close(CloseFrame.GOING_AWAY, "peer closing");
    }

    // ---- internals ----

    private void tellCoreClosed(int code, String reason) {
        moveTo(State.CLOSED, State.AWAITING_OPEN, State.OPEN, State.CLOSING);
        closed(C4Constants.ErrorDomain.WEB_SOCKET, code, reason == null ? "" : reason);
        finishIfDone();
    }

    private void onReplicatorStatus(C4ReplicatorStatus status) {
        if (status.getActivityLevel() != C4ReplicatorStatus.ActivityLevel.STOPPED || finalStatus != null) {
            return;
        }
        finalStatus = status;
        replicator.close();
        finishIfDone();
    }

    private void finishIfDone() {
        if (state == State.CLOSED && finalStatus != null) {
            ended.complete(new SessionEnd(path, finalStatus.getErrorDomain(), finalStatus.getErrorCode(), closeCode));
            executor.shutdown();
        }
    }

    private void moveTo(State next, State... allowedFrom) {
        for (State from : allowedFrom) {
            if (state == from) {
                state = next;
                return;
            }
        }
        throw new IllegalStateException(path + ": cannot move from " + state + " to " + next);
    }

    private void enqueue(Runnable task) {
        try {
            executor.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.error("{}: bridge failure in state {}", path, state, e);
                    webSocket.close(CloseFrame.UNEXPECTED_CONDITION, "bridge failure");
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.debug("{}: event after the session ended dropped", path);
        }
    }

    /** Java-WebSocket refuses to send reserved or out-of-range close codes; LiteCore may use HTTP-like ones. */
    private static int sendableCloseCode(int status) {
        boolean reserved = status == CloseFrame.NOCODE || status == CloseFrame.ABNORMAL_CLOSE
            || status == CloseFrame.TLS_ERROR || status == 1004;
        return status < CloseFrame.NORMAL || status > 4999 || reserved ? CloseFrame.UNEXPECTED_CONDITION : status;
    }

    /** Receives LiteCore's status callbacks (on its threads) and hands them to the executor. */
    private final class StatusListener implements C4ReplicatorListener {
        @Override
        public void statusChanged(C4Replicator repl, C4ReplicatorStatus status, Object context) {
            C4ReplicatorStatus copy = status.copy();
            enqueue(() -> onReplicatorStatus(copy));
        }

        /** LiteCore 3.0's passive side reports no per-document events. */
        @Override
        public void documentEnded(C4Replicator repl, boolean pushing, C4DocumentEnded[] documents, Object context) {
        }
    }
}
