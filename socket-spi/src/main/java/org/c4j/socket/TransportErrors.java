package org.c4j.socket;

import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;

import static org.c4j.socket.ErrorCodes.Network;
import static org.c4j.socket.ErrorCodes.WebSocket;

/**
 * Maps what transports see — WebSocket close codes, HTTP upgrade statuses, {@code java.net}/JSSE exceptions — to
 * {@link C4Exception}s, so every transport reports the same failure with the same domain and code (and so gets
 * the same retry decision from {@link C4Exception#isTransient()}). Pure; thread-safe.
 *
 * <p><b>Contract rule:</b> transports map foreign failures only through here, so the same failure has the same
 * {@code (domain, code)} — and the same retry decision — in every transport.
 */
public final class TransportErrors {
    private TransportErrors() {
    }

    /**
     * The error for a WebSocket close: {@code null} for a normal close (1000), otherwise
     * {@link ErrorDomain#WEBSOCKET} with the close code as the code and {@code reason} (or a description of the
     * code when the reason is empty) as the message.
     */
    public static C4Exception fromWebSocketClose(int code, String reason) {
        if (code == WebSocket.CLOSE_NORMAL) {
            return null;
        }
        String message = reason == null || reason.isBlank() ? describeClose(code) : reason;
        return new C4Exception(ErrorDomain.WEBSOCKET, code, message);
    }

    /**
     * The error for the HTTP response to a WebSocket upgrade request: {@code null} for 101 (switching
     * protocols); {@link ErrorDomain#WEBSOCKET} with the status as the code for statuses 300..599 (401 means
     * the credentials were refused, 503 is transient, ...); and {@link ErrorDomain#WEBSOCKET}
     * {@link WebSocket#CLOSE_PROTOCOL_ERROR} for any other status (a 200 means the server did not upgrade).
     *
     * @param message the status line's reason phrase or a better description from the body; may be null
     */
    public static C4Exception fromHttpStatus(int status, String message) {
        if (status == 101) {
            return null;
        }
        if (status >= 300 && status <= 599) {
            String text = message == null || message.isBlank() ? "HTTP status " + status : message;
            return new C4Exception(ErrorDomain.WEBSOCKET, status, text);
        }
        return new C4Exception(ErrorDomain.WEBSOCKET, WebSocket.CLOSE_PROTOCOL_ERROR,
                "server did not upgrade the connection to WebSocket (HTTP status " + status + ")");
    }

    /**
     * The {@link ErrorDomain#NETWORK} error for a failed socket/TLS operation, keeping {@code e} as the cause:
     * unknown host, timeout, refused/reset/aborted connections, unreachable network or host, broken pipe, TLS
     * handshake and certificate failures; {@link Network#UNKNOWN} for anything else.
     */
    public static C4Exception fromJavaIo(IOException e) {
        int code = networkCode(e);
        String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new C4Exception(ErrorDomain.NETWORK, code, describeNetwork(code) + ": " + detail, e);
    }

    /**
     * Socket exception messages (as the JDK words the OS errors on Linux and macOS, plus Windows' wording of a
     * reset) and the code each
     * means. Checked in order, case-insensitively, as substrings; the exception type alone is often too vague
     * (a {@link ConnectException} may also be a timeout or an unreachable network).
     */
    private static final List<Map.Entry<String, Integer>> MESSAGE_CODES = List.of(
            Map.entry("connection refused", Network.CONNECTION_REFUSED),
            Map.entry("timed out", Network.TIMEOUT),
            Map.entry("connection reset", Network.CONNECTION_RESET),
            Map.entry("forcibly closed by the remote host", Network.CONNECTION_RESET),
            Map.entry("broken pipe", Network.BROKEN_PIPE),
            Map.entry("connection abort", Network.CONNECTION_ABORTED), // "Software caused connection abort"
            Map.entry("network is unreachable", Network.NETWORK_UNREACHABLE),
            Map.entry("network is down", Network.NETWORK_DOWN),
            Map.entry("no route to host", Network.HOST_UNREACHABLE),
            Map.entry("host is down", Network.HOST_DOWN),
            Map.entry("not connected", Network.NOT_CONNECTED),
            Map.entry("cannot assign requested address", Network.ADDRESS_NOT_AVAILABLE));

