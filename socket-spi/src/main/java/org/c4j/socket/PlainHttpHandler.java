package org.c4j.socket;

/**
 * Serves plain HTTP requests that a listener transport receives on its port but does not handle itself (anything
 * that is not a WebSocket upgrade of {@code /<db>/_blipsync}), e.g. Sync Gateway's public {@code /{db}/_session}
 * endpoint. The transport reads the request (head and a body of at most {@link #MAX_BODY_BYTES}; a larger one is
 * answered 413 without calling the handler), calls {@link #handle} once, writes the response and closes or keeps the
 * connection as HTTP allows.
 *
 * <p><b>Threading:</b> called concurrently from the transport's threads; implementations are thread-safe. A call may
 * take as long as one slow password hash but must not wait on the network for long. A thrown exception is answered
 * with 500 by the transport and logged without the request (which may carry credentials).
 *
 * <p><b>Contract rule:</b> only requests that are not a {@code /<db>/_blipsync} upgrade reach it, each exactly
 * once, with a bounded body.
 */
@FunctionalInterface
public interface PlainHttpHandler {

    /** The largest request body a transport hands to a handler; larger ones get 413 from the transport. */
    int MAX_BODY_BYTES = 64 * 1024;

    /**
     * @param request the request; its body is the handler's to read, never modified by the transport afterwards
     * @return the response to send, or {@code null} if this handler does not serve the path (the transport then answers
     *         404 as it would without a handler)
     */
    PlainHttpResponse handle(PlainHttpRequest request);
}
