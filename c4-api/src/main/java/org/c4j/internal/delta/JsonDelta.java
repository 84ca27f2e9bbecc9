package org.c4j.internal.delta;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.c4j.Body;
import org.c4j.internal.body.BodyValues;
import org.c4j.internal.body.JsonToMsgpack;
import org.c4j.internal.body.MsgpackToJson;
import org.c4j.socket.C4Exception;
import org.c4j.socket.ErrorCodes.LiteCore;
import org.c4j.socket.ErrorDomain;

/**
 * Fleece's JSON delta format (its {@code Deltas.md}; {@code JSONDelta.cc} at Fleece 4b5903f9, the version in
 * LiteCore 3.0), created and applied over the Java values {@link Body#toMap()} gives and over {@link Body}s.
 *
 * <p>A delta is a JSON value: {@code {}} no change; {@code [v]} (or, below the root, a bare scalar {@code v})
 * replace with {@code v}; {@code []} remove the key; {@code {"key": delta, ...}} update an object key by key;
 * {@code {"i": delta, ..., "n-": [...]}} update an array by index and replace its tail from {@code n};
 * {@code ["ops", 0, 2]} edit a string with {@link StringDelta} operations. Applying also accepts the
 * JsonDiffPatch forms Fleece accepts ({@code [old, new]}, {@code [old, 0, 0]}).
 *
 * <p>Creation follows Fleece step by step: new and changed keys in the new object's order, then removed keys;
 * arrays compared index by index; string diffs tried for new strings of {@link #MIN_STRING_DIFF_BYTES}+ UTF-8
 * bytes. Differences from Fleece, none of which changes what a delta means: keys come in the bodies' stored
 * order (Fleece's come in its dictionary order); numbers are equal only if they are the same value of the same
 * kind (Fleece stores {@code 1.0} as {@code 1}, c4j keeps what was written, so it sends that change); a string
 * delta that would not rebuild the new string exactly is never used (see {@link StringDelta}). Applying gives
 * objects in the base's key order with new keys last, like Fleece.
 *
 * <p>Immutable; thread-safe. Values passed in are only read; results may share sub-values with the inputs.
 * Bad deltas throw {@code C4Exception(LITECORE, CORRUPT_DELTA)}.
 */
public final class JsonDelta {
    /** Fleece's {@code gMinStringDiffLength}: shorter new strings are replaced whole. */
    public static final int MIN_STRING_DIFF_BYTES = 60;
    /** Fleece's {@code gTextDiffTimeout}: how long one string diff may search before settling. */
    public static final double TEXT_DIFF_TIMEOUT_SECONDS = 0.25;

    /** Deltas as LiteCore 3.0 makes them. */
    public static final JsonDelta DEFAULT = new JsonDelta(MIN_STRING_DIFF_BYTES, TEXT_DIFF_TIMEOUT_SECONDS);

    /** Fleece's code in a 3-element array delta: a JsonDiffPatch deletion. */
    private static final int DELETION_CODE = 0;
    /** Fleece's code in a 3-element array delta: a text diff. */
    private static final int TEXT_DIFF_CODE = 2;

    /** A missing value (absent key), as opposed to JSON null. */
    private static final Object ABSENT = new Object();

    private final int minStringDiffBytes;
    private final double textDiffTimeoutSeconds;

    /**
     * A codec with other string-diff settings (Fleece's tests change both).
     *
     * @param textDiffTimeoutSeconds {@code <= 0}: no time limit, which also turns off diff-match-patch's
     *     half-match speed-up
     */
    public JsonDelta(int minStringDiffBytes, double textDiffTimeoutSeconds) {
        this.minStringDiffBytes = minStringDiffBytes;
        this.textDiffTimeoutSeconds = textDiffTimeoutSeconds;
    }

    // ---------------------------------------------------------------------------------------------------- create

    /** The delta turning {@code old} into {@code nuu}, as compact UTF-8 JSON; {@code {}} when they are equal. */
    public byte[] create(Body old, Body nuu) {
        return toJson(createValue(old.toMap(), nuu.toMap()));
    }

    /**
     * The delta turning {@code old} into {@code nuu} (any JSON values in {@link Body#toMap()}'s types), as a Java
     * value; an empty map when they are equal.
     */
    public Object createValue(Object old, Object nuu) {
        Object d = diff(old, nuu, true);
        return d == ABSENT ? new LinkedHashMap<String, Object>() : d;
    }

