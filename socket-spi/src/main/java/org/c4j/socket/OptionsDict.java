package org.c4j.socket;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

import org.c4j.socket.internal.Bytes;
import org.c4j.socket.internal.OptionsCodec;
import org.c4j.socket.internal.OptionsPrinter;

/**
 * An immutable options dictionary, c4j's counterpart of LiteCore's Fleece-encoded options: string keys (see
 * {@link OptionKeys}) mapped to {@code null}, booleans, 64-bit integers, doubles, strings, byte strings, arrays
 * and nested dictionaries (at most 64 levels deep, this one counting as 1).
 *
 * <p><b>Values.</b> Integers are always {@link Long}s and floating-point numbers {@link Double}s (a
 * {@code 1L} and a {@code 1.0} are different values). Strings must be valid Unicode (no unpaired surrogates).
 * {@link #get} returns Java values: nested dictionaries as {@code OptionsDict}, arrays as unmodifiable
 * {@code List}s, byte strings as fresh {@code byte[]} copies. The typed accessors treat an absent key and a
 * {@code null} value alike, and throw {@link C4Exception} {@link ErrorDomain#LITECORE}
 * {@link ErrorCodes.LiteCore#INVALID_PARAMETER} ("option 'heartbeat' must be a long, got string") on a value
 * of another type.
 *
 * <p><b>Equality</b> is by value, including byte strings and nested containers; insertion order does not
 * matter. The {@linkplain #encode() encoding} (MessagePack, keys sorted) is canonical: equal dictionaries
 * encode to equal bytes. {@link #decode} accepts any MessagePack map of the supported types and rejects
 * everything else with {@link C4Exception} {@link ErrorDomain#LITECORE} {@link ErrorCodes.LiteCore#CORRUPT_DATA}
 * only — never another exception.
 *
 * <p><b>Logging.</b> {@link #toString()} never shows secrets: passwords, tokens and session IDs, client
 * private keys, cookies and {@code Cookie}/{@code Authorization} header values print as {@code "***"} at any
 * depth.
 *
 * <p>Immutable and thread-safe. Byte arrays passed in are copied; byte arrays handed out are copies.
 *
 * <p><b>Contract rule:</b> a {@link SocketFactory} receives the whole dictionary and turns its socket options into
 * the wire itself; secrets in it are never printed.
 */
public final class OptionsDict {
    /** The empty dictionary. */
    public static final OptionsDict EMPTY = new OptionsDict(Collections.emptySortedMap());

    /** Valid tree (see {@link OptionsCodec}): unmodifiable, sorted, nested values immutable. */
    private final SortedMap<String, Object> tree;

    private OptionsDict(SortedMap<String, Object> tree) {
        this.tree = tree;
    }

    /** A new, empty builder. */
    public static Builder builder() {
        return new Builder(Collections.emptySortedMap());
    }

    /**
     * A dictionary holding plain Java values: {@code null}, Boolean, Byte/Short/Integer/Long, Float/Double,
     * String, byte[] (copied), List, Map with String keys, OptionsDict — nested freely.
     *
     * @throws C4Exception {@link ErrorCodes.LiteCore#INVALID_PARAMETER} on any other type, a non-string key,
     *                     an unpaired surrogate or nesting deeper than 64 levels
     */
    public static OptionsDict of(Map<String, ?> values) {
        if (values == null) {
            throw OptionValues.invalid("options map is null");
        }
        return new OptionsDict(OptionValues.mapToTree(values, 1, ""));
    }

    /**
     * Decodes {@link #encode()}'s output (or any MessagePack map of supported values).
     *
     * @throws C4Exception {@link ErrorDomain#LITECORE} {@link ErrorCodes.LiteCore#CORRUPT_DATA} if the bytes are
     *                     not such a map (truncated, trailing bytes, bad keys or types, too deep, ...); no
     *                     other exception, whatever the input
     */
    public static OptionsDict decode(byte[] encoded) {
        return new OptionsDict(OptionsCodec.decode(encoded));
    }

    /** The canonical MessagePack encoding; a fresh array owned by the caller. */
    public byte[] encode() {
        return OptionsCodec.encode(tree);
    }

    public int size() {
        return tree.size();
    }

    public boolean isEmpty() {
        return tree.isEmpty();
    }

    /** True if {@code key} is present, even with a {@code null} value. */
    public boolean contains(String key) {
        return tree.containsKey(key);
    }

    /** The keys, sorted; unmodifiable. */
    public Set<String> keys() {
        return tree.keySet();
    }

    /** The value under {@code key} as a Java value (see the class comment), or {@code null}. */
    public Object get(String key) {
        return exposed(tree.get(key));
    }

    /** The string under {@code key}, or {@code null}. */
    public String getString(String key) {
        return getString(key, null);
    }

    public String getString(String key, String defaultValue) {
        Object v = tree.get(key);
        return v == null ? defaultValue : typed(key, v, String.class, "a string");
    }

    public long getLong(String key, long defaultValue) {
        Object v = tree.get(key);
        return v == null ? defaultValue : typed(key, v, Long.class, "a long");
    }

    /** Like {@link #getLong} but the value must also fit an {@code int}. */
    public int getInt(String key, int defaultValue) {
        Object v = tree.get(key);
        if (v == null) {
            return defaultValue;
        }
        long l = typed(key, v, Long.class, "an int");
        if (l != (int) l) {
            throw OptionValues.invalid("option '" + key + "' must be an int, got " + l);
        }
        return (int) l;
    }

    /** The number under {@code key}; a long is widened to a double. */
    public double getDouble(String key, double defaultValue) {
        Object v = tree.get(key);
        if (v == null) {
            return defaultValue;
        }
        return v instanceof Long l ? l.doubleValue() : typed(key, v, Double.class, "a double");
    }

