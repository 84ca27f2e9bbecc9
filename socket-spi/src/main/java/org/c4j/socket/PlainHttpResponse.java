package org.c4j.socket;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The response a {@link PlainHttpHandler} gives back: status, headers (a name may have several values, e.g. two
 * {@code Set-Cookie} lines) and body. The transport adds {@code Content-Length} itself. Immutable apart from the body
 * array, which the handler gives to the transport.
 *
 * <p><b>Contract rule:</b> the transport sends it as given, adding only {@code Content-Length}.
 *
 * @param status  the HTTP status, 100..599
 * @param headers response headers, names as they should be sent
 * @param body    the body bytes (empty for none)
 */
public record PlainHttpResponse(int status, Map<String, List<String>> headers, byte[] body) {
    public PlainHttpResponse {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("bad HTTP status " + status);
        }
        headers = HttpHeaders.copy(headers);
        body = body == null ? new byte[0] : body;
    }

    /** A JSON response ({@code Content-Type: application/json}) with extra headers. */
    public static PlainHttpResponse json(int status, Map<String, List<String>> extraHeaders, String json) {
        Map<String, List<String>> h = new java.util.LinkedHashMap<>();
        h.put("Content-Type", List.of("application/json"));
        if (extraHeaders != null) {
            h.putAll(extraHeaders);
        }
        return new PlainHttpResponse(status, h, json.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        // Set-Cookie carries a session id: headers never printed
        return "PlainHttpResponse{" + status + ", " + body.length + " body bytes}";
    }
}
