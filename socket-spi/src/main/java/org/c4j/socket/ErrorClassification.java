package org.c4j.socket;

import static org.c4j.socket.ErrorCodes.Network;
import static org.c4j.socket.ErrorCodes.Posix;
import static org.c4j.socket.ErrorCodes.WebSocket;

import java.util.Set;

/**
 * Which errors are worth retrying, after LiteCore's {@code c4error_mayBeTransient} and
 * {@code c4error_mayBeNetworkDependent} ({@code C/c4Error.cc}, unchanged from 3.0 to today apart from
 * {@link Network#UNKNOWN_INTERFACE}, added in 3.1). The sets below hold exactly LiteCore's codes; every other
 * domain ({@link ErrorDomain#LITECORE}, {@link ErrorDomain#FLEECE}, {@link ErrorDomain#BLIP}) is never transient
 * nor network-dependent. Pure; thread-safe.
 *
 * <p>Note that LiteCore treats neither WebSocket close 1001 (going away) nor 1013 (try again later) as transient:
 * its replicator stops on them.
 */
final class ErrorClassification {
    private ErrorClassification() {
    }

    /** c4Error.cc {@code kTransientPOSIX}. */
    private static final Set<Integer> TRANSIENT_POSIX = Set.of(
            Posix.ENETRESET, Posix.ECONNABORTED, Posix.ECONNRESET, Posix.ETIMEDOUT, Posix.ECONNREFUSED);
    /** c4Error.cc {@code kTransientNetwork}: the NetworkDomain mirrors of the POSIX codes, plus DNS failure. */
    private static final Set<Integer> TRANSIENT_NETWORK = Set.of(
            Network.DNS_FAILURE, Network.TIMEOUT, Network.NETWORK_RESET, Network.CONNECTION_ABORTED,
            Network.CONNECTION_RESET, Network.CONNECTION_REFUSED);
    /** c4Error.cc {@code kTransientWebSocket}: HTTP 408/429/502/503/504 and close codes 1006 and 4001. */
    private static final Set<Integer> TRANSIENT_WEBSOCKET = Set.of(
            WebSocket.HTTP_TIMEOUT, WebSocket.HTTP_TOO_MANY_REQUESTS, WebSocket.HTTP_BAD_GATEWAY,
            WebSocket.HTTP_SERVICE_UNAVAILABLE, WebSocket.HTTP_GATEWAY_TIMEOUT,
            WebSocket.CLOSE_ABNORMAL, WebSocket.CLOSE_APP_TRANSIENT);

    /** c4Error.cc {@code kUnreachablePOSIX}. */
    private static final Set<Integer> NETDEP_POSIX = Set.of(
            Posix.ENETDOWN, Posix.ENETUNREACH, Posix.ENOTCONN, Posix.ETIMEDOUT, Posix.EHOSTDOWN,
            Posix.EHOSTUNREACH, Posix.EADDRNOTAVAIL, Posix.EPIPE);
    /** c4Error.cc {@code kUnreachableNetwork}. */
    private static final Set<Integer> NETDEP_NETWORK = Set.of(
            Network.DNS_FAILURE, Network.UNKNOWN_HOST, Network.NETWORK_DOWN, Network.NETWORK_UNREACHABLE,
            Network.NOT_CONNECTED, Network.TIMEOUT, Network.HOST_DOWN, Network.HOST_UNREACHABLE,
            Network.ADDRESS_NOT_AVAILABLE, Network.BROKEN_PIPE, Network.UNKNOWN_INTERFACE);

    static boolean isTransient(ErrorDomain domain, int code) {
        return switch (domain) {
            case POSIX -> TRANSIENT_POSIX.contains(code);
            case NETWORK -> TRANSIENT_NETWORK.contains(code);
            case WEBSOCKET -> TRANSIENT_WEBSOCKET.contains(code);
            default -> false;
        };
    }

    static boolean isNetworkDependent(ErrorDomain domain, int code) {
        return switch (domain) {
            case POSIX -> NETDEP_POSIX.contains(code);
            case NETWORK -> NETDEP_NETWORK.contains(code);
            default -> false;
        };
    }
}