    public boolean getBool(String key, boolean defaultValue) {
        Object v = tree.get(key);
        return v == null ? defaultValue : typed(key, v, Boolean.class, "a bool");
    }

    /** A copy of the byte string under {@code key}, or {@code null}. */
    public byte[] getBytes(String key) {
        Object v = tree.get(key);
        return v == null ? null : typed(key, v, Bytes.class, "bytes").toArray();
    }

    /** The dictionary under {@code key}, or {@code null}. */
    public OptionsDict getDict(String key) {
        Object v = tree.get(key);
        return v == null ? null : new OptionsDict(asTree(typed(key, v, SortedMap.class, "a dict")));
    }

    /** The array under {@code key} as an unmodifiable list of Java values, or {@code null}. */
    public List<Object> getArray(String key) {
        Object v = tree.get(key);
        return v == null ? null : exposedList(typed(key, v, List.class, "an array"));
    }

    /** The array of strings under {@code key} (e.g. {@link OptionKeys#DOC_IDS}), unmodifiable, or {@code null}. */
    public List<String> getStringList(String key) {
        Object v = tree.get(key);
        if (v == null) {
            return null;
        }
        List<?> items = typed(key, v, List.class, "an array");
        List<String> strings = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            Object item = items.get(i);
            if (!(item instanceof String s)) {
                throw OptionValues.invalid("option '" + key + "' must be an array of strings, got "
                        + OptionValues.typeName(item) + " at index " + i);
            }
            strings.add(s);
        }
        return Collections.unmodifiableList(strings);
    }

    /** A builder starting with this dictionary's entries. */
    public Builder toBuilder() {
        return new Builder(tree);
    }

    /** All entries as plain Java values: nested dictionaries as sorted unmodifiable Maps, byte[] copies. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> toMap() {
        return (Map<String, Object>) OptionValues.toPlain(tree);
    }

    /** The internal tree, for {@link OptionValues}. */
    SortedMap<String, Object> tree() {
        return tree;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OptionsDict other && tree.equals(other.tree);
    }

    @Override
    public int hashCode() {
        return tree.hashCode();
    }

    /** JSON-like text with secrets redacted (see the class comment); safe to log. */
    @Override
    public String toString() {
        return OptionsPrinter.print(tree);
    }

    private static <T> T typed(String key, Object value, Class<T> type, String expected) {
        if (!type.isInstance(value)) {
            throw OptionValues.invalid("option '" + key + "' must be " + expected + ", got "
                    + OptionValues.typeName(value));
        }
        return type.cast(value);
    }

    @SuppressWarnings("unchecked")
    private static SortedMap<String, Object> asTree(SortedMap<?, ?> map) {
        return (SortedMap<String, Object>) map;
    }

    private static Object exposed(Object value) {
        if (value instanceof Bytes b) {
            return b.toArray();
        } else if (value instanceof List<?> list) {
            return exposedList(list);
        } else if (value instanceof SortedMap<?, ?> map) {
            return new OptionsDict(asTree(map));
        }
        return value;
    }

    private static List<Object> exposedList(List<?> list) {
        List<Object> items = new ArrayList<>(list.size());
        for (Object item : list) {
            items.add(exposed(item));
        }
        return Collections.unmodifiableList(items);
    }

    /**
     * Collects entries for a new {@link OptionsDict}; a later put under the same key replaces the earlier one.
     * Values are checked as they are put ({@link C4Exception} {@link ErrorCodes.LiteCore#INVALID_PARAMETER}).
     *
     * <p>Not thread-safe: one builder belongs to one thread.
     */
    public static final class Builder {
        private final SortedMap<String, Object> entries;

        private Builder(SortedMap<String, Object> initial) {
            this.entries = new TreeMap<>(initial);
        }

        /** Puts a string, or {@code null}. */
        public Builder put(String key, String value) {
            return putTree(key, value == null ? null : OptionValues.checkString(value, key));
        }

        public Builder put(String key, boolean value) {
            return putTree(key, value);
        }

        /** Puts an integer (ints widen to this). */
        public Builder put(String key, long value) {
            return putTree(key, value);
        }

        /** Puts a double (floats widen to this). */
        public Builder put(String key, double value) {
            return putTree(key, OptionValues.toTree(value, 2, key));
        }

        /** Puts a copy of {@code value}, or {@code null}. */
        public Builder put(String key, byte[] value) {
            return putTree(key, value == null ? null : Bytes.copyOf(value));
        }

        public Builder putNull(String key) {
            return putTree(key, null);
        }

        /** Puts an array of plain Java values (as {@link OptionsDict#of}), or {@code null}. */
        public Builder putArray(String key, List<?> value) {
            return putTree(key, OptionValues.toTree(value, 2, key));
        }

        /** Puts a nested dictionary, or {@code null}. */
        public Builder putDict(String key, OptionsDict value) {
            return putTree(key, OptionValues.toTree(value, 2, key));
        }

        /** Puts a nested dictionary of plain Java values (as {@link OptionsDict#of}), or {@code null}. */
        public Builder putDict(String key, Map<String, ?> value) {
            return putTree(key, OptionValues.toTree(value, 2, key));
        }

        /** Removes {@code key} if present. */
        public Builder remove(String key) {
            entries.remove(key);
            return this;
        }

        public OptionsDict build() {
            return new OptionsDict(Collections.unmodifiableSortedMap(new TreeMap<>(entries)));
        }

        private Builder putTree(String key, Object treeValue) {
            if (key == null) {
                throw OptionValues.invalid("option key is null");
            }
            entries.put(OptionValues.checkString(key, key), treeValue);
            return this;
        }
    }
}
