package org.c4j.ws.internal.client;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.c4j.socket.C4Exception;
import org.c4j.socket.ErrorCodes;
import org.c4j.socket.ErrorDomain;
import org.c4j.socket.OptionKeys;
import org.c4j.socket.OptionsDict;
import org.c4j.ws.internal.Tuning;
import org.c4j.ws.internal.WsWire;

/**
 * What a client connection needs from the replicator's options dictionary, parsed and checked once (pure):
 * the subprotocols to offer ({@code WS-Protocols}), the ping interval ({@code heartbeat}), the local interface
 * ({@code networkInterface}) and the upgrade request's headers — extra {@code headers}, {@code cookies}, and
 * the credentials from {@code auth}:
 * <ul>
 *   <li>{@code Basic} (the default type): {@code Authorization: Basic base64(user:password)}, sent preemptively
 *       unless {@code challengeAuth} is true, in which case it is sent only on a second attempt after a 401
 *       challenge (LiteCore's behaviour). Without both a user name and a password no header is sent.</li>
 *   <li>{@code Session}: a {@code SyncGatewaySession=<token>} cookie (or the cookie named by
 *       {@value WsWire#AUTH_COOKIE_NAME}).</li>
 *   <li>{@code OpenID Connect}: {@code Authorization: Bearer <token>}.</li>
 *   <li>{@code Client Cert}: no header; the TLS layer presents the certificate ({@code wss:} only).</li>
 * </ul>
 * Immutable; thread-safe. Holds secrets: never log its headers.
 */
public final class ClientOptions {
    private final List<String> protocols;
    private final Duration heartbeat;
    private final String networkInterface;
    private final Map<String, String> headers;
    private final String basicAuthorization;
    private final boolean challengeAuth;
    /** The options' proxy dictionary only (for {@link #proxyFor}); null if none. */
    private OptionsDict proxyOptions;

    private ClientOptions(List<String> protocols, Duration heartbeat, String networkInterface,
                          Map<String, String> headers, String basicAuthorization, boolean challengeAuth) {
        this.protocols = protocols;
        this.heartbeat = heartbeat;
        this.networkInterface = networkInterface;
        this.headers = headers;
        this.basicAuthorization = basicAuthorization;
        this.challengeAuth = challengeAuth;
    }