    /** How far down a cause chain to look (JSSE nests 2-3 deep; the bound also stops a cyclic chain). */
    private static final int MAX_CAUSES = 16;

    private static int networkCode(IOException e) {
        if (e instanceof UnknownHostException) {
            return Network.UNKNOWN_HOST;
        } else if (e instanceof SocketTimeoutException) {
            return Network.TIMEOUT;
        } else if (e instanceof SSLHandshakeException) {
            return tlsCode(e);
        } else if (e instanceof SSLPeerUnverifiedException) {
            return Network.TLS_CERT_UNTRUSTED;
        }
        if (e instanceof SocketException) {
            String message = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
            for (Map.Entry<String, Integer> entry : MESSAGE_CODES) {
                if (message.contains(entry.getKey())) {
                    return entry.getValue();
                }
            }
        }
        if (e instanceof ConnectException) {
            return Network.CONNECTION_REFUSED;
        } else if (e instanceof NoRouteToHostException) {
            return Network.HOST_UNREACHABLE;
        } else if (e instanceof BindException) {
            return Network.ADDRESS_NOT_AVAILABLE;
        }
        return Network.UNKNOWN;
    }

    /** A handshake failure caused by the peer's certificate is a certificate error, not a generic one. */
    private static int tlsCode(Throwable e) {
        int code = Network.TLS_HANDSHAKE_FAILED;
        Throwable t = e;
        for (int i = 0; t != null && i < MAX_CAUSES; i++, t = t.getCause()) {
            if (t instanceof CertificateExpiredException) {
                return Network.TLS_CERT_EXPIRED;
            } else if (t instanceof CertificateException) {
                code = Network.TLS_CERT_UNTRUSTED;
            }
        }
        return code;
    }

    private static String describeNetwork(int code) {
        return switch (code) {
            case Network.UNKNOWN_HOST -> "unknown host";
            case Network.TIMEOUT -> "timed out";
            case Network.CONNECTION_REFUSED -> "connection refused";
            case Network.CONNECTION_RESET -> "connection reset by peer";
            case Network.CONNECTION_ABORTED -> "connection aborted";
            case Network.BROKEN_PIPE -> "broken pipe";
            case Network.NETWORK_UNREACHABLE -> "network unreachable";
            case Network.NETWORK_DOWN -> "network down";
            case Network.HOST_UNREACHABLE -> "host unreachable";
            case Network.HOST_DOWN -> "host down";
            case Network.NOT_CONNECTED -> "not connected";
            case Network.ADDRESS_NOT_AVAILABLE -> "address not available";
            case Network.TLS_HANDSHAKE_FAILED -> "TLS handshake failed";
            case Network.TLS_CERT_EXPIRED -> "server certificate expired";
            case Network.TLS_CERT_UNTRUSTED -> "server certificate not trusted";
            default -> "network error";
        };
    }

    private static String describeClose(int code) {
        return switch (code) {
            case WebSocket.CLOSE_GOING_AWAY -> "peer is going away";
            case WebSocket.CLOSE_PROTOCOL_ERROR -> "WebSocket protocol error";
            case WebSocket.CLOSE_DATA_ERROR -> "unsupported data";
            case WebSocket.CLOSE_NO_CODE -> "closed without a status code";
            case WebSocket.CLOSE_ABNORMAL -> "connection closed abnormally";
            case WebSocket.CLOSE_BAD_MESSAGE_FORMAT -> "inconsistent message data";
            case WebSocket.CLOSE_POLICY_ERROR -> "policy violation";
            case WebSocket.CLOSE_MESSAGE_TOO_BIG -> "message too big";
            case WebSocket.CLOSE_MISSING_EXTENSION -> "required extension not negotiated";
            case WebSocket.CLOSE_CANT_FULFILL -> "peer hit an unexpected condition";
            case WebSocket.CLOSE_SERVICE_RESTART -> "service restarting";
            case WebSocket.CLOSE_TRY_AGAIN_LATER -> "try again later";
            case WebSocket.CLOSE_BAD_GATEWAY -> "bad gateway";
            case WebSocket.CLOSE_TLS_FAILURE -> "TLS handshake failed";
            case WebSocket.CLOSE_APP_TRANSIENT -> "transient application error";
            case WebSocket.CLOSE_APP_PERMANENT -> "permanent application error";
            default -> "WebSocket closed with code " + code;
        };
    }
}
