package org.c4j.socket;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import org.c4j.socket.internal.Bytes;
import org.c4j.socket.internal.OptionsCodec;

/**
 * Converts plain Java values into option trees (the model described in {@link OptionsCodec}) and back, checking
 * types, keys, strings and nesting depth. Invalid input fails with {@link C4Exception}
 * {@link ErrorDomain#LITECORE} / {@link ErrorCodes.LiteCore#INVALID_PARAMETER}. Stateless; thread-safe.
 */
final class OptionValues {
    private OptionValues() {
    }

    /**
     * The tree form of a plain Java value: Boolean; Byte, Short, Integer, Long (as Long); Float, Double (as
     * Double); String; byte[] (copied); List; Map with String keys; {@link OptionsDict}; null.
     *
     * @param level the nesting level a container value would sit at (a top-level dict is level 1)
     * @param path  where the value sits, for messages ({@code auth.type}, {@code docIDs[3]})
     */
    static Object toTree(Object value, int level, String path) {
        if (value == null || value instanceof Boolean || value instanceof Long) {
            return value;
        } else if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        } else if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            return Double.isNaN(d) ? Double.NaN : d;
        } else if (value instanceof String s) {
            return checkString(s, path);
        } else if (value instanceof byte[] b) {
            return Bytes.copyOf(b);
        } else if (value instanceof List<?> list) {
            checkLevel(level, path);
            List<Object> items = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                items.add(toTree(list.get(i), level + 1, path + "[" + i + "]"));
            }
            return Collections.unmodifiableList(items);
        } else if (value instanceof Map<?, ?> map) {
            return mapToTree(map, level, path);
        } else if (value instanceof OptionsDict dict) {
            SortedMap<String, Object> tree = dict.tree();
            checkLevel(level + depth(tree) - 1, path);
            return tree;
        }
        throw invalid(where(path) + " has unsupported type " + value.getClass().getName());
    }

    /** The tree form of a map with String keys, at nesting {@code level}. */
    static SortedMap<String, Object> mapToTree(Map<?, ?> map, int level, String path) {
        checkLevel(level, path);
        SortedMap<String, Object> tree = new TreeMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String key)) {
                throw invalid(where(path) + " has a key that is not a string: " + e.getKey());
            }
            String keyPath = path.isEmpty() ? key : path + "." + key;
            tree.put(checkString(key, keyPath), toTree(e.getValue(), level + 1, keyPath));
        }
        return Collections.unmodifiableSortedMap(tree);
    }

    /** The plain Java form of a tree value: dicts as unmodifiable Maps, arrays as Lists, bytes copied. */
    static Object toPlain(Object value) {
        if (value instanceof Bytes b) {
            return b.toArray();
        } else if (value instanceof List<?> list) {
            List<Object> items = new ArrayList<>(list.size());
            for (Object item : list) {
                items.add(toPlain(item));
            }
            return Collections.unmodifiableList(items);
        } else if (value instanceof SortedMap<?, ?> map) {
            SortedMap<String, Object> plain = new TreeMap<>();
            map.forEach((k, v) -> plain.put((String) k, toPlain(v)));
            return Collections.unmodifiableSortedMap(plain);
        }
        return value;
    }

    /** Nesting depth of a tree value: 0 for scalars, 1 + the deepest item for containers. */
    static int depth(Object value) {
        Iterable<?> items;
        if (value instanceof List<?> list) {
            items = list;
        } else if (value instanceof SortedMap<?, ?> map) {
            items = map.values();
        } else {
            return 0;
        }
        int deepest = 0;
        for (Object item : items) {
            deepest = Math.max(deepest, depth(item));
        }
        return 1 + deepest;
    }

    /** The name of a tree value's type, as used in messages. */
    static String typeName(Object value) {
        if (value == null) {
            return "null";
        } else if (value instanceof Boolean) {
            return "bool";
        } else if (value instanceof Long) {
            return "long";
        } else if (value instanceof Double) {
            return "double";
        } else if (value instanceof String) {
            return "string";
        } else if (value instanceof Bytes) {
            return "bytes";
        } else if (value instanceof List) {
            return "array";
        }
        return "dict";
    }

    /** Rejects strings that UTF-8 cannot carry unchanged (unpaired surrogates). */
    static String checkString(String s, String path) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw invalid("option '" + path + "' has a string with an unpaired surrogate at index " + i);
            }
        }
        return s;
    }

    static C4Exception invalid(String message) {
        return new C4Exception(ErrorDomain.LITECORE, ErrorCodes.LiteCore.INVALID_PARAMETER, message);
    }

    private static String where(String path) {
        return path.isEmpty() ? "the options" : "option '" + path + "'";
    }

    private static void checkLevel(int level, String path) {
        if (level > OptionsCodec.MAX_DEPTH) {
            throw invalid(where(path) + " nests deeper than " + OptionsCodec.MAX_DEPTH + " levels");
        }
    }
}
