package org.c4j.ws;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.c4j.socket.C4Exception;
import org.c4j.socket.C4Socket;
import org.c4j.socket.IncomingRequest;
import org.c4j.socket.SocketAcceptor;
import org.c4j.socket.SocketDelegate;
import org.c4j.socket.testkit.RecordingDelegate;

/**
 * Test acceptor: serves the given databases, opens every accepted socket with a {@link RecordingDelegate} and,
 * if echoing, writes every received message straight back (then releases it).
 */
public final class TestAcceptor implements SocketAcceptor {
    /** One accepted socket, its request and the recorder of its events. */
    record Accepted(C4Socket socket, IncomingRequest request, RecordingDelegate recorder) {
    }

    private final Set<String> databases;
    private final boolean echo;
    private final List<Accepted> accepted = new CopyOnWriteArrayList<>();

    TestAcceptor(Set<String> databases, boolean echo) {
        this.databases = databases;
        this.echo = echo;
    }

    @Override
    public void accept(C4Socket socket, IncomingRequest request) {
        RecordingDelegate recorder = echo ? new RecordingDelegate() : RecordingDelegate.autoReleasing(socket);
        synchronized (this) {
            accepted.add(new Accepted(socket, request, recorder));
            notifyAll();
        }
        socket.open(echo ? new Echo(socket, recorder) : recorder);
    }

    @Override
    public boolean servesDatabase(String database) {
        return databases.contains(database);
    }

    /** Drops the records of accepted sockets (what they received), e.g. before measuring the heap. */
    void forget() {
        accepted.clear();
    }

    boolean echoes() {
        return echo;
    }

    List<Accepted> accepted() {
        return List.copyOf(accepted);
    }

    synchronized Accepted awaitAccepted(int index, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (accepted.size() <= index) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no socket #" + index + " accepted in " + timeout);
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return accepted.get(index);
    }

    /** Records every event and echoes each message back to the peer. */
    private record Echo(C4Socket socket, RecordingDelegate recorder) implements SocketDelegate {
        @Override
        public void opened() {
            recorder.opened();
        }

        @Override
        public void gotHttpResponse(int status, Map<String, List<String>> headers) {
            recorder.gotHttpResponse(status, headers);
        }

        @Override
        public void received(ByteBuffer data) {
            int n = data.remaining();
            recorder.received(data.duplicate());
            socket.write(data);
            socket.completedReceive(n);
        }

        @Override
        public void closeRequested(int code, String reason) {
            recorder.closeRequested(code, reason);
        }

        @Override
        public void completedWrite(long byteCount) {
            recorder.completedWrite(byteCount);
        }

        @Override
        public void closed(C4Exception error) {
            recorder.closed(error);
        }
    }
}
