package org.c4j.socket.internal;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Prints an option tree (see {@link OptionsCodec}) as JSON-like text for logs, with secrets replaced by
 * {@code "***"} at any depth:
 * <ul>
 *   <li>the value of any entry whose key is, ignoring case, {@code password}, {@code token} (also a
 *       {@code Session} auth's session ID), {@code clientCertKey}, {@code cookies}, {@code session},
 *       or the HTTP header names {@code Cookie}, {@code Authorization}, {@code Proxy-Authorization} (as keys of
 *       a {@code headers} dict) — whatever the value's type;</li>
 *   <li>in a string array item shaped like one of those headers ({@code "Cookie: a=b"}), the part after the
 *       colon (LiteCore 3.0 documents {@code headers} as a string array).</li>
 * </ul>
 * Binary values print as their length only. Stateless; thread-safe.
 */
public final class OptionsPrinter {
    private OptionsPrinter() {
    }

    /** What a secret prints as. */
    public static final String REDACTED = "***";

    private static final Set<String> SECRET_KEYS = Set.of(
            "password", "token", "clientcertkey", "cookies", "session",
            "cookie", "authorization", "proxy-authorization");

    private static final Pattern SECRET_HEADER_LINE =
            Pattern.compile("(?i)\\s*(cookie|authorization|proxy-authorization)\\s*:.*", Pattern.DOTALL);

    private static boolean isSecretKey(String key) {
        return SECRET_KEYS.contains(key.toLowerCase(Locale.ROOT));
    }

    /** The tree as redacted text. */
    public static String print(Map<String, Object> tree) {
        StringBuilder out = new StringBuilder();
        printMap(out, tree);
        return out.toString();
    }

    private static void printMap(StringBuilder out, Map<?, ?> map) {
        out.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!first) {
                out.append(", ");
            }
            first = false;
            String key = (String) e.getKey();
            printString(out, key);
            out.append(": ");
            if (isSecretKey(key)) {
                printString(out, REDACTED);
            } else {
                printValue(out, e.getValue());
            }
        }
        out.append('}');
    }

    private static void printValue(StringBuilder out, Object value) {
        if (value instanceof String s) {
            printString(out, s);
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(", ");
                }
                Object item = list.get(i);
                if (item instanceof String s && SECRET_HEADER_LINE.matcher(s).matches()) {
                    printString(out, s.substring(0, s.indexOf(':') + 1) + " " + REDACTED);
                } else {
                    printValue(out, item);
                }
            }
            out.append(']');
        } else if (value instanceof Map<?, ?> map) {
            printMap(out, map);
        } else {
            out.append(value); // null, Boolean, Long, Double, Bytes (prints its length)
        }
    }

    private static void printString(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }
}
