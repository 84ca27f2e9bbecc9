package org.c4j.socket.testkit.internal;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.c4j.socket.C4Socket;
import org.c4j.socket.Framing;
import org.c4j.socket.IncomingRequest;
import org.c4j.socket.OptionsDict;
import org.c4j.socket.testkit.ConformanceRule;
import org.c4j.socket.testkit.ConformanceViolation;
import org.c4j.socket.testkit.RecordingDelegate;
import org.c4j.socket.testkit.RecordingDelegate.Event;
import org.c4j.socket.testkit.RecordingDelegate.Release;
import org.c4j.socket.testkit.Side;
import org.c4j.socket.testkit.TransportHarness;

/**
 * One connection the conformance suite makes through a {@link TransportHarness}: the client socket and the accepted
 * server socket, each with a {@link RecordingDelegate}, the bytes each side wrote, and waits that turn a timeout
 * into a {@link ConformanceViolation}. Used by one test thread; the sockets' callbacks come from anywhere.
 */
public final class Conversation {
    /** Longest pause a recording delegate makes inside a callback, so overlapping callbacks collide. */
    private static final Duration DWELL = Duration.ofNanos(200_000);
    /** How long the suite watches for late events (a second closed, events after it) once a connection ended. */
    private static final long SETTLE_MILLIS = 30;
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final TransportHarness harness;
    private final Router router;
    private final Duration deadline;
    private final Object schedule;
    private final String database;
    private final long window;
    private final CountDownLatch accepted = new CountDownLatch(1);
    private final List<byte[]> clientSent = new ArrayList<>();
    private final List<byte[]> serverSent = new ArrayList<>();
    private C4Socket client;
    private RecordingDelegate clientRec;
    private volatile C4Socket server;
    private volatile RecordingDelegate serverRec;
    private volatile IncomingRequest request;

    public Conversation(TransportHarness harness, Router router, Duration deadline, Object schedule) {
        this.harness = harness;
        this.router = router;
        this.deadline = deadline;
        this.schedule = schedule;
        this.database = "conformance" + COUNTER.incrementAndGet();
        this.window = harness.traits().receiveWindow();
    }

    /**
     * Connects a client to a fresh database name and opens it; the accepted side is opened with a recording
     * delegate ({@code refuseServer}: closed instead). Does not wait.
     */
    public Conversation start(OptionsDict options, Release clientRelease, Release serverRelease,
                              boolean refuseServer) {
        router.register(database, (socket, req) -> {
            request = req;
            server = socket;
            if (refuseServer) {
                socket.close();
            } else {
                RecordingDelegate rec = recorder(socket, serverRelease);
                serverRec = rec;
                socket.open(rec);
            }
            accepted.countDown();
        });
        client = harness.connect(database, options);
        clientRec = recorder(client, clientRelease);
        client.open(clientRec);
        return this;
    }

    /** A client to an address nothing serves ({@code refused}) or to a database nobody registered. */
    public Conversation startUnserved(boolean refused) {
        client = refused ? harness.connectRefused(OptionsDict.EMPTY) : harness.connect(database, OptionsDict.EMPTY);
        clientRec = recorder(client, Release.ASYNC);
        client.open(clientRec);
        return this;
    }

    private RecordingDelegate recorder(C4Socket socket, Release release) {
        return RecordingDelegate.builder().socket(socket).release(release).receiveWindow(window)
                .answerCloseRequests(true).dwell(DWELL).build();
    }

    /** Waits until both sides are open ({@link ConformanceRule#OPENS}) and checks the HTTP response rule. */
    public Conversation awaitOpen() {
        awaitRec(Side.CLIENT, Conversation::openedOrClosed, ConformanceRule.OPENS, "the client never got opened");
        if (!clientRec.isOpened()) {
            throw violation(ConformanceRule.OPENS, "the client was closed instead of opened: " + clientRec);
        }
        awaitAccepted();
        if (serverRec == null) {
            throw violation(ConformanceRule.OPENS, "the accepted socket was not opened");
        }
        awaitRec(Side.SERVER, Conversation::openedOrClosed, ConformanceRule.OPENS, "the server side never got opened");
        if (!serverRec.isOpened()) {
            throw violation(ConformanceRule.OPENS, "the server side was closed instead of opened: " + serverRec);
        }
        if (harness.traits().speaksHttp()) {
            checkHttpResponse();
        }
        return this;
    }

    private static boolean openedOrClosed(List<Event> events) {
        return events.stream().anyMatch(e -> e instanceof Event.Opened || e instanceof Event.Closed);
    }

