package org.c4j.accounts.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An HTTP reply of the admin API or the public session endpoint: status, extra headers, JSON body (or none).
 * Errors use Sync Gateway's body {@code {"error": "<status text>", "reason": "..."}}. Immutable; thread-safe.
 */
public record Reply(int status, Map<String, List<String>> headers, JsonNode body) {

    public static Reply json(int status, JsonNode body) {
        return new Reply(status, Map.of(), body);
    }

    public static Reply empty(int status) {
        return new Reply(status, Map.of(), null);
    }

    public static Reply error(int status, String reason) {
        ObjectNode o = AccountJson.MAPPER.createObjectNode();
        o.put("error", statusText(status));
        o.put("reason", reason);
        return new Reply(status, Map.of(), o);
    }

    public static Reply methodNotAllowed(String allow) {
        Reply r = error(405, "method not allowed here (allowed: " + allow + ")");
        return r.with("Allow", allow);
    }

    public Reply with(String header, String value) {
        Map<String, List<String>> h = new LinkedHashMap<>(headers);
        h.merge(header, List.of(value), (a, b) -> {
            List<String> all = new java.util.ArrayList<>(a);
            all.addAll(b);
            return all;
        });
        return new Reply(status, h, body);
    }

    public byte[] bodyBytes() {
        return body == null ? new byte[0] : body.toString().getBytes(StandardCharsets.UTF_8);
    }

    public static String statusText(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 409 -> "Conflict";
            case 413 -> "Payload Too Large";
            case 415 -> "Unsupported Media Type";
            case 503 -> "Service Unavailable";
            default -> status >= 500 ? "Internal Server Error" : "Error";
        };
    }

    @Override
    public String toString() {
        return "Reply{" + status + "}";
    }
}
