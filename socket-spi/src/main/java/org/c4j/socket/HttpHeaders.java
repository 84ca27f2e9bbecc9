package org.c4j.socket;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Case-insensitive look-ups in HTTP header maps as received (name to values). Stateless; thread-safe.
 *
 * <p><b>Contract rule:</b> header names compare ignoring case, as HTTP says; values keep their order.
 */
public final class HttpHeaders {
    private HttpHeaders() {
    }

    /** The first value of {@code name} (any case), or null. */
    public static String first(Map<String, List<String>> headers, String name) {
        List<String> values = all(headers, name);
        return values.isEmpty() ? null : values.get(0);
    }

    /** Every value of {@code name} (any case), in order; empty if none. */
    public static List<String> all(Map<String, List<String>> headers, String name) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (e.getKey() != null && e.getKey().equalsIgnoreCase(name) && e.getValue() != null) {
                out.addAll(e.getValue());
            }
        }
        return out;
    }

    /** An immutable copy keeping order; null becomes empty. */
    static Map<String, List<String>> copy(Map<String, List<String>> headers) {
        if (headers == null) {
            return Map.of();
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        headers.forEach((k, v) -> {
            if (k != null) {
                out.put(k, v == null ? List.of() : List.copyOf(v));
            }
        });
        return java.util.Collections.unmodifiableMap(out);
    }
}
