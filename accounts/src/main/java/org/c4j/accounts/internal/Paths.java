package org.c4j.accounts.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Splitting a raw request path into percent-decoded segments. Stateless; thread-safe. */
public final class Paths {
    private Paths() {
    }

    /**
     * The decoded segments of a raw path like {@code /db/_user/a%20b/}: {@code [db, _user, a b, ""]} (a trailing slash
     * gives a last empty segment); null if the path does not start with '/' or has a malformed escape.
     */
    public static List<String> segments(String rawPath) {
        if (rawPath == null || !rawPath.startsWith("/")) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (String s : rawPath.substring(1).split("/", -1)) {
            String d = decode(s);
            if (d == null) {
                return null;
            }
            out.add(d);
        }
        return out;
    }

    private static String decode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '%') {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
                continue;
            }
            if (i + 2 >= s.length()) {
                return null;
            }
            int hi = Character.digit(s.charAt(i + 1), 16);
            int lo = Character.digit(s.charAt(i + 2), 16);
            if (hi < 0 || lo < 0) {
                return null;
            }
            out.write(hi * 16 + lo);
            i += 2;
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
