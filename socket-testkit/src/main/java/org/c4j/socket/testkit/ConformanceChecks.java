package org.c4j.socket.testkit;

import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.nio.charset.StandardCharsets;
import org.c4j.socket.C4Exception;
import org.c4j.socket.Framing;
import org.c4j.socket.IncomingRequest;
import org.c4j.socket.OptionKeys;
import org.c4j.socket.OptionsDict;
import org.c4j.socket.testkit.ConformanceSchedules.CloseMethod;
import org.c4j.socket.testkit.ConformanceSchedules.State;
import org.c4j.socket.testkit.RecordingDelegate.Event;
import org.c4j.socket.testkit.RecordingDelegate.Release;
import org.c4j.socket.testkit.internal.Conversation;
import org.c4j.socket.testkit.internal.Router;

/**
 * The conformance suite's scenarios, one method per kind of schedule, runnable from any test (jqwik property,
 * JUnit test, main method): each connects through the {@link TransportHarness}, plays the schedule, and throws a
 * {@link ConformanceViolation} naming the first {@link ConformanceRule} the transport broke. Every scenario also
 * checks the delivery rules on both sides of its connection ({@link RecordingDelegate}). {@link
 * TransportConformanceSuite} runs them as properties; call them directly to run one schedule.
 *
 * <p>Life: the constructor starts the harness; {@link #close()} stops it. <b>Threading:</b> one scenario at a
 * time (not thread-safe). Waits use the deadline given (a transport that misses it fails the rule waited for).
 */
public final class ConformanceChecks implements AutoCloseable {
    /** Default wait for any one expected event: generous for a loaded CI machine. */
    public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(20);
    /** How long delivery must pause before the suite decides a held receiver got all the transport will give. */
    private static final long QUIET_MILLIS = 150;

    private final TransportHarness harness;
    private final Duration deadline;
    private final Router router = new Router();

    public ConformanceChecks(TransportHarness harness) {
        this(harness, DEFAULT_DEADLINE);
    }

    public ConformanceChecks(TransportHarness harness, Duration deadline) {
        this.harness = Objects.requireNonNull(harness, "harness");
        this.deadline = Objects.requireNonNull(deadline, "deadline");
        harness.start(router);
    }

    public TransportTraits traits() {
        return harness.traits();
    }

    /**
     * Bursts both ways, then a clean close: {@link ConformanceRule#OPENS},
     * {@link ConformanceRule#HTTP_RESPONSE_BEFORE_OPENED}, {@link ConformanceRule#DATA_INTACT},
     * {@link ConformanceRule#WRITE_ACCOUNTING}, {@link ConformanceRule#CLOSE_HANDSHAKE} and the delivery rules.
     */
    public void exchange(ConformanceSchedules.Exchange s) {
        Conversation c = new Conversation(harness, router, deadline, s);
        try {
            c.start(OptionsDict.EMPTY, s.clientRelease(), s.serverRelease(), false).awaitOpen();
            for (ConformanceSchedules.Burst b : s.bursts()) {
                c.write(b.side(), b.sizes(), s.seed());
            }
            for (Side side : Side.values()) {
                c.awaitDelivered(side, ConformanceRule.DATA_INTACT);
                c.checkData(side);
                c.awaitWritesCompleted(side);
            }
            cleanClose(c, s.closer());
            c.finish();
        } finally {
            c.abandon();
        }
    }

    /**
     * A receiver that releases nothing gets no more than the window ({@link ConformanceRule#RECEIVE_WINDOW}); once
     * it releases, everything arrives ({@link ConformanceRule#FLOW_RESUMES}).
     */
    public void receiveWindow(ConformanceSchedules.Window s) {
        Conversation c = new Conversation(harness, router, deadline, s);
        Side receiver = s.sender().peer();
        try {
            c.start(OptionsDict.EMPTY, receiver == Side.CLIENT ? Release.MANUAL : Release.ASYNC,
                    receiver == Side.SERVER ? Release.MANUAL : Release.ASYNC, false).awaitOpen();
            c.write(s.sender(), s.sizes(), s.seed());
            awaitQuiet(c.rec(receiver), c.written(s.sender()));
            c.rec(receiver).setRelease(Release.ASYNC);
            c.awaitDelivered(receiver, ConformanceRule.FLOW_RESUMES);
            c.checkData(receiver);
            c.awaitWritesCompleted(s.sender());
            cleanClose(c, s.sender());
            c.finish();
        } finally {
            c.abandon();
        }
    }

