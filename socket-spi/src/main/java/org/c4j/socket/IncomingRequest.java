package org.c4j.socket;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a listener transport learned while accepting a connection. Immutable; thread-safe.
 *
 * <p><b>Contract rule:</b> {@link #headers()} carries the headers the client's transport built from its options,
 * including authentication ({@code HEADERS_SENT}, {@code AUTH_HEADERS_BUILT} in socket-testkit's conformance
 * suite).
 *
 * @param path        the request path, e.g. {@code /db/_blipsync}
 * @param database    the database name taken from the path ({@code db})
 * @param subprotocol the negotiated WebSocket subprotocol, e.g. {@code BLIP_3+CBMobile_3}
 * @param headers     the request's HTTP headers (names as received)
 * @param remote      the peer's address, if known
 * @param principal   who the client is, from the transport's {@link UpgradeAuthenticator}; never null
 *                    ({@link Principal#ANONYMOUS} when nobody is authenticated)
 */
public record IncomingRequest(String path, String database, String subprotocol,
                              Map<String, List<String>> headers, InetSocketAddress remote, Principal principal) {
    public IncomingRequest {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(subprotocol, "subprotocol");
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        principal = principal == null ? Principal.ANONYMOUS : principal;
    }

    /** A request from the named user, or an anonymous one if {@code user} is null. */
    public IncomingRequest(String path, String database, String subprotocol,
                           Map<String, List<String>> headers, InetSocketAddress remote, String user) {
        this(path, database, subprotocol, headers, remote,
                user == null ? Principal.ANONYMOUS : Principal.user(user));
    }

    /** The authenticated user name (or certificate-mapped user), or {@code null} if anonymous / guest. */
    public String user() {
        return principal.name();
    }
}