    /** The delta for {@code old -> nuu} below ({@code !atRoot}) or at the root; {@link #ABSENT} if no change. */
    private Object diff(Object old, Object nuu, boolean atRoot) {
        if (old != ABSENT) {
            if (nuu == ABSENT) {
                return new ArrayList<>(); // removed: []
            }
            JsonValues.Type type = JsonValues.type(old);
            if (type == JsonValues.type(nuu)) {
                switch (type) {
                    case OBJECT:
                        return diffObjects(JsonValues.asMap(old), JsonValues.asMap(nuu));
                    case ARRAY: {
                        List<?> o = (List<?>) old;
                        List<?> n = (List<?>) nuu;
                        if (!o.isEmpty() && !n.isEmpty()) {
                            return diffArrays(o, n);
                        } else if (o.isEmpty() && n.isEmpty()) {
                            return ABSENT;
                        }
                        break; // one side empty: replace
                    }
                    default:
                        if (JsonValues.equal(old, nuu)) {
                            return ABSENT;
                        }
                        if (type == JsonValues.Type.STRING) {
                            String ops = StringDelta.create(((String) old).getBytes(StandardCharsets.UTF_8),
                                    ((String) nuu).getBytes(StandardCharsets.UTF_8), minStringDiffBytes,
                                    textDiffTimeoutSeconds);
                            if (ops != null) {
                                List<Object> d = new ArrayList<>(3);
                                d.add(ops);
                                d.add(0L);
                                d.add((long) TEXT_DIFF_CODE);
                                return d;
                            }
                        }
                        break;
                }
            }
        }
        if (!atRoot && JsonValues.type(nuu).isScalar()) {
            return nuu;
        }
        List<Object> replace = new ArrayList<>(1);
        replace.add(nuu);
        return replace;
    }

    private Object diffObjects(Map<String, ?> old, Map<String, ?> nuu) {
        Map<String, Object> delta = new LinkedHashMap<>();
        int oldKeysSeen = 0;
        for (Map.Entry<String, ?> e : nuu.entrySet()) {
            Object oldValue = JsonValues.get(old, e.getKey(), ABSENT);
            if (oldValue != ABSENT) {
                oldKeysSeen++;
            }
            Object d = diff(oldValue, e.getValue(), false);
            if (d != ABSENT) {
                delta.put(e.getKey(), d);
            }
        }
        if (oldKeysSeen < old.size()) {
            for (Map.Entry<String, ?> e : old.entrySet()) {
                if (!nuu.containsKey(e.getKey())) {
                    delta.put(e.getKey(), diff(e.getValue(), ABSENT, false));
                }
            }
        }
        return delta.isEmpty() ? ABSENT : delta;
    }

    private Object diffArrays(List<?> old, List<?> nuu) {
        Map<String, Object> delta = new LinkedHashMap<>();
        int min = Math.min(old.size(), nuu.size());
        for (int i = 0; i < min; i++) {
            Object d = diff(old.get(i), nuu.get(i), false);
            if (d != ABSENT) {
                delta.put(Integer.toString(i), d);
            }
        }
        if (old.size() != nuu.size()) {
            delta.put(min + "-", new ArrayList<>(nuu.subList(min, nuu.size())));
        }
        return delta.isEmpty() ? ABSENT : delta;
    }

    // ----------------------------------------------------------------------------------------------------- apply

    /**
     * Applies a JSON delta (UTF-8) to {@code old}.
     *
     * @throws C4Exception {@code (LITECORE, CORRUPT_DELTA)} if the delta isn't JSON, doesn't fit {@code old}, or
     *     doesn't produce an object
     */
    public Body apply(Body old, byte[] jsonDelta) {
        Object result = applyValue(old.toMap(), parse(jsonDelta));
        if (!(result instanceof Map)) {
            throw corrupt("delta does not produce an object");
        }
        @SuppressWarnings("unchecked")
        Map<String, ?> map = (Map<String, ?>) result;
        try {
            return Body.fromMap(map);
        } catch (C4Exception e) {
            throw corrupt("delta produces an invalid body: " + e.getMessage());
        }
    }

    /**
     * Applies a delta given as a Java value to {@code old}.
     *
     * @throws C4Exception {@code (LITECORE, CORRUPT_DELTA)} if the delta doesn't fit {@code old} or deletes it
     */
    public Object applyValue(Object old, Object delta) {
        Object result = patch(old, delta);
        if (result == ABSENT) {
            throw corrupt("delta deletes the whole value");
        }
        return result;
    }

    /** The new value for {@code old} (maybe {@link #ABSENT}) under {@code delta}; ABSENT means "remove". */
    private Object patch(Object old, Object delta) {
        if (delta instanceof List) {
            return patchWithArray(old, (List<?>) delta);
        }
        if (delta instanceof Map) {
            Map<String, ?> d = JsonValues.asMap(delta);
            if (old instanceof List) {
                return patchArray((List<?>) old, d);
            } else if (old instanceof Map) {
                return patchObject(JsonValues.asMap(old), d);
            } else if (d.isEmpty() && old != ABSENT) {
                return old;
            }
            throw corrupt("invalid {...} in delta");
        }
        return delta;
    }

