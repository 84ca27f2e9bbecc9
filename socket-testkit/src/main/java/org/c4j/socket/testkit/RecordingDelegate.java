package org.c4j.socket.testkit;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.c4j.socket.C4Exception;
import org.c4j.socket.C4Socket;
import org.c4j.socket.SocketDelegate;

/**
 * A {@link SocketDelegate} for tests: records every event in order, lets a test wait for events, and checks
 * the SPI's delivery rules on the way. Use it on a {@link LoopbackPair} side or on any transport under test.
 *
 * <p>Rules checked (breaches are listed by {@link #violations()}, never thrown, so a transport's thread is not
 * disturbed): callbacks never overlap; {@code opened} at most once; no {@code gotHttpResponse} after
 * {@code opened}; no {@code received}, {@code completedWrite} or {@code closeRequested} before {@code opened};
 * {@code closed} exactly once and nothing after it.
 *
 * <p>Made by {@link #RecordingDelegate()} it only records; {@link #autoReleasing(C4Socket)} also reports each
 * received message to its socket with {@code completedReceive} right after recording it, like an engine that
 * consumes instantly.
 *
 * <p><b>Threading:</b> thread-safe; callbacks may come from any thread and accessors may be called from any
 * thread. Received buffers are copied into the record ({@link Event.Received#data()} returns the recorded array).
 */
public final class RecordingDelegate implements SocketDelegate {

    /** One recorded callback. Immutable, except for the byte array of {@link Received}. */
    public sealed interface Event {
        /** {@link SocketDelegate#opened()}. */
        record Opened() implements Event {
        }

        /** {@link SocketDelegate#gotHttpResponse}; headers copied. */
        record HttpResponse(int status, Map<String, List<String>> headers) implements Event {
        }

        /** {@link SocketDelegate#received}: a copy of the message. */
        record Received(byte[] data) implements Event {
            @Override
            public String toString() {
                int shown = Math.min(data.length, 32);
                return "Received[" + data.length + " bytes: " + HexFormat.of().formatHex(data, 0, shown)
                        + (shown < data.length ? "..." : "") + "]";
            }
        }

        /** {@link SocketDelegate#closeRequested}. */
        record CloseRequested(int code, String reason) implements Event {
        }

        /** {@link SocketDelegate#completedWrite}. */
        record CompletedWrite(long byteCount) implements Event {
        }

        /** {@link SocketDelegate#closed}; {@code error} is {@code null} after a normal close. */
        record Closed(C4Exception error) implements Event {
        }
    }

    private final C4Socket releaseTo;
    private final AtomicInteger inCallback = new AtomicInteger();
    // Guarded by this.
    private final List<Event> events = new ArrayList<>();
    private final List<String> violations = new ArrayList<>();
    private boolean opened;
    private boolean closed;

    /** A delegate that only records. */
    public RecordingDelegate() {
        this.releaseTo = null;
    }

    private RecordingDelegate(C4Socket releaseTo) {
        this.releaseTo = Objects.requireNonNull(releaseTo, "socket");
    }

    /** A delegate that also calls {@code socket.completedReceive(n)} after recording each n-byte message. */
    public static RecordingDelegate autoReleasing(C4Socket socket) {
        return new RecordingDelegate(socket);
    }

    @Override
    public void opened() {
        record(new Event.Opened());
    }

    @Override
    public void gotHttpResponse(int status, Map<String, List<String>> headers) {
        record(new Event.HttpResponse(status, headers == null ? Map.of() : Map.copyOf(headers)));
    }

    @Override
    public void received(ByteBuffer data) {
        byte[] copy = new byte[data.remaining()];
        data.duplicate().get(copy);
        record(new Event.Received(copy));
        if (releaseTo != null) {
            releaseTo.completedReceive(copy.length);
        }
    }

    @Override
    public void closeRequested(int code, String reason) {
        record(new Event.CloseRequested(code, reason));
    }

