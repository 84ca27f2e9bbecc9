package org.c4j.socket;

import static org.c4j.socket.ErrorCodes.Network;
import static org.c4j.socket.ErrorCodes.Posix;
import static org.c4j.socket.ErrorCodes.WebSocket;

import java.util.Set;

/**
 * Which errors are worth retrying, after LiteCore's {@code c4error_mayBeTransient} and
 * {@code c4error_mayBeNetworkDependent} ({@code C/c4Error.cc}). Pure; thread-safe.
 */
final class ErrorClassification {
    private ErrorClassification() {
    }

    private static final Set<Integer> TRANSIENT_POSIX = Set.of(
            Posix.ENETRESET, Posix.ECONNABORTED, Posix.ECONNRESET, Posix.ETIMEDOUT, Posix.ECONNREFUSED);
    private static final Set<Integer> TRANSIENT_NETWORK = Set.of(
            Network.NETWORK_RESET, Network.CONNECTION_ABORTED, Network.CONNECTION_RESET, Network.TIMEOUT,
            Network.CONNECTION_REFUSED);
    private static final Set<Integer> TRANSIENT_WEBSOCKET = Set.of(
            WebSocket.HTTP_TIMEOUT, WebSocket.HTTP_TOO_MANY_REQUESTS, WebSocket.HTTP_BAD_GATEWAY,
            WebSocket.HTTP_SERVICE_UNAVAILABLE, WebSocket.HTTP_GATEWAY_TIMEOUT,
            WebSocket.CLOSE_GOING_AWAY, WebSocket.CLOSE_ABNORMAL, WebSocket.CLOSE_TRY_AGAIN_LATER,
            WebSocket.CLOSE_APP_TRANSIENT);

    private static final Set<Integer> NETDEP_POSIX = Set.of(
            Posix.ENETDOWN, Posix.ENETUNREACH, Posix.ENOTCONN, Posix.ETIMEDOUT, Posix.EHOSTDOWN,
            Posix.EHOSTUNREACH, Posix.EADDRNOTAVAIL, Posix.EPIPE);
    private static final Set<Integer> NETDEP_NETWORK = Set.of(
            Network.DNS_FAILURE, Network.UNKNOWN_HOST, Network.NETWORK_DOWN, Network.NETWORK_UNREACHABLE,
            Network.NOT_CONNECTED, Network.HOST_DOWN, Network.HOST_UNREACHABLE, Network.ADDRESS_NOT_AVAILABLE,
            Network.BROKEN_PIPE);

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