    private Object patchWithArray(Object old, List<?> delta) {
        switch (delta.size()) {
            case 0:
                if (old == ABSENT) {
                    throw corrupt("invalid deletion in delta");
                }
                return ABSENT;
            case 1:
                return delta.get(0);
            case 2:
                if (old == ABSENT) {
                    throw corrupt("invalid replace in delta");
                }
                return delta.get(1);
            case 3:
                long code = JsonValues.asInt(delta.get(2));
                if (code != DELETION_CODE && code != TEXT_DIFF_CODE) {
                    throw corrupt("unknown mode in delta");
                }
                switch ((int) code) {
                    case DELETION_CODE:
                        if (old == ABSENT) {
                            throw corrupt("invalid deletion in delta");
                        }
                        return ABSENT;
                    case TEXT_DIFF_CODE: {
                        if (!(old instanceof String)) {
                            throw corrupt("invalid text replace in delta");
                        }
                        Object ops = delta.get(0);
                        if (!(ops instanceof String) || ((String) ops).isEmpty()) {
                            throw corrupt("invalid text diff in delta");
                        }
                        try {
                            return StringDelta.apply((String) old, (String) ops);
                        } catch (IllegalArgumentException e) {
                            throw corrupt(e.getMessage());
                        }
                    }
                    default:
                        throw corrupt("unknown mode in delta");
                }
            default:
                throw corrupt("bad array count in delta");
        }
    }

    private static boolean isDeletion(Object delta) {
        if (!(delta instanceof List)) {
            return false;
        }
        List<?> d = (List<?>) delta;
        return d.isEmpty() || (d.size() == 3 && JsonValues.asInt(d.get(2)) == DELETION_CODE);
    }

    private Map<String, Object> patchObject(Map<String, ?> old, Map<String, ?> delta) {
        Map<String, Object> result = new LinkedHashMap<>(Math.max(16, (old.size() + delta.size()) * 2));
        int deltaKeysUsed = 0;
        for (Map.Entry<String, ?> e : old.entrySet()) {
            Object d = JsonValues.get(delta, e.getKey(), ABSENT);
            if (d == ABSENT) {
                result.put(e.getKey(), e.getValue());
                continue;
            }
            deltaKeysUsed++;
            if (!isDeletion(d)) {
                result.put(e.getKey(), patch(e.getValue(), d));
            }
        }
        if (deltaKeysUsed < delta.size()) {
            for (Map.Entry<String, ?> e : delta.entrySet()) {
                if (!old.containsKey(e.getKey())) {
                    result.put(e.getKey(), patch(ABSENT, e.getValue()));
                }
            }
        }
        return result;
    }

    private List<Object> patchArray(List<?> old, Map<String, ?> delta) {
        List<Object> result = new ArrayList<>(old.size());
        Object remainder = ABSENT;
        for (int i = 0; i < old.size(); i++) {
            Object d = JsonValues.get(delta, Integer.toString(i), ABSENT);
            if (d != ABSENT) {
                Object v = patch(old.get(i), d);
                if (v == ABSENT) {
                    // Fleece would write 'undefined' into the array; no JSON body can hold that
                    throw corrupt("deletion of an array item in delta");
                }
                result.add(v);
            } else {
                remainder = JsonValues.get(delta, i + "-", ABSENT);
                if (remainder != ABSENT) {
                    break;
                }
                result.add(old.get(i));
            }
        }
        if (remainder == ABSENT) {
            remainder = JsonValues.get(delta, old.size() + "-", ABSENT);
        }
        if (remainder != ABSENT) {
            if (!(remainder instanceof List)) {
                throw corrupt("invalid array remainder in delta");
            }
            result.addAll((List<?>) remainder);
        }
        return result;
    }

    // ------------------------------------------------------------------------------------------------------ JSON

    /** Compact UTF-8 JSON of a delta or value (strings escaped as Fleece's encoder does). */
    public static byte[] toJson(Object value) {
        return MsgpackToJson.toJson(BodyValues.encode(value));
    }

    /** Parses UTF-8 JSON into Java values; throws {@code (LITECORE, CORRUPT_DELTA)} if it isn't JSON. */
    public static Object parse(byte[] json) {
        try {
            return BodyValues.decode(JsonToMsgpack.encode(json, 0, json.length).msgpack());
        } catch (C4Exception e) {
            throw corrupt("delta is not JSON: " + e.getMessage());
        }
    }

    private static C4Exception corrupt(String message) {
        return new C4Exception(ErrorDomain.LITECORE, LiteCore.CORRUPT_DELTA, message);
    }
}
