package org.c4j.ws.internal.listen;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

import org.c4j.socket.AuthDecision;
import org.c4j.socket.AuthRequest;
import org.c4j.socket.OptionKeys;
import org.c4j.socket.PlainHttpHandler;
import org.c4j.socket.Principal;
import org.c4j.socket.UpgradeAuthenticator;
import org.c4j.ws.PasswordAuthenticator;
import org.c4j.ws.internal.WsWire;
import org.c4j.ws.internal.http.HttpHead;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listener's decision on an upgrade request, before any WebSocket byte is exchanged: checks, in order, the
 * method (GET), the client's identity (the one call of the listener's {@link UpgradeAuthenticator}, which yields a
 * {@link Principal} or a refusal with its challenge), the path {@code /<db>/_blipsync} and database name, the
 * WebSocket upgrade headers, and that {@value WsWire#SUBPROTOCOL} is offered. The first failed check decides the
 * {@link Rejection}. Checking credentials before the path keeps unauthenticated clients from probing which
 * databases exist. Stateless apart from the authenticator's own state; thread-safe if the authenticator is.
 */
public final class UpgradePolicy {
    private static final Logger LOG = LoggerFactory.getLogger(UpgradePolicy.class);

    /** What the policy decided. */
    public sealed interface Decision permits Accept, Reject {
    }

    /** Upgrade accepted: the database named in the path, the subprotocol to answer with, who the client is. */
    public record Accept(String path, String database, String subprotocol, Principal principal) implements Decision {
        /** The user name, or null for an anonymous / guest client. */
        public String user() {
            return principal.name();
        }
    }

    /** Upgrade refused with this response. */
    public record Reject(Rejection rejection) implements Decision {
    }

    private final Predicate<String> servesDatabase;
    private final UpgradeAuthenticator authenticator;
    private final PlainHttpHandler httpHandler;

    /** A policy without session authentication. */
    public UpgradePolicy(Predicate<String> servesDatabase, PasswordAuthenticator authenticator) {
        this(servesDatabase, authenticator, null);
    }

    /**
     * A policy from the listener's simple checks, expressed as an {@link UpgradeAuthenticator} by
     * {@link #simpleAuthenticator}.
     */
    public UpgradePolicy(Predicate<String> servesDatabase, PasswordAuthenticator authenticator,
                         Predicate<String> sessionAuthenticator) {
        this(servesDatabase, simpleAuthenticator(authenticator, sessionAuthenticator));
    }

    /**
     * @param servesDatabase whether a database name is served (others get 404)
     * @param authenticator  decides who a client is; {@link UpgradeAuthenticator#OPEN} lets everyone in
     */
    public UpgradePolicy(Predicate<String> servesDatabase, UpgradeAuthenticator authenticator) {
        this(servesDatabase, authenticator, (PlainHttpHandler) null);
    }

    /** @param httpHandler serves plain HTTP requests for paths other than {@code /<db>/_blipsync}, or null */
    public UpgradePolicy(Predicate<String> servesDatabase, UpgradeAuthenticator authenticator,
                         PlainHttpHandler httpHandler) {
        this.servesDatabase = servesDatabase;
        this.authenticator = authenticator;
        this.httpHandler = httpHandler;
    }

    /**
     * The handler for plain HTTP requests, if there is one and {@code rq} is one for it: any request whose path is not
     * {@code /<db>/_blipsync}.
     */
    public PlainHttpHandler plainHandlerFor(HttpHead.Request rq) {
        return httpHandler != null && databaseOf(rq.path()) == null ? httpHandler : null;
    }

    /**
     * The listener's password callback and session predicate as one {@link UpgradeAuthenticator}: a session this
     * accepts lets the client in (user unknown), else valid Basic credentials (as that user), else 401 with
     * {@code WWW-Authenticate: Basic realm="Couchbase Lite"}; with both null everyone is let in anonymously.
     */
    public static UpgradeAuthenticator simpleAuthenticator(PasswordAuthenticator passwords,
                                                           Predicate<String> sessions) {
        if (passwords == null && sessions == null) {
            return UpgradeAuthenticator.OPEN;
        }
        return request -> {
            String session = sessions == null ? null : sessionCookie(request.headerValues(WsWire.COOKIE));
            if (session != null && sessions.test(session)) {
                return AuthDecision.accept(Principal.ANONYMOUS);
            }
            String[] credentials = passwords == null ? null : basicCredentials(request.header(WsWire.AUTHORIZATION));
            if (credentials != null && passwords.authenticate(credentials[0], credentials[1])) {
                return AuthDecision.accept(credentials[0].isEmpty() ? Principal.ANONYMOUS
                        : Principal.user(credentials[0]));
            }
            return AuthDecision.refuse(WsWire.HTTP_UNAUTHORIZED,
                    Map.of(WsWire.WWW_AUTHENTICATE, List.of(WsWire.BASIC + " realm=\"" + WsWire.REALM + "\"")),
                    "valid credentials are required");
        };
    }

    /** {@link #decide(HttpHead.Request, InetSocketAddress, boolean, List)} without address or TLS. */
    public Decision decide(HttpHead.Request rq) {
        return decide(rq, null, false, List.of());
    }

    /**
     * @param remote the peer's address, if known
     * @param tls    whether the connection is TLS
     * @param chain  the client's verified certificate chain (empty without one)
     */
    public Decision decide(HttpHead.Request rq, InetSocketAddress remote, boolean tls, List<X509Certificate> chain) {
        if (!rq.method().equals("GET")) {
            return new Reject(new Rejection(WsWire.HTTP_METHOD_NOT_ALLOWED, Map.of(WsWire.ALLOW, "GET"),
                    "only GET can be upgraded to a WebSocket"));
        }
        String database = databaseOf(rq.path());
        AuthDecision auth;
        try {
            auth = authenticator.authenticate(new AuthRequest(rq.method(), rq.path(), database, rq.headers(), remote,
                    tls, chain));
        } catch (RuntimeException e) {
            LOG.warn("listener authenticator threw {}", e.getClass().getName());
            return new Reject(Rejection.of(WsWire.HTTP_INTERNAL_ERROR, "authentication failed"));
        }
        if (auth instanceof AuthDecision.Refused refused) {
            Map<String, String> headers = new LinkedHashMap<>();
            // several values of one header (e.g. Basic and Bearer challenges) go on one line, comma-separated
            refused.headers().forEach((name, values) -> headers.put(name, String.join(", ", values)));
            return new Reject(new Rejection(refused.status(), headers, refused.reason()));
        }
        Principal principal = ((AuthDecision.Accepted) auth).principal();
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
        return new Accept(rq.path(), database, WsWire.SUBPROTOCOL, principal);
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
