package org.c4j.internal.delta;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/** Random JSON trees (Body.toMap()'s types) and random edits of them, for the delta properties. */
final class DeltaGen {
    private static final String[] WORDS = {"a", "b", "name", "x", "0", "1", "_id", "@type", "digest", "længde", "键",
            "😀", ""};

    private DeltaGen() {
    }

    /** A random generator seed; trees and edits derive from it so jqwik's printed seed reproduces a failure. */
    static Arbitrary<Long> seeds() {
        return Arbitraries.longs();
    }

    static Object tree(Random r, int depth) {
        int kind = depth <= 0 ? r.nextInt(6) : r.nextInt(8);
        switch (kind) {
            case 0:
                return null;
            case 1:
                return r.nextBoolean();
            case 2:
                return r.nextInt(4) == 0 ? (Object) (r.nextLong()) : (Object) (long) r.nextInt(100);
            case 3:
                return r.nextInt(3) == 0 ? r.nextDouble() * 1000 : (double) r.nextInt(5) + 0.5;
            case 4:
            case 5:
                return text(r, r.nextInt(4) == 0 ? 60 + r.nextInt(300) : r.nextInt(20));
            case 6: {
                int n = r.nextInt(6);
                List<Object> l = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    l.add(tree(r, depth - 1));
                }
                return l;
            }
            default:
                return object(r, depth - 1);
        }
    }

    static Map<String, Object> object(Random r, int depth) {
        Map<String, Object> m = new LinkedHashMap<>();
        int n = r.nextInt(7);
        for (int i = 0; i < n; i++) {
            m.put(key(r), tree(r, depth));
        }
        return m;
    }

    static String key(Random r) {
        return r.nextInt(3) == 0 ? WORDS[r.nextInt(WORDS.length)] + r.nextInt(10) : WORDS[r.nextInt(WORDS.length)];
    }

    /** Text mixing ASCII words, punctuation, newlines and multi-byte characters (2, 3 and 4 UTF-8 bytes). */
    static String text(Random r, int approxLength) {
        String[] pieces = {"the ", "fog ", "cat ", "comes ", "in ", "on ", "little ", "feet", ". ", ", ", "\n", "é",
                "ü", "モバイル", "データ", "தமிழ்", "😀", "🐈", "|", "+", "-", "=", "12", "\"", "\\", "\t", " "};
        StringBuilder sb = new StringBuilder();
        while (sb.length() < approxLength) {
            sb.append(pieces[r.nextInt(pieces.length)]);
        }
        return sb.toString();
    }

    /** A copy of {@code v} with a few random edits (changed, added, removed keys; array and string edits). */
    static Object mutate(Random r, Object v, int depth) {
        if (v instanceof Map) {
            @SuppressWarnings("unchecked")
            Map<String, Object> m = new LinkedHashMap<>((Map<String, Object>) v);
            List<String> keys = new ArrayList<>(m.keySet());
            int edits = 1 + r.nextInt(3);
            for (int i = 0; i < edits; i++) {
                int what = r.nextInt(5);
                if (what == 0 || keys.isEmpty()) {
                    m.put(key(r), tree(r, 2));
                } else {
                    String k = keys.get(r.nextInt(keys.size()));
                    if (what == 1) {
                        m.remove(k);
                    } else {
                        m.put(k, mutate(r, m.get(k), depth + 1));
                    }
                }
            }
            if (r.nextInt(8) == 0) { // reorder keys: not a change
                List<String> ks = new ArrayList<>(m.keySet());
                java.util.Collections.shuffle(ks, r);
                Map<String, Object> reordered = new LinkedHashMap<>();
                for (String k : ks) {
                    reordered.put(k, m.get(k));
                }
                m = reordered;
            }
            return m;
        }
        if (v instanceof List) {
            List<Object> l = new ArrayList<>((List<?>) v);
            switch (r.nextInt(4)) {
                case 0:
                    l.add(tree(r, 1));
                    break;
                case 1:
                    if (!l.isEmpty()) {
                        l.remove(r.nextInt(l.size()));
                    }
                    break;
                default:
                    if (!l.isEmpty()) {
                        int i = r.nextInt(l.size());
                        l.set(i, mutate(r, l.get(i), depth + 1));
                    }
            }
            return l;
        }
        if (v instanceof String && r.nextInt(4) != 0) {
            return editText(r, (String) v);
        }
        return r.nextInt(3) == 0 ? v : tree(r, 1);
    }

    /** Random insertions, deletions and replacements at code point boundaries. */
    static String editText(Random r, String s) {
        StringBuilder sb = new StringBuilder(s);
        int edits = 1 + r.nextInt(4);
        for (int i = 0; i < edits; i++) {
            int at = boundary(sb, r.nextInt(sb.length() + 1));
            switch (r.nextInt(3)) {
                case 0:
                    sb.insert(at, text(r, 1 + r.nextInt(12)));
                    break;
                case 1: {
                    int end = boundary(sb, Math.min(sb.length(), at + r.nextInt(10)));
                    sb.delete(at, Math.max(at, end));
                    break;
                }
                default: {
                    int end = boundary(sb, Math.min(sb.length(), at + r.nextInt(6)));
                    sb.replace(at, Math.max(at, end), text(r, 1 + r.nextInt(6)));
                }
            }
        }
        return sb.toString();
    }

    private static int boundary(CharSequence s, int i) {
        return i > 0 && i < s.length() && Character.isLowSurrogate(s.charAt(i)) ? i - 1 : i;
    }
}
