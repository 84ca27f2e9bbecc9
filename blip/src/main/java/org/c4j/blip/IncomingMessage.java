package org.c4j.blip;

import java.util.Map;

/**
 * A complete message from the peer: a request, or a reply (successful or error) to one of our requests.
 *
 * <p>Immutable and thread-safe, except that {@link #respond}/{@link #respondWithError} may be used only once per
 * request. {@link #body()} returns the message's own array: do not modify it.
 */
public interface IncomingMessage {

    /** The request number (a reply carries its request's number). */
    long number();

    MessageKind kind();

    /** All properties in wire order; unmodifiable. */
    Map<String, String> properties();

    /** One property, or null. */
    String property(String name);

    /** The {@code Profile} property (the request type), or null. */
    String profile();

    /** The body (empty if none, or if it was streamed to a {@link BodySink}). Shared: do not modify. */
    byte[] body();

    /** The body decoded as UTF-8. */
    String bodyAsString();

    /** True for an error reply. */
    boolean isError();

    /** The error reply's {@code Error-Domain}, {@code "BLIP"} if absent; null if not an error. */
    String errorDomain();

    /** The error reply's {@code Error-Code}, 0 if absent or not a number; 0 if not an error. */
    int errorCode();

    /** The error reply's message (its body as UTF-8); null if not an error. */
    String errorMessage();

    boolean isUrgent();

    /** True for a request that wants no reply. */
    boolean isNoReply();

    /** True if the message's first frame was compressed. */
    boolean isCompressed();

    /**
     * Replies to this request. May be called from any thread (the reply is queued on the connection's executor);
     * does nothing for a no-reply request or after the connection closed. The reply's profile, no-reply flag and
     * reply sink are ignored; it is urgent if either it or the request is.
     *
     * @throws IllegalStateException if this is not a request, or it was already answered
     */
    void respond(OutgoingMessage reply);

    /**
     * Replies with an error: {@code Error-Domain} and {@code Error-Code} properties and the message as body. Same
     * rules as {@link #respond}.
     */
    void respondWithError(String domain, int code, String message);
}