    /**
     * {@code closer} ends the connection in {@code state}: every side that was opened gets {@code closed} exactly
     * once ({@link ConformanceRule#CLOSED_ONCE}); an answered {@code requestClose(1000)} on an open connection
     * completes the handshake ({@link ConformanceRule#CLOSE_HANDSHAKE}); an abort leaves the peer with an error
     * ({@link ConformanceRule#PEER_VANISH_IS_ERROR}).
     */
    public void closeInState(ConformanceSchedules.Close s) {
        Conversation c = new Conversation(harness, router, deadline, s);
        try {
            if (s.state() == State.CONNECTING) {
                closeWhileConnecting(c, s);
                return;
            }
            Side closer = s.closer();
            Side peer = closer.peer();
            boolean holding = s.state() == State.MID_RECEIVE;
            c.start(OptionsDict.EMPTY, holding && closer == Side.CLIENT ? Release.MANUAL : Release.ASYNC,
                    holding && closer == Side.SERVER ? Release.MANUAL : Release.ASYNC, false).awaitOpen();
            if (s.state() == State.MID_WRITE) {
                c.write(closer, s.burst(), s.seed());
            } else if (holding) {
                c.write(peer, s.burst(), s.seed());
                c.await(c.rec(closer), list -> c.rec(closer).receivedBytes() > 0 || c.written(peer) == 0);
            }
            if (s.method() == CloseMethod.REQUEST_CLOSE) {
                c.socket(closer).requestClose(s.code(), "conformance");
            } else {
                c.socket(closer).close();
            }
            if (holding) {
                c.rec(closer).setRelease(Release.ASYNC);
            }
            c.awaitClosed(closer, s.method() + " in " + s.state());
            c.awaitClosed(peer, "its peer's " + s.method() + " in " + s.state());
            if (s.method() == CloseMethod.REQUEST_CLOSE && s.code() == 1000) {
                checkHandshake(c, closer, s.state() == State.MID_WRITE);
            } else if (s.method() == CloseMethod.CLOSE && c.rec(peer).closeError() == null) {
                throw c.violation(ConformanceRule.PEER_VANISH_IS_ERROR, peer + " got closed(null) after " + closer
                        + " aborted the connection");
            }
            c.finish();
        } finally {
            c.abandon();
        }
    }

    private void closeWhileConnecting(Conversation c, ConformanceSchedules.Close s) {
        if (s.closer() == Side.SERVER) {
            // The acceptor refuses the connection: it closes the socket instead of opening it.
            c.start(OptionsDict.EMPTY, Release.ASYNC, Release.ASYNC, true);
            c.awaitAccepted();
            c.awaitClosed(Side.CLIENT, "the acceptor closed the accepted socket");
            if (c.rec(Side.CLIENT).closeError() == null) {
                throw c.violation(ConformanceRule.FAILED_OPEN_FAILS,
                        "the client got closed(null) after the acceptor refused it");
            }
        } else {
            c.start(OptionsDict.EMPTY, Release.ASYNC, Release.ASYNC, false);
            if (s.method() == CloseMethod.REQUEST_CLOSE) {
                c.socket(Side.CLIENT).requestClose(s.code(), "conformance");
            } else {
                c.socket(Side.CLIENT).close();
            }
            c.awaitClosed(Side.CLIENT, s.method() + " while connecting");
            if (c.acceptedWithin(QUIET_MILLIS)) {
                c.awaitClosed(Side.SERVER, "the client's " + s.method() + " while connecting");
            }
        }
        c.finish();
    }