    private void checkHttpResponse() {
        List<Event> events = clientRec.events();
        int opened = -1;
        int responses = 0;
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i) instanceof Event.Opened && opened < 0) {
                opened = i;
            } else if (events.get(i) instanceof Event.HttpResponse) {
                responses++;
                if (opened >= 0) {
                    throw violation(ConformanceRule.HTTP_RESPONSE_BEFORE_OPENED, "response after opened: " + events);
                }
            }
        }
        if (responses != 1) {
            throw violation(ConformanceRule.HTTP_RESPONSE_BEFORE_OPENED,
                    responses + " HTTP responses before opened (want 1): " + events);
        }
    }

    /** Waits for the server side to be accepted; a violation of {@code rule} if it never is. */
    public void awaitAccepted() {
        try {
            if (!accepted.await(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
                throw violation(ConformanceRule.OPENS, "no connection was accepted within " + deadline);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** True if a server socket was accepted (within {@code millis}). */
    public boolean acceptedWithin(long millis) {
        try {
            return accepted.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Writes messages of {@code sizes} from {@code side}, back to back, announcing each to its recorder first. */
    public void write(Side side, List<Integer> sizes, long seed) {
        List<byte[]> sent = side == Side.CLIENT ? clientSent : serverSent;
        for (int size : sizes) {
            byte[] m = Payloads.of(seed, side.ordinal(), sent.size(), size);
            sent.add(m);
            rec(side).noteWrite(size);
            socket(side).write(ByteBuffer.wrap(m));
        }
    }

    public long written(Side side) {
        return (side == Side.CLIENT ? clientSent : serverSent).stream().mapToLong(m -> m.length).sum();
    }

    /** Waits until {@code receiver} got everything its peer wrote; {@code rule} names the failure. */
    public void awaitDelivered(Side receiver, ConformanceRule rule) {
        long want = written(receiver.peer());
        long messages = socket(receiver).framing() == Framing.MESSAGES
                ? (receiver == Side.CLIENT ? serverSent : clientSent).size() : 0;
        RecordingDelegate r = rec(receiver);
        if (!await(r, list -> r.receivedBytes() >= want && r.receivedCount() >= messages)) {
            throw violation(rule, receiver + " got " + r.receivedBytes() + " of the " + want + " bytes written to it"
                    + " within " + deadline + " (" + r.unreleasedBytes() + " unreleased)");
        }
    }

    /** Checks that {@code receiver} got exactly what its peer wrote ({@link ConformanceRule#DATA_INTACT}). */
    public void checkData(Side receiver) {
        List<byte[]> sent = receiver == Side.CLIENT ? serverSent : clientSent;
        List<byte[]> got = rec(receiver).receivedMessages();
        if (socket(receiver).framing() == Framing.MESSAGES) {
            List<byte[]> nonEmpty = got;
            if (got.size() != sent.size()) {
                throw violation(ConformanceRule.DATA_INTACT, receiver + " got " + got.size() + " messages, "
                        + sent.size() + " were written");
            }
            for (int i = 0; i < sent.size(); i++) {
                if (!Arrays.equals(sent.get(i), nonEmpty.get(i))) {
                    throw violation(ConformanceRule.DATA_INTACT, receiver + "'s message " + i + " differs: got "
                            + nonEmpty.get(i).length + " bytes, " + sent.get(i).length + " written");
                }
            }
        } else {
            byte[] want = concat(sent);
            byte[] have = concat(got);
            int at = Arrays.mismatch(want, have);
            if (at >= 0) {
                throw violation(ConformanceRule.DATA_INTACT, receiver + "'s stream differs at byte " + at + " (got "
                        + have.length + " bytes, " + want.length + " written)");
            }
        }
    }

    /** Waits until {@code side}'s completedWrite counts add up to what it wrote. */
    public void awaitWritesCompleted(Side side) {
        long want = written(side);
        RecordingDelegate r = rec(side);
        if (!await(r, list -> r.completedWriteBytes() >= want)) {
            throw violation(ConformanceRule.WRITE_ACCOUNTING, side + "'s completedWrite counts add up to "
                    + r.completedWriteBytes() + " of " + want + " bytes written, within " + deadline);
        }
    }

    /** Waits until {@code side} is closed; {@link ConformanceRule#CLOSED_ONCE} if it never is. */
    public void awaitClosed(Side side, String after) {
        RecordingDelegate r = rec(side);
        if (r == null) {
            return;
        }
        if (!await(r, list -> list.stream().anyMatch(e -> e instanceof Event.Closed))) {
            throw violation(ConformanceRule.CLOSED_ONCE, side + " never got closed (within " + deadline + ") after "
                    + after + ": " + r);
        }
    }

    /**
     * Lets late events arrive, then throws the first delivery-rule breach either recorder saw.
     */
    public void finish() {
        try {
            Thread.sleep(SETTLE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Side side : Side.values()) {
            RecordingDelegate r = rec(side);
            if (r != null && !r.ruleViolations().isEmpty()) {
                RecordingDelegate.Violation v = r.ruleViolations().get(0);
                throw violation(v.rule(), side + ": " + v.detail() + "\n  events: " + abbreviated(r));
            }
        }
        router.unregister(database);
    }

    private static String abbreviated(RecordingDelegate r) {
        String s = r.toString();
        return s.length() <= 2000 ? s : s.substring(0, 1000) + " ... " + s.substring(s.length() - 1000);
    }

    public boolean await(RecordingDelegate r, Predicate<List<Event>> condition) {
        try {
            return r.awaitEvents(condition, deadline);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void awaitRec(Side side, Predicate<List<Event>> condition, ConformanceRule rule, String what) {
        if (!await(rec(side), condition)) {
            throw violation(rule, what + " within " + deadline + ": " + rec(side));
        }
    }

    public ConformanceViolation violation(ConformanceRule rule, String detail) {
        return new ConformanceViolation(rule, detail + " [" + harness + "]", schedule);
    }

    public C4Socket socket(Side side) {
        return side == Side.CLIENT ? client : server;
    }

    public RecordingDelegate rec(Side side) {
        return side == Side.CLIENT ? clientRec : serverRec;
    }

    public IncomingRequest request() {
        return request;
    }

    /** Aborts whatever is left open (after a failed check) so the next schedule starts clean. */
    public void abandon() {
        router.unregister(database);
        if (client != null) {
            client.close();
        }
        C4Socket s = server;
        if (s != null) {
            s.close();
        }
    }

    private static byte[] concat(List<byte[]> parts) {
        int total = parts.stream().mapToInt(p -> p.length).sum();
        byte[] out = new byte[total];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
