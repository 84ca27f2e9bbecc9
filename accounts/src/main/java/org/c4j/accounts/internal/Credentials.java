package org.c4j.accounts.internal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.c4j.accounts.Session;

/**
 * Credentials found in HTTP request headers: Basic user and password, a Bearer token, the
 * {@value Session#COOKIE_NAME} cookie. Parsing only; nothing is checked here. {@link #toString} shows which kinds are
 * present, never their values. Immutable; thread-safe.
 *
 * @param basicUser     the Basic user name, or null
 * @param basicPassword the Basic password, or null
 * @param bearer        the Bearer token, or null
 * @param session       the session cookie's value, or null
 * @param malformedAuth true if an Authorization header was present but neither a valid Basic nor a Bearer value
 */
public record Credentials(String basicUser, String basicPassword, String bearer, String session,
                          boolean malformedAuth) {

    /** Reads the first {@code Authorization} value and every {@code Cookie} value. */
    public static Credentials from(String authorization, List<String> cookies) {
        String user = null;
        String password = null;
        String bearer = null;
        boolean malformed = false;
        if (authorization != null) {
            String v = authorization.trim();
            int space = v.indexOf(' ');
            String scheme = space < 0 ? v : v.substring(0, space);
            String rest = space < 0 ? "" : v.substring(space + 1).trim();
            if (scheme.equalsIgnoreCase("Basic")) {
                String[] up = basic(rest);
                if (up == null) {
                    malformed = true;
                } else {
                    user = up[0];
                    password = up[1];
                }
            } else if (scheme.equalsIgnoreCase("Bearer") && !rest.isEmpty()) {
                bearer = rest;
            } else {
                malformed = true;
            }
        }
        return new Credentials(user, password, bearer, cookie(cookies, Session.COOKIE_NAME), malformed);
    }

    public boolean hasBasic() {
        return basicUser != null;
    }

    private static String[] basic(String encoded) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        return colon <= 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
    }

    /** The value of the first cookie called {@code name} in Cookie header values, or null. */
    public static String cookie(List<String> cookieHeaders, String name) {
        if (cookieHeaders == null) {
            return null;
        }
        for (String header : cookieHeaders) {
            for (String pair : header.split(";")) {
                int eq = pair.indexOf('=');
                if (eq > 0 && pair.substring(0, eq).trim().equals(name)) {
                    String value = pair.substring(eq + 1).trim();
                    if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                        value = value.substring(1, value.length() - 1);
                    }
                    return value.isEmpty() ? null : value;
                }
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return "Credentials{" + (basicUser != null ? "basic " : "") + (bearer != null ? "bearer " : "")
                + (session != null ? "session " : "") + (malformedAuth ? "malformed" : "") + "}";
    }
}