    /**
     * Parses {@code options}.
     *
     * @throws C4Exception {@link ErrorDomain#LITECORE} {@link ErrorCodes.LiteCore#INVALID_PARAMETER} for values of
     *                     the wrong type, an unsupported auth type, a missing token, or a header containing CR/LF
     */
    public static ClientOptions parse(OptionsDict options) {
        List<String> protocols = new ArrayList<>();
        for (String p : options.getString(OptionKeys.WS_PROTOCOLS, "").split(",")) {
            if (!p.isBlank()) {
                protocols.add(checkHeader("WS-Protocols", p.trim()));
            }
        }
        if (protocols.isEmpty()) {
            protocols.add(WsWire.SUBPROTOCOL);
        }
        double heartbeatSecs = options.getDouble(OptionKeys.HEARTBEAT, 0);
        Duration heartbeat = heartbeatSecs > 0 ? Duration.ofMillis(Math.round(heartbeatSecs * 1000))
                : Tuning.DEFAULT_HEARTBEAT;

        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.put(WsWire.USER_AGENT, WsWire.CLIENT_USER_AGENT);
        List<String> cookies = new ArrayList<>();
        OptionsDict extra = options.getDict(OptionKeys.HEADERS);
        if (extra != null) {
            for (String name : extra.keys()) {
                String value = checkHeader(name, extra.getString(name, ""));
                if (name.equalsIgnoreCase(WsWire.COOKIE)) {
                    cookies.add(value);
                } else {
                    headers.put(checkHeader(name, name), value);
                }
            }
        }
        String basic = null;
        boolean challenge = false;
        OptionsDict auth = options.getDict(OptionKeys.AUTH);
        if (auth != null) {
            String type = auth.getString(OptionKeys.AUTH_TYPE, OptionKeys.AUTH_TYPE_BASIC);
            switch (type) {
                case OptionKeys.AUTH_TYPE_BASIC -> {
                    String user = auth.getString(OptionKeys.AUTH_USERNAME);
                    String password = auth.getString(OptionKeys.AUTH_PASSWORD);
                    if (user != null && password != null) {
                        basic = WsWire.BASIC + " " + Base64.getEncoder()
                                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
                    }
                    challenge = auth.getBool(OptionKeys.AUTH_CHALLENGE, false);
                }
                case OptionKeys.AUTH_TYPE_SESSION -> {
                    String name = auth.getString(WsWire.AUTH_COOKIE_NAME, OptionKeys.DEFAULT_SESSION_COOKIE_NAME);
                    cookies.add(0, checkHeader(name, name) + "=" + checkHeader(name, token(auth, type)));
                }
                case OptionKeys.AUTH_TYPE_OPENID_CONNECT ->
                        headers.put(WsWire.AUTHORIZATION, WsWire.BEARER + " " + checkHeader("auth", token(auth, type)));
                case OptionKeys.AUTH_TYPE_CLIENT_CERT -> {
                    // No header: the certificate is presented in the TLS handshake (tls.TlsClientOptions).
                }
                default -> throw invalid("unsupported auth type '" + type + "'");
            }
        }
        String cookieOption = options.getString(OptionKeys.COOKIES);
        if (cookieOption != null && !cookieOption.isBlank()) {
            cookies.add(checkHeader("cookies", cookieOption.trim()));
        }
        if (!cookies.isEmpty()) {
            headers.put(WsWire.COOKIE, String.join("; ", cookies));
        }
        ClientOptions parsed = new ClientOptions(List.copyOf(protocols), heartbeat,
                options.getString(OptionKeys.NETWORK_INTERFACE), headers, basic, challenge && basic != null);
        OptionsDict proxy = options.getDict(OptionKeys.PROXY);
        if (proxy != null) {
            parsed.proxyOptions = OptionsDict.builder().putDict(OptionKeys.PROXY, proxy).build();
            ProxySpec.of(parsed.proxyOptions, java.net.URI.create("ws://localhost/"), null); // fails early if malformed
        }
        return parsed;
    }

    /**
     * The proxy for a connection to {@code target}: the options' {@code proxy} dictionary, else what
     * {@link java.net.ProxySelector#getDefault()} selects; null to connect directly.
     */
    public ProxySpec proxyFor(java.net.URI target) {
        return ProxySpec.of(proxyOptions == null ? OptionsDict.EMPTY : proxyOptions, target,
                java.net.ProxySelector.getDefault());
    }

    /** Subprotocols to offer, in order (at least one). */
    public List<String> protocols() {
        return protocols;
    }

    /** Interval between pings. */
    public Duration heartbeat() {
        return heartbeat;
    }

    /** Interface name or address to connect from, or null for the system's choice. */
    public String networkInterface() {
        return networkInterface;
    }

    /**
     * True if Basic credentials exist but are held back until the server answers 401 with a Basic challenge;
     * then the first attempt goes without them and one retry carries them.
     */
    public boolean challengeAuth() {
        return challengeAuth;
    }

    /**
     * Headers of the upgrade request, in a case-insensitive map (the WebSocket headers proper are added by
     * Java-WebSocket's draft).
     *
     * @param withBasic whether to include the Basic {@code Authorization} (ignored if there is none)
     */
    public Map<String, String> headers(boolean withBasic) {
        Map<String, String> all = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        all.putAll(headers);
        if (withBasic && basicAuthorization != null) {
            all.put(WsWire.AUTHORIZATION, basicAuthorization);
        }
        return all;
    }

    private static String token(OptionsDict auth, String type) {
        String token = auth.getString(OptionKeys.AUTH_TOKEN);
        if (token == null || token.isEmpty()) {
            throw invalid("auth type '" + type + "' needs a token");
        }
        return token;
    }

    /** Returns {@code value} if it cannot break the HTTP head (no CR, LF or NUL). */
    private static String checkHeader(String name, String value) {
        if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\0') >= 0) {
            throw invalid("HTTP header option '" + name + "' contains a line break");
        }
        return value;
    }

    private static C4Exception invalid(String message) {
        return new C4Exception(ErrorDomain.LITECORE, ErrorCodes.LiteCore.INVALID_PARAMETER, message);
    }
}
