package org.c4j.ws.internal;

/**
 * Wire constants of the Couchbase Mobile WebSocket handshake: subprotocol, URL path, header names, realm. Each
 * value is fixed by the peers we talk to (Couchbase Lite, LiteCore, Sync Gateway) or by RFC 6455 / RFC 7617.
 * Constants only; thread-safe.
 */
public final class WsWire {
    private WsWire() {
    }

    /** The replication subprotocol (BLIP 3, Couchbase Mobile protocol 3) a listener accepts and a client offers. */
    public static final String SUBPROTOCOL = "BLIP_3+CBMobile_3";

    /** Last path segment of a replication endpoint: {@code /<db>/_blipsync}. */
    public static final String BLIPSYNC = "_blipsync";

    /** Realm a listener names in its Basic challenge, as Couchbase Lite's listener does. */
    public static final String REALM = "Couchbase Lite";

    /**
     * Key inside the {@code auth} options dict naming the session cookie for {@code Session} auth (default
     * {@code SyncGatewaySession}), like Couchbase Lite's {@code SessionAuthenticator(sessionID, cookieName)}.
     * LiteCore itself has no such key: its platforms put the cookie into the {@code cookies} option.
     */
    public static final String AUTH_COOKIE_NAME = "cookieName";

    /** Scheme of plain WebSocket URLs. */
    public static final String SCHEME_WS = "ws";
    /** Default port of {@code ws} URLs (RFC 6455 §3). */
    public static final int DEFAULT_WS_PORT = 80;
    /** The TLS scheme (RFC 6455 section 3). */
    public static final String SCHEME_WSS = "wss";
    /** The port of a {@code wss:} URL without one. */
    public static final int DEFAULT_WSS_PORT = 443;

    public static final String HOST = "Host";
    public static final String AUTHORIZATION = "Authorization";
    public static final String WWW_AUTHENTICATE = "WWW-Authenticate";
    public static final String COOKIE = "Cookie";
    public static final String USER_AGENT = "User-Agent";
    public static final String UPGRADE = "Upgrade";
    public static final String CONNECTION = "Connection";
    public static final String SEC_WEBSOCKET_KEY = "Sec-WebSocket-Key";
    public static final String SEC_WEBSOCKET_VERSION = "Sec-WebSocket-Version";
    public static final String SEC_WEBSOCKET_PROTOCOL = "Sec-WebSocket-Protocol";
    public static final String CONTENT_TYPE = "Content-Type";
    public static final String CONTENT_LENGTH = "Content-Length";
    public static final String ALLOW = "Allow";
    public static final String RETRY_AFTER = "Retry-After";

    /** The only WebSocket protocol version (RFC 6455 §4.1). */
    public static final String WEBSOCKET_VERSION = "13";
    /** Value of the {@code Upgrade} header for WebSocket. */
    public static final String WEBSOCKET = "websocket";
    /** Scheme token of HTTP Basic credentials and challenges (RFC 7617). */
    public static final String BASIC = "Basic";
    /** Scheme token of bearer tokens (RFC 6750), used for OpenID Connect. */
    public static final String BEARER = "Bearer";

    /** User-Agent the client sends unless the {@code headers} option sets one (LiteCore sends its own name too). */
    public static final String CLIENT_USER_AGENT = "c4j";

    /** HTTP status codes used by the listener and the client. */
    public static final int HTTP_SWITCHING_PROTOCOLS = 101;
    public static final int HTTP_BAD_REQUEST = 400;
    public static final int HTTP_UNAUTHORIZED = 401;
    public static final int HTTP_NOT_FOUND = 404;
    public static final int HTTP_METHOD_NOT_ALLOWED = 405;
    public static final int HTTP_UPGRADE_REQUIRED = 426;
    public static final int HTTP_HEADER_TOO_LARGE = 431;
    public static final int HTTP_INTERNAL_ERROR = 500;
    public static final int HTTP_SERVICE_UNAVAILABLE = 503;

    /** Most UTF-8 bytes of a close frame's reason: a control frame carries 125 bytes, 2 of them the code. */
    public static final int MAX_CLOSE_REASON = 123;

    /** {@code reason} cut to at most {@link #MAX_CLOSE_REASON} UTF-8 bytes on a character boundary ("" for null). */
    public static String fitCloseReason(String reason) {
        if (reason == null) {
            return "";
        }
        int bytes = 0;
        for (int i = 0; i < reason.length(); ) {
            int cp = reason.codePointAt(i);
            int n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (bytes + n > MAX_CLOSE_REASON) {
                return reason.substring(0, i);
            }
            bytes += n;
            i += Character.charCount(cp);
        }
        return reason;
    }

    /** Reason phrase for a status this transport sends. */
    public static String reasonPhrase(int status) {
        return switch (status) {
            case HTTP_SWITCHING_PROTOCOLS -> "Switching Protocols";
            case HTTP_BAD_REQUEST -> "Bad Request";
            case HTTP_UNAUTHORIZED -> "Unauthorized";
            case HTTP_NOT_FOUND -> "Not Found";
            case HTTP_METHOD_NOT_ALLOWED -> "Method Not Allowed";
            case HTTP_UPGRADE_REQUIRED -> "Upgrade Required";
            case HTTP_HEADER_TOO_LARGE -> "Request Header Fields Too Large";
            case HTTP_INTERNAL_ERROR -> "Internal Server Error";
            case HTTP_SERVICE_UNAVAILABLE -> "Service Unavailable";
            default -> "Error";
        };
    }
}