    /**
     * The link drops in {@code state} ({@link TransportHarness#dropLink}): the client gets {@code closed} once,
     * with an error ({@link ConformanceRule#PEER_VANISH_IS_ERROR}), and so does the server side.
     */
    public void peerVanishes(ConformanceSchedules.Vanish s) {
        Conversation c = new Conversation(harness, router, deadline, s);
        try {
            boolean holding = s.state() == State.MID_RECEIVE;
            c.start(OptionsDict.EMPTY, holding ? Release.MANUAL : Release.ASYNC, Release.ASYNC, false).awaitOpen();
            if (s.state() == State.MID_WRITE) {
                c.write(Side.CLIENT, s.burst(), s.seed());
            } else if (holding) {
                c.write(Side.SERVER, s.burst(), s.seed());
                c.await(c.rec(Side.CLIENT), l -> c.rec(Side.CLIENT).receivedBytes() > 0 || c.written(Side.SERVER) == 0);
            }
            harness.dropLink(c.socket(Side.CLIENT), c.socket(Side.SERVER));
            if (holding) {
                // An engine keeps consuming what it holds; a transport may learn of the drop only when it reads.
                c.rec(Side.CLIENT).setRelease(Release.ASYNC);
            }
            c.awaitClosed(Side.CLIENT, "the link dropped in " + s.state());
            c.awaitClosed(Side.SERVER, "the link dropped in " + s.state());
            if (c.rec(Side.CLIENT).closeError() == null) {
                throw c.violation(ConformanceRule.PEER_VANISH_IS_ERROR, "the client got closed(null) after the link"
                        + " dropped");
            }
            c.finish();
        } finally {
            c.abandon();
        }
    }

    /** A refused connection ends with {@code closed(error)} and no {@code opened}. */
    public void refusedOpen() {
        Conversation c = new Conversation(harness, router, deadline, "refused connection");
        try {
            c.startUnserved(true);
            c.awaitClosed(Side.CLIENT, "a refused connection attempt");
            RecordingDelegate r = c.rec(Side.CLIENT);
            if (r.isOpened() || r.closeError() == null) {
                throw c.violation(ConformanceRule.REFUSED_OPEN_FAILS, "events " + r);
            }
            c.finish();
        } finally {
            c.abandon();
        }
    }

    /** A connection to an unserved database ends with (for HTTP) a 4xx response, then {@code closed(error)}. */
    public void unservedDatabase() {
        Conversation c = new Conversation(harness, router, deadline, "unserved database");
        try {
            c.startUnserved(false);
            c.awaitClosed(Side.CLIENT, "a request for an unserved database");
            RecordingDelegate r = c.rec(Side.CLIENT);
            if (r.isOpened() || r.closeError() == null) {
                throw c.violation(ConformanceRule.FAILED_OPEN_FAILS, "events " + r);
            }
            if (harness.traits().speaksHttp() && r.events().stream()
                    .noneMatch(e -> e instanceof Event.HttpResponse h && h.status() >= 400)) {
                throw c.violation(ConformanceRule.FAILED_OPEN_FAILS, "no 4xx HTTP response before closed: " + r);
            }
            c.finish();
        } finally {
            c.abandon();
        }
    }

    /** The {@code headers} and {@code auth} options reach the listener as the headers they stand for. */
    public void options(ConformanceSchedules.Options s) {
        Conversation c = new Conversation(harness, router, deadline, s);
        try {
            c.start(optionsOf(s), Release.ASYNC, Release.ASYNC, false).awaitOpen();
            IncomingRequest req = c.request();
            if (harness.traits().sendsHeaders()) {
                for (Map.Entry<String, String> h : s.headers().entrySet()) {
                    List<String> got = header(req, h.getKey());
                    if (!got.contains(h.getValue())) {
                        throw c.violation(ConformanceRule.HEADERS_SENT, "header " + h.getKey() + " arrived as "
                                + got + ", not [" + h.getValue() + "]");
                    }
                }
            }
            if (harness.traits().buildsAuthHeaders()) {
                checkAuth(c, s, req);
            }
            cleanClose(c, Side.CLIENT);
            c.finish();
        } finally {
            c.abandon();
        }
    }

    private static void checkAuth(Conversation c, ConformanceSchedules.Options s, IncomingRequest req) {
        String want;
        List<String> got;
        switch (s.auth()) {
            case BASIC -> {
                want = "Basic " + Base64.getEncoder().encodeToString((s.user() + ":" + s.secret())
                        .getBytes(StandardCharsets.UTF_8));
                got = header(req, "Authorization");
            }
            case BEARER -> {
                want = "Bearer " + s.secret();
                got = header(req, "Authorization");
            }
            case SESSION -> {
                want = OptionKeys.DEFAULT_SESSION_COOKIE_NAME + "=" + s.secret();
                got = header(req, "Cookie").stream()
                        .flatMap(v -> List.of(v.split(";")).stream()).map(String::trim).toList();
            }
            default -> {
                return;
            }
        }
        if (!got.contains(want)) {
            throw c.violation(ConformanceRule.AUTH_HEADERS_BUILT, s.auth() + " auth arrived as " + got.size()
                    + " header value(s) that do not match (values withheld: they carry the test secret)");
        }
    }

