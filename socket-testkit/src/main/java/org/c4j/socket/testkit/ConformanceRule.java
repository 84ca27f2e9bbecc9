package org.c4j.socket.testkit;

/**
 * The rules of the {@link org.c4j.socket.C4Socket} contract that the conformance suite
 * ({@link TransportConformanceSuite}, {@link ConformanceChecks}) and {@link RecordingDelegate} check. Each constant
 * carries one rule; a {@link ConformanceViolation} names the constant it breaks, so a failing run says which promise
 * a transport did not keep.
 *
 * <p>Rules about delivery order apply to every socket, client or accepted. "Unreleased" bytes are bytes delivered by
 * {@code received} and not yet given back with {@link org.c4j.socket.C4Socket#completedReceive}. Immutable.
 */
public enum ConformanceRule {
    /** A client connecting to a served database gets {@code opened}, and so does the accepted server socket. */
    OPENS("a connection to a served database opens on both sides"),
    /**
     * A transport that speaks HTTP delivers exactly one {@code gotHttpResponse} to a client, before
     * {@code opened} (a 101 for a WebSocket upgrade), and never one after it; the same holds for the TLS peer
     * chain ({@code gotPeerCertificates}).
     */
    HTTP_RESPONSE_BEFORE_OPENED("gotHttpResponse is delivered once, before opened"),
    /** {@code opened} comes at most once, and no {@code received}, {@code completedWrite} or {@code closeRequested}
     * comes before it. */
    NOTHING_BEFORE_OPENED("opened at most once and before any data event"),
    /** The callbacks for one socket never run concurrently. */
    NO_OVERLAP("callbacks of one socket never overlap"),
    /** {@code closed} is delivered exactly once on every path: clean close, failure, refusal, reset, abort. */
    CLOSED_ONCE("closed is delivered exactly once"),
    /** Nothing is delivered after {@code closed}. */
    NOTHING_AFTER_CLOSED("nothing is delivered after closed"),
    /**
     * Every byte written arrives once, in order and unchanged; with {@link org.c4j.socket.Framing#MESSAGES} each
     * write arrives as exactly one {@code received} message.
     */
    DATA_INTACT("written bytes arrive once, in order, unchanged (message boundaries kept when message-framed)"),
    /**
     * {@code completedWrite} counts are never negative, never run ahead of the bytes written so far, and add up to
     * exactly the bytes written once everything is sent.
     */
    WRITE_ACCOUNTING("completedWrite counts are exact: never ahead of what was written, and all of it in the end"),
    /**
     * While more than the transport's receive window is unreleased, no further {@code received} is delivered — apart
     * from the rest of what one read returned, so the check allows the window plus the largest message delivered
     * so far (a transport that reads in chunks delivers a big message and the small ones after it in the same chunk).
     */
    RECEIVE_WINDOW("no received beyond the receive window until completedReceive"),
    /** After {@code completedReceive} releases held bytes, delivery resumes and everything written arrives. */
    FLOW_RESUMES("delivery resumes after completedReceive"),
    /**
     * {@code requestClose(1000, ..)} reaches a message-framed peer as {@code closeRequested(1000, ..)} after all
     * data written before it; once the peer answers, both sides get {@code closed(null)}. A byte-stream socket
     * ends its stream after the data written before it and both sides get {@code closed(null)}.
     */
    CLOSE_HANDSHAKE("an answered requestClose(1000) ends both sides with closed(null) after the data"),
    /** A connection attempt that nothing accepts (connection refused) ends with {@code closed(error)}, never
     * {@code opened}. */
    REFUSED_OPEN_FAILS("a refused connection ends with closed(error) and is never opened"),
    /**
     * A connection to a database the listener does not serve ends with {@code closed(error)}, never
     * {@code opened}; an HTTP transport delivers the refusing response (404) first.
     */
    FAILED_OPEN_FAILS("a connection to an unserved database ends with its HTTP response and closed(error)"),
    /** When the peer vanishes (reset, dropped link, abort), the surviving side gets {@code closed} with an error. */
    PEER_VANISH_IS_ERROR("a vanished peer ends the surviving side with closed(error)"),
    /** Entries of the {@code headers} option reach the listener as request headers. */
    HEADERS_SENT("the headers option reaches the listener as request headers"),
    /**
     * The transport builds the authentication header from the {@code auth} option: {@code Authorization: Basic},
     * {@code Authorization: Bearer} (OpenID Connect) or the {@code SyncGatewaySession} cookie (Session).
     */
    AUTH_HEADERS_BUILT("the auth option becomes Authorization: Basic/Bearer or the session cookie");

    private final String text;

    ConformanceRule(String text) {
        this.text = text;
    }

    /** The rule in one line. */
    public String text() {
        return text;
    }
}