    @Override
    public void completedWrite(long byteCount) {
        record(new Event.CompletedWrite(byteCount));
    }

    @Override
    public void closed(C4Exception error) {
        record(new Event.Closed(error));
    }

    private void record(Event event) {
        boolean overlapping = inCallback.incrementAndGet() > 1;
        try {
            synchronized (this) {
                if (overlapping) {
                    violations.add("callback overlapped another: " + event);
                }
                check(event);
                events.add(event);
                notifyAll();
            }
        } finally {
            inCallback.decrementAndGet();
        }
    }

    private void check(Event event) {
        if (closed) {
            violations.add("event after closed: " + event);
        }
        if (event instanceof Event.Opened) {
            if (opened) {
                violations.add("opened twice");
            }
            opened = true;
        } else if (event instanceof Event.HttpResponse) {
            if (opened) {
                violations.add("gotHttpResponse after opened: " + event);
            }
        } else if (event instanceof Event.Closed) {
            closed = true;
        } else if (!opened) {
            violations.add("before opened: " + event);
        }
    }

    /** All events so far, in order. */
    public synchronized List<Event> events() {
        return List.copyOf(events);
    }

    /** The received messages so far, in order (the recorded arrays). */
    public synchronized List<byte[]> receivedMessages() {
        List<byte[]> out = new ArrayList<>();
        for (Event e : events) {
            if (e instanceof Event.Received r) {
                out.add(r.data());
            }
        }
        return out;
    }

    /** Sum of the sizes of the received messages so far. */
    public synchronized long receivedBytes() {
        return events.stream().mapToLong(e -> e instanceof Event.Received r ? r.data().length : 0).sum();
    }

    /** Sum of the {@code completedWrite} counts so far. */
    public synchronized long completedWriteBytes() {
        return events.stream().mapToLong(e -> e instanceof Event.CompletedWrite w ? w.byteCount() : 0).sum();
    }

    public synchronized boolean isOpened() {
        return opened;
    }

    public synchronized boolean isClosed() {
        return closed;
    }

    /** How many times {@code closed} was called (the SPI demands exactly 1 in the end). */
    public synchronized int closedCount() {
        return (int) events.stream().filter(e -> e instanceof Event.Closed).count();
    }

    /** The error of the first {@code closed}; {@code null} if not closed yet or closed normally. */
    public synchronized C4Exception closeError() {
        for (Event e : events) {
            if (e instanceof Event.Closed c) {
                return c.error();
            }
        }
        return null;
    }

    /** Breaches of the SPI's delivery rules seen so far (empty if none), in order. */
    public synchronized List<String> violations() {
        return List.copyOf(violations);
    }

    /** Waits until {@code opened} was called; false on timeout. */
    public boolean awaitOpened(Duration timeout) throws InterruptedException {
        return awaitEvents(list -> list.stream().anyMatch(e -> e instanceof Event.Opened), timeout);
    }

    /** Waits until {@code closed} was called; false on timeout. */
    public boolean awaitClosed(Duration timeout) throws InterruptedException {
        return awaitEvents(list -> list.stream().anyMatch(e -> e instanceof Event.Closed), timeout);
    }

    /** Waits until at least {@code count} messages were received; false on timeout. */
    public boolean awaitReceived(int count, Duration timeout) throws InterruptedException {
        return awaitEvents(list -> list.stream().filter(e -> e instanceof Event.Received).count() >= count,
                timeout);
    }

    /**
     * Waits until {@code condition} holds for the events so far (tested on a read-only view, with this delegate
     * locked, after each new event); false on timeout.
     */
    public synchronized boolean awaitEvents(Predicate<List<Event>> condition, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Event> view = Collections.unmodifiableList(events);
        while (!condition.test(view)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    @Override
    public synchronized String toString() {
        return "RecordingDelegate" + Arrays.toString(events.toArray());
    }
}