    static OptionsDict optionsOf(ConformanceSchedules.Options s) {
        OptionsDict.Builder b = OptionsDict.builder();
        if (!s.headers().isEmpty()) {
            b.putDict(OptionKeys.HEADERS, s.headers());
        }
        switch (s.auth()) {
            case BASIC -> b.putDict(OptionKeys.AUTH, Map.of(OptionKeys.AUTH_TYPE, OptionKeys.AUTH_TYPE_BASIC,
                    OptionKeys.AUTH_USERNAME, s.user(), OptionKeys.AUTH_PASSWORD, s.secret()));
            case SESSION -> b.putDict(OptionKeys.AUTH, Map.of(OptionKeys.AUTH_TYPE, OptionKeys.AUTH_TYPE_SESSION,
                    OptionKeys.AUTH_TOKEN, s.secret()));
            case BEARER -> b.putDict(OptionKeys.AUTH, Map.of(OptionKeys.AUTH_TYPE,
                    OptionKeys.AUTH_TYPE_OPENID_CONNECT, OptionKeys.AUTH_TOKEN, s.secret()));
            default -> {
            }
        }
        return b.build();
    }

    private static List<String> header(IncomingRequest req, String name) {
        for (Map.Entry<String, List<String>> e : req.headers().entrySet()) {
            if (e.getKey().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                return e.getValue();
            }
        }
        return List.of();
    }

    /** {@code closer} asks to close with 1000; the peer answers; both must end with closed(null). */
    private void cleanClose(Conversation c, Side closer) {
        c.socket(closer).requestClose(1000, "conformance done");
        c.awaitClosed(closer, "requestClose(1000)");
        c.awaitClosed(closer.peer(), "its peer's requestClose(1000)");
        checkHandshake(c, closer, true);
    }

    /** The peer saw closeRequested(1000) after all the data (message framing); both closed(null). */
    private static void checkHandshake(Conversation c, Side closer, boolean allDataFirst) {
        Side peer = closer.peer();
        if (c.socket(peer).framing() == Framing.MESSAGES) {
            List<Event> events = c.rec(peer).events();
            long before = 0;
            boolean seen = false;
            for (Event e : events) {
                if (e instanceof Event.CloseRequested cr) {
                    if (cr.code() != 1000) {
                        throw c.violation(ConformanceRule.CLOSE_HANDSHAKE, peer + " got closeRequested(" + cr.code()
                                + ") for a requestClose(1000)");
                    }
                    seen = true;
                    break;
                } else if (e instanceof Event.Received r) {
                    before += r.data().length;
                }
            }
            if (!seen) {
                throw c.violation(ConformanceRule.CLOSE_HANDSHAKE, peer + " never got closeRequested: " + events);
            }
            if (allDataFirst && before < c.written(closer)) {
                throw c.violation(ConformanceRule.CLOSE_HANDSHAKE, peer + " got closeRequested after " + before
                        + " of the " + c.written(closer) + " bytes written before requestClose");
            }
        }
        for (Side side : Side.values()) {
            C4Exception error = c.rec(side).closeError();
            if (error != null) {
                throw c.violation(ConformanceRule.CLOSE_HANDSHAKE, side + " got closed(" + error + ") after an"
                        + " answered requestClose(1000)");
            }
        }
    }

    /** Waits until {@code r} got {@code total} bytes or nothing arrived for {@link #QUIET_MILLIS}. */
    private void awaitQuiet(RecordingDelegate r, long total) {
        long end = System.nanoTime() + deadline.toNanos();
        long last = -1;
        while (System.nanoTime() < end) {
            long now = r.receivedBytes();
            if (now >= total || (now == last && now > 0)) {
                return;
            }
            last = now;
            try {
                Thread.sleep(QUIET_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Stops the harness. */
    @Override
    public void close() {
        harness.close();
    }
}
