package org.c4j.replicator.internal.wire;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A sequence as the peer sent it. The protocol makes sequences opaque JSON: LiteCore sends non-negative integers,
 * Sync Gateway may send strings (e.g. {@code "12:34"}). Like LiteCore's {@code RemoteSequence}, a non-negative
 * integer is kept as a number and anything else as its JSON text, so it goes back to the peer exactly as received
 * (in {@code since} and in checkpoints). Numbers order before non-numbers; non-numbers order by their JSON text.
 *
 * <p>Immutable; thread-safe.
 */
public final class RemoteSequence implements Comparable<RemoteSequence> {
    private final long number;
    private final String json;

    private RemoteSequence(long number, String json) {
        this.number = number;
        this.json = json;
    }

    /** A numeric sequence (LiteCore's kind). */
    public static RemoteSequence of(long number) {
        if (number < 0) {
            throw new IllegalArgumentException("numeric sequences are non-negative: " + number);
        }
        return new RemoteSequence(number, null);
    }

    /**
     * A sequence from its JSON text, as in the {@code since} and {@code sequence} properties: decimal digits are a
     * number, anything else is kept as given (LiteCore does not validate it either). Null or empty gives null.
     */
    public static RemoteSequence fromJson(String json) {
        if (json == null || json.isEmpty()) {
            return null;
        }
        if (isDigits(json)) {
            try {
                return new RemoteSequence(Long.parseLong(json), null);
            } catch (NumberFormatException tooBig) {
                return new RemoteSequence(-1, json);
            }
        }
        return new RemoteSequence(-1, json);
    }

    /** A sequence from a parsed JSON value (see {@link Json}); JSON null gives null. */
    public static RemoteSequence fromValue(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Long n && n >= 0) {
            return new RemoteSequence(n, null);
        }
        return new RemoteSequence(-1, new String(Json.write(value), StandardCharsets.UTF_8));
    }

    private static boolean isDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    public boolean isNumeric() {
        return json == null;
    }

    /** The number; only for {@link #isNumeric()} sequences. */
    public long number() {
        if (json != null) {
            throw new IllegalStateException("not a numeric sequence: " + json);
        }
        return number;
    }

    /** The JSON text to send back: decimal digits, or the value as received. */
    public String toJson() {
        return json != null ? json : Long.toString(number);
    }

    @Override
    public int compareTo(RemoteSequence o) {
        if (isNumeric()) {
            return o.isNumeric() ? Long.compare(number, o.number) : -1;
        }
        return o.isNumeric() ? 1 : json.compareTo(o.json);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RemoteSequence r && number == r.number && Objects.equals(json, r.json);
    }

    @Override
    public int hashCode() {
        return json != null ? json.hashCode() : Long.hashCode(number);
    }

    @Override
    public String toString() {
        return toJson();
    }
}
