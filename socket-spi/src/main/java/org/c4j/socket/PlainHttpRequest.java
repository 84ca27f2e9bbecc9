package org.c4j.socket;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A plain HTTP request handed to a {@link PlainHttpHandler}. Immutable apart from the body array, which the
 * transport gives away: the handler owns it (thread-safe to hand between threads once built).
 *
 * <p><b>Contract rule:</b> the body is bounded by {@link PlainHttpHandler#MAX_BODY_BYTES} before it is held.
 *
 * @param method  the HTTP method, e.g. {@code POST}
 * @param path    the request path without the query, as received (not percent-decoded), e.g. {@code /db/_session}
 * @param query   the raw query string without {@code ?}, or {@code null}
 * @param headers the request's headers, names as received (use {@link #header} for a case-insensitive look-up)
 * @param body    the body, at most {@link PlainHttpHandler#MAX_BODY_BYTES} bytes; empty if none
 * @param tls     whether the request came over TLS (a cookie set in the reply then gets {@code Secure})
 * @param remote  the peer's address, if known
 */
public record PlainHttpRequest(String method, String path, String query, Map<String, List<String>> headers,
                               byte[] body, boolean tls, InetSocketAddress remote) {
    public PlainHttpRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        headers = HttpHeaders.copy(headers);
        body = body == null ? new byte[0] : body;
        if (body.length > PlainHttpHandler.MAX_BODY_BYTES) {
            throw new IllegalArgumentException("body over " + PlainHttpHandler.MAX_BODY_BYTES + " bytes");
        }
    }

    /** The first value of the named header, ignoring the name's case, or {@code null}. */
    public String header(String name) {
        return HttpHeaders.first(headers, name);
    }

    /** Every value of the named header, ignoring the name's case (possibly empty). */
    public List<String> headerValues(String name) {
        return HttpHeaders.all(headers, name);
    }

    @Override
    public String toString() {
        // headers and body may carry credentials: never printed
        return "PlainHttpRequest{" + method + " " + path + " from " + remote + (tls ? " tls" : "")
                + ", " + body.length + " body bytes}";
    }
}
