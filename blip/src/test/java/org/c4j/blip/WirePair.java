package org.c4j.blip;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.UnaryOperator;
import org.c4j.socket.C4Exception;
import org.c4j.socket.ErrorCodes;
import org.c4j.socket.ErrorDomain;

/**
 * Two connections wired through {@link FakeSocket}s and {@link ManualExecutor}s, moved step by step by
 * {@link #settle()}: a deterministic loopback for state-machine tests. Not thread-safe.
 */
final class WirePair {
    final FakeSocket socketA = new FakeSocket();
    final FakeSocket socketB = new FakeSocket();
    final ManualExecutor execA = new ManualExecutor();
    final ManualExecutor execB = new ManualExecutor();
    final BlipConnection a;
    final BlipConnection b;
    /** Applied to every frame from A to B (e.g. to corrupt it); identity by default. */
    UnaryOperator<ByteBuffer> filterAtoB = UnaryOperator.identity();
    private boolean closedDelivered;
    /** Whether A (index 0) and B (index 1) were told that the other side asked to close. */
    private final boolean[] peerTold = new boolean[2];

    WirePair(BlipConfig.Builder config) {
        a = BlipConnection.create(socketA, config.executor(execA).name("A").build());
        b = BlipConnection.create(socketB, config.executor(execB).name("B").build());
    }

    /** Starts both and delivers opened(). */
    WirePair open() {
        a.start();
        b.start();
        execA.runAll();
        execB.runAll();
        socketA.delegate.opened();
        socketB.delegate.opened();
        settle();
        return this;
    }

    /** Runs both sides and carries frames and close handshakes until nothing moves. */
    void settle() {
        boolean moved = true;
        while (moved) {
            moved = execA.runAll() + execB.runAll() > 0;
            moved |= carry(socketA, socketB, filterAtoB);
            moved |= carry(socketB, socketA, UnaryOperator.identity());
            moved |= closeHandshake();
        }
    }

    private static boolean carry(FakeSocket from, FakeSocket to, UnaryOperator<ByteBuffer> filter) {
        List<ByteBuffer> frames = from.takeWritten();
        for (ByteBuffer f : frames) {
            int n = f.remaining();
            ByteBuffer copy = ByteBuffer.allocate(n).put(f.duplicate()).flip();
            ByteBuffer delivered = filter.apply(copy);
            if (delivered != null && to.delegate != null && !bothClosing(from, to)) {
                to.delegate.received(delivered);
            }
            from.delegate.completedWrite(n);
        }
        return !frames.isEmpty();
    }

    private static boolean bothClosing(FakeSocket from, FakeSocket to) {
        return from.closeCode >= 0 && to.closeCode >= 0;
    }

    private boolean closeHandshake() {
        if (closedDelivered) {
            return false;
        }
        boolean aAsked = socketA.closeCode >= 0;
        boolean bAsked = socketB.closeCode >= 0;
        if (aAsked && bAsked) {
            closedDelivered = true;
            socketA.delegate.closed(error(socketA.closeCode, socketA.closeReason));
            socketB.delegate.closed(error(socketA.closeCode, socketA.closeReason));
            return true;
        }
        if (aAsked && !peerTold[1]) {
            peerTold[1] = true;
            socketB.delegate.closeRequested(socketA.closeCode, socketA.closeReason);
            return true;
        }
        if (bAsked && !peerTold[0]) {
            peerTold[0] = true;
            socketA.delegate.closeRequested(socketB.closeCode, socketB.closeReason);
            return true;
        }
        return false;
    }

    private static C4Exception error(int code, String reason) {
        return code == ErrorCodes.WebSocket.CLOSE_NORMAL ? null : new C4Exception(ErrorDomain.WEBSOCKET, code, reason);
    }
}
