package org.c4j.socket.testkit;

import java.nio.ByteBuffer;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import org.c4j.socket.C4Exception;
import org.c4j.socket.C4Socket;
import org.c4j.socket.SocketDelegate;
import org.c4j.socket.testkit.internal.Background;

/**
 * A {@link SocketDelegate} for tests: records every event in order, lets a test wait for events, and checks
 * the SPI's delivery rules on the way. Use it on a {@link LoopbackPair} side or on any transport under test; the
 * conformance suite ({@link ConformanceChecks}) puts one on each side of every connection it makes.
 *
 * <p>Rules checked (breaches are listed by {@link #violations()} and, with the {@link ConformanceRule} each breaks,
 * by {@link #ruleViolations()}; never thrown, so a transport's thread is not disturbed): callbacks never overlap
 * ({@link ConformanceRule#NO_OVERLAP}); {@code opened} at most once and no {@code received}, {@code completedWrite}
 * or {@code closeRequested} before it ({@link ConformanceRule#NOTHING_BEFORE_OPENED}); no {@code gotHttpResponse}
 * or {@code gotPeerCertificates} after {@code opened} ({@link ConformanceRule#HTTP_RESPONSE_BEFORE_OPENED});
 * {@code closed} at most once
 * ({@link ConformanceRule#CLOSED_ONCE}) and nothing after it ({@link ConformanceRule#NOTHING_AFTER_CLOSED}); with
 * writes announced through {@link #noteWrite}, {@code completedWrite} never ahead of them and never negative
 * ({@link ConformanceRule#WRITE_ACCOUNTING}); with a {@link Builder#receiveWindow receive window}, no
 * {@code received} while more than the window is unreleased ({@link ConformanceRule#RECEIVE_WINDOW}).
 *
 * <p>Made by {@link #RecordingDelegate()} it only records; {@link #autoReleasing(C4Socket)} also reports each
 * received message to its socket with {@code completedReceive} right after recording it, like an engine that
 * consumes instantly. {@link #builder()} makes one that releases like a real engine (on another thread, or only
 * when told), answers close requests, and lingers in callbacks so overlapping deliveries show.
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

        /** {@link SocketDelegate#gotPeerCertificates}: the TLS chain the peer presented, leaf first. */
        record PeerCertificates(List<X509Certificate> chain) implements Event {
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

    /** A breach of one {@link ConformanceRule}, as seen by this delegate. Immutable. */
    public record Violation(ConformanceRule rule, String detail) {
        @Override
        public String toString() {
            return rule + ": " + detail;
        }
    }

    /** When a delegate made by {@link #builder()} gives received bytes back with {@code completedReceive}. */
    public enum Release {
        /** Inside the {@code received} callback, right after recording (like {@link #autoReleasing}). */
        IMMEDIATE,
        /** Soon after, on another thread, as an engine handing work to its own executor does. */
        ASYNC,
        /** Only when the test calls {@link #releaseAll()} (or switches with {@link #setRelease}). */
        MANUAL
    }

    private final C4Socket socket;
    private final long receiveWindow;
    private final boolean answerCloseRequests;
    private final long dwellNanos;
    private final AtomicInteger inCallback = new AtomicInteger();
    // Guarded by this.
    private final List<Event> events = new ArrayList<>();
    private final List<Violation> violations = new ArrayList<>();
    private Release release;
    private boolean opened;
    private boolean closed;
    private boolean writesNoted;
    private long written;
    private long completed;
    private long unreleased;
    private long receivedTotal;
    private long receivedCount;
    private long largestReceived;

    /** A delegate that only records. */
    public RecordingDelegate() {
        this(new Builder());
    }

    private RecordingDelegate(Builder b) {
        this.socket = b.socket;
        this.release = b.release;
        this.receiveWindow = b.receiveWindow;
        this.answerCloseRequests = b.answerCloseRequests;
        this.dwellNanos = b.dwell.toNanos();
    }

    /** A delegate that also calls {@code socket.completedReceive(n)} after recording each n-byte message. */
    public static RecordingDelegate autoReleasing(C4Socket socket) {
        return builder().socket(socket).release(Release.IMMEDIATE).build();
    }

    /** A builder for a delegate that behaves like an engine: see {@link Builder}. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Announces that the test is about to {@code write} {@code bytes} bytes to this delegate's socket; call it
     * <em>before</em> the write, so a {@code completedWrite} ahead of the bytes written is caught
     * ({@link ConformanceRule#WRITE_ACCOUNTING}).
     */
    public synchronized void noteWrite(long bytes) {
        writesNoted = true;
        written += bytes;
    }

    /** Sum of the sizes announced with {@link #noteWrite}. */
    public synchronized long writtenBytes() {
        return written;
    }

    /** Received bytes not yet given back with {@code completedReceive}. */
    public synchronized long unreleasedBytes() {
        return unreleased;
    }

    /** Gives every unreleased byte back to the socket now ({@code completedReceive}); needs a socket. */
    public void releaseAll() {
        long n;
        synchronized (this) {
            n = unreleased;
            unreleased = 0;
        }
        if (n > 0) {
            requireSocket().completedReceive(n);
        }
    }

    /** Changes how received bytes are given back; switching away from {@link Release#MANUAL} releases what is held. */
    public void setRelease(Release mode) {
        Objects.requireNonNull(mode, "mode");
        requireSocket();
        synchronized (this) {
            release = mode;
        }
        if (mode != Release.MANUAL) {
            releaseAll();
        }
    }

    @Override
    public void opened() {
        record(new Event.Opened());
    }

    @Override
    public void gotPeerCertificates(List<X509Certificate> chain) {
        record(new Event.PeerCertificates(chain == null ? List.of() : List.copyOf(chain)));
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
        Release mode;
        synchronized (this) {
            mode = socket == null ? null : release;
        }
        if (mode == Release.IMMEDIATE) {
            releaseAll();
        } else if (mode == Release.ASYNC) {
            Background.run(this::releaseAll);
        }
    }

    @Override
    public void closeRequested(int code, String reason) {
        record(new Event.CloseRequested(code, reason));
        if (answerCloseRequests && socket != null) {
            Background.run(() -> socket.requestClose(code, reason));
        }
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
            if (dwellNanos > 0) {
                LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(dwellNanos + 1));
            }
            overlapping |= inCallback.get() > 1;
            synchronized (this) {
                if (overlapping) {
                    violate(ConformanceRule.NO_OVERLAP, "callback overlapped another: " + event);
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
            violate(event instanceof Event.Closed ? ConformanceRule.CLOSED_ONCE : ConformanceRule.NOTHING_AFTER_CLOSED,
                    "event after closed: " + event);
        }
        if (event instanceof Event.Opened) {
            if (opened) {
                violate(ConformanceRule.NOTHING_BEFORE_OPENED, "opened twice");
            }
            opened = true;
        } else if (event instanceof Event.HttpResponse || event instanceof Event.PeerCertificates) {
            if (opened) {
                violate(ConformanceRule.HTTP_RESPONSE_BEFORE_OPENED, (event instanceof Event.HttpResponse
                        ? "gotHttpResponse" : "gotPeerCertificates") + " after opened: " + event);
            }
        } else if (event instanceof Event.Closed) {
            closed = true;
        } else if (!opened) {
            violate(ConformanceRule.NOTHING_BEFORE_OPENED, "before opened: " + event);
        }
        if (event instanceof Event.CompletedWrite w) {
            completed += w.byteCount();
            if (w.byteCount() < 0) {
                violate(ConformanceRule.WRITE_ACCOUNTING, "negative completedWrite(" + w.byteCount() + ")");
            } else if (writesNoted && completed > written) {
                violate(ConformanceRule.WRITE_ACCOUNTING, "completedWrite total " + completed
                        + " is ahead of the " + written + " bytes written");
            }
        } else if (event instanceof Event.Received r) {
            if (receiveWindow >= 0 && unreleased > receiveWindow + largestReceived) {
                violate(ConformanceRule.RECEIVE_WINDOW, "received " + r.data().length + " more bytes while "
                        + unreleased + " were unreleased (window " + receiveWindow + " + largest message "
                        + largestReceived + ")");
            }
            largestReceived = Math.max(largestReceived, r.data().length);
            unreleased += r.data().length;
            receivedTotal += r.data().length;
            receivedCount++;
        }
    }

    private void violate(ConformanceRule rule, String detail) {
        violations.add(new Violation(rule, detail));
    }

    private C4Socket requireSocket() {
        if (socket == null) {
            throw new IllegalStateException("this RecordingDelegate was made without a socket");
        }
        return socket;
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
        return receivedTotal;
    }

    /** How many {@code received} calls came so far. */
    public synchronized long receivedCount() {
        return receivedCount;
    }

    /** Sum of the {@code completedWrite} counts so far. */
    public synchronized long completedWriteBytes() {
        return completed;
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

    /** Breaches of the SPI's delivery rules seen so far (empty if none), in order, as text. */
    public synchronized List<String> violations() {
        return violations.stream().map(Violation::detail).toList();
    }

    /** Breaches of the SPI's delivery rules seen so far (empty if none), in order, with the rule each breaks. */
    public synchronized List<Violation> ruleViolations() {
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

    /**
     * Builds a {@link RecordingDelegate} that behaves like a protocol engine. Not thread-safe. Without a
     * {@link #socket} it only records.
     */
    public static final class Builder {
        private C4Socket socket;
        private Release release = Release.ASYNC;
        private long receiveWindow = -1;
        private boolean answerCloseRequests;
        private Duration dwell = Duration.ZERO;

        private Builder() {
        }

        /** The socket this delegate serves: releases go to it, answers to close requests too. */
        public Builder socket(C4Socket s) {
            socket = Objects.requireNonNull(s, "socket");
            return this;
        }

        /** How received bytes are given back (default {@link Release#ASYNC}); needs a {@link #socket}. */
        public Builder release(Release mode) {
            release = Objects.requireNonNull(mode, "release");
            return this;
        }

        /**
         * Checks {@link ConformanceRule#RECEIVE_WINDOW}: a {@code received} while more than {@code bytes} plus the
         * largest message received before it are unreleased is a violation. Negative (the default) checks nothing.
         */
        public Builder receiveWindow(long bytes) {
            receiveWindow = bytes;
            return this;
        }

        /** Answers each {@code closeRequested(code, reason)} with {@code requestClose(code, reason)}, on another
         * thread, like an engine. */
        public Builder answerCloseRequests(boolean answer) {
            answerCloseRequests = answer;
            return this;
        }

        /**
         * Each callback lingers up to this long (a random pause, like an engine doing a little work), so a
         * transport that overlaps callbacks is caught ({@link ConformanceRule#NO_OVERLAP}). Default zero.
         */
        public Builder dwell(Duration max) {
            dwell = Objects.requireNonNull(max, "dwell");
            return this;
        }

        public RecordingDelegate build() {
            return new RecordingDelegate(this);
        }
    }
}
