package org.c4j.ws.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import org.c4j.socket.OptionKeys;
import org.c4j.ws.PasswordAuthenticator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listener's decision on an upgrade request, before any WebSocket byte is exchanged: checks, in order, the
 * method (GET), the credentials (if an authenticator is set: a valid {@value org.c4j.socket.OptionKeys#DEFAULT_SESSION_COOKIE_NAME} session cookie
 * or valid Basic credentials), the path {@code /<db>/_blipsync} and database name,
 * the WebSocket upgrade headers, and that {@value WsWire#SUBPROTOCOL} is offered. The first failed check decides
 * the {@link Rejection}. Checking credentials before the path keeps unauthenticated clients from probing which
 * databases exist. Stateless apart from the authenticator's own state; thread-safe if the authenticator is.
 */
public final class UpgradePolicy {
    private static final Logger LOG = LoggerFactory.getLogger(UpgradePolicy.class);

    /** What the policy decided. */
    public sealed interface Decision permits Accept, Reject {
    }

    /** Upgrade accepted: the database named in the path, the subprotocol to answer with, the user (or null). */
    public record Accept(String path, String database, String subprotocol, String user) implements Decision {
    }

    /** Upgrade refused with this response. */
    public record Reject(Rejection rejection) implements Decision {
    }

    private final Predicate<String> servesDatabase;
    private final PasswordAuthenticator authenticator;
    private final Predicate<String> sessionAuthenticator;

    /** A policy without session authentication. */
    public UpgradePolicy(Predicate<String> servesDatabase, PasswordAuthenticator authenticator) {
        this(servesDatabase, authenticator, null);
    }

    /**
     * @param servesDatabase       whether a database name is served (others get 404)
     * @param authenticator        checks Basic credentials, or {@code null}
     * @param sessionAuthenticator checks the session ID of a {@value org.c4j.socket.OptionKeys#DEFAULT_SESSION_COOKIE_NAME} cookie, or
     *                             {@code null}; with both null everyone is let in anonymously
     */
    public UpgradePolicy(Predicate<String> servesDatabase, PasswordAuthenticator authenticator,
                         Predicate<String> sessionAuthenticator) {
        this.servesDatabase = servesDatabase;
        this.authenticator = authenticator;
        this.sessionAuthenticator = sessionAuthenticator;
    }

    public Decision decide(HttpHead.Request rq) {
        if (!rq.method().equals("GET")) {
            return new Reject(new Rejection(WsWire.HTTP_METHOD_NOT_ALLOWED, Map.of(WsWire.ALLOW, "GET"),
                    "only GET can be upgraded to a WebSocket"));
        }
        String user = null;
        if (authenticator != null || sessionAuthenticator != null) {
            boolean ok;
            String[] credentials = null;
            try {
                ok = validSession(rq);
                if (!ok && authenticator != null) {
                    credentials = basicCredentials(rq.header(WsWire.AUTHORIZATION));
                    ok = credentials != null && authenticator.authenticate(credentials[0], credentials[1]);
                }
            } catch (RuntimeException e) {
                LOG.warn("listener authenticator threw {}", e.getClass().getName());
                return new Reject(Rejection.of(WsWire.HTTP_INTERNAL_ERROR, "authentication failed"));
            }
            if (!ok) {
                return new Reject(new Rejection(WsWire.HTTP_UNAUTHORIZED,
                        Map.of(WsWire.WWW_AUTHENTICATE, WsWire.BASIC + " realm=\"" + WsWire.REALM + "\""),
                        "valid credentials are required"));
            }
            user = credentials == null ? null : credentials[0];
        }
        String database = databaseOf(rq.path());
        boolean served;
        try {
            served = database != null && servesDatabase.test(database);
        } catch (RuntimeException e) {
            LOG.warn("listener database check threw {}", e.getClass().getName());
            return new Reject(Rejection.of(WsWire.HTTP_INTERNAL_ERROR, "database lookup failed"));
        }
        if (!served) {
            return new Reject(Rejection.of(WsWire.HTTP_NOT_FOUND, "no such database"));
        }
        if (!hasToken(rq.header(WsWire.UPGRADE), WsWire.WEBSOCKET)
                || !hasToken(rq.header(WsWire.CONNECTION), WsWire.UPGRADE)) {
            return new Reject(new Rejection(WsWire.HTTP_UPGRADE_REQUIRED, Map.of(WsWire.UPGRADE, WsWire.WEBSOCKET),
                    "this endpoint only speaks WebSocket"));
        }
        if (!WsWire.WEBSOCKET_VERSION.equals(trimmed(rq.header(WsWire.SEC_WEBSOCKET_VERSION)))) {
            return new Reject(new Rejection(WsWire.HTTP_UPGRADE_REQUIRED,
                    Map.of(WsWire.SEC_WEBSOCKET_VERSION, WsWire.WEBSOCKET_VERSION), "unsupported WebSocket version"));
        }
        if (trimmed(rq.header(WsWire.SEC_WEBSOCKET_KEY)).isEmpty()) {
            return new Reject(Rejection.of(WsWire.HTTP_BAD_REQUEST, "missing Sec-WebSocket-Key"));
        }
        if (!offersSubprotocol(rq.headers().get(WsWire.SEC_WEBSOCKET_PROTOCOL))) {
            return new Reject(Rejection.of(WsWire.HTTP_BAD_REQUEST,
                    "the WebSocket subprotocol " + WsWire.SUBPROTOCOL + " is required"));
        }
        return new Accept(rq.path(), database, WsWire.SUBPROTOCOL, user);
    }

    /** True if a session authenticator is set and accepts the request's session cookie. */
    private boolean validSession(HttpHead.Request rq) {
        if (sessionAuthenticator == null) {
            return false;
        }
        String session = sessionCookie(rq.headers().get(WsWire.COOKIE));
        return session != null && sessionAuthenticator.test(session);
    }

    /** The value of the first {@value org.c4j.socket.OptionKeys#DEFAULT_SESSION_COOKIE_NAME} cookie in {@code Cookie} header values, or null. */
    static String sessionCookie(List<String> cookieHeaders) {
        if (cookieHeaders == null) {
            return null;
        }
        for (String header : cookieHeaders) {
            for (String pair : header.split(";")) {
                int eq = pair.indexOf('=');
                if (eq > 0 && pair.substring(0, eq).trim().equals(OptionKeys.DEFAULT_SESSION_COOKIE_NAME)) {
                    String value = pair.substring(eq + 1).trim();
                    return value.isEmpty() ? null : value;
                }
            }
        }
        return null;
    }

    /** {user, password} from a {@code Basic} Authorization value, or null if absent or malformed. */
    static String[] basicCredentials(String authorization) {
        if (authorization == null) {
            return null;
        }
        String value = authorization.trim();
        int space = value.indexOf(' ');
        if (space < 0 || !value.substring(0, space).equalsIgnoreCase(WsWire.BASIC)) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(value.substring(space + 1).trim()),
                    StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        return colon < 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
    }

    /** The database of a {@code /<db>/_blipsync} path, percent-decoded, or null for any other path. */
    static String databaseOf(String path) {
        String[] segments = path.split("/", -1);
        if (segments.length != 3 || !segments[0].isEmpty() || !segments[2].equals(WsWire.BLIPSYNC)) {
            return null;
        }
        String db = percentDecode(segments[1]);
        return db == null || db.isEmpty() ? null : db;
    }

    /** Decodes %XX escapes as UTF-8 ('+' stays '+', as in paths); null if an escape is malformed. */
    static String percentDecode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            if (c != '%') {
                byte[] b = new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
                i += Character.charCount(c);
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
            i += 3;
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static boolean offersSubprotocol(List<String> values) {
        if (values == null) {
            return false;
        }
        for (String value : values) {
            for (String offered : value.split(",")) {
                if (offered.trim().equals(WsWire.SUBPROTOCOL)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** True if the comma-separated header value contains {@code token}, ignoring case. */
    private static boolean hasToken(String value, String token) {
        if (value == null) {
            return false;
        }
        for (String t : value.split(",")) {
            if (t.trim().toLowerCase(Locale.ROOT).equals(token.toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    private static String trimmed(String value) {
        return value == null ? "" : value.trim();
    }
}
