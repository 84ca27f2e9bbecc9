package org.c4j.socket;

import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.net.ssl.SSLException;
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
     *
     * <p>TLS ({@link SSLException} and its subclasses): a {@link C4Exception} in the cause chain (what a c4j trust
     * manager wraps into the {@link CertificateException} it throws) is returned as it is; otherwise an expired
     * certificate is {@link Network#TLS_CERT_EXPIRED}, no path to a trusted root
     * {@link Network#TLS_CERT_UNKNOWN_ROOT}, another certificate problem {@link Network#TLS_CERT_UNTRUSTED}, a
     * host name the certificate does not name {@link Network#TLS_CERT_NAME_MISMATCH}; an alert from the peer
     * asking for a certificate {@link Network#TLS_CERT_REQUIRED_BY_PEER} ({@code certificate_required}, TLS 1.3)
     * and one refusing ours {@link Network#TLS_CERT_REJECTED_BY_PEER}; anything else (no common protocol
     * version or cipher suite, a peer not speaking TLS) {@link Network#TLS_HANDSHAKE_FAILED}. None of these is
     * transient: retrying would fail the same way.
     */
    public static C4Exception fromJavaIo(IOException e) {
        C4Exception carried = carried(e);
        if (carried != null) {
            return carried;
        }
        int code = networkCode(e);
        String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new C4Exception(ErrorDomain.NETWORK, code, describeNetwork(code) + ": " + detail, e);
    }

    /**
     * A TLS client's refinement of a mapped error: a peer refusing "our certificate" when we presented none
     * means it requires one. (Servers are not consistent: TLS 1.3 defines {@code certificate_required}, but the
     * JDK and others answer a missing certificate with {@code bad_certificate} too.) Returns {@code error}
     * unchanged otherwise, or if it is null.
     *
     * @param presentedCertificate whether the client had a certificate to present
     */
    public static C4Exception forTlsClient(C4Exception error, boolean presentedCertificate) {
        if (error != null && !presentedCertificate
                && error.is(ErrorDomain.NETWORK, Network.TLS_CERT_REJECTED_BY_PEER)) {
            return new C4Exception(ErrorDomain.NETWORK, Network.TLS_CERT_REQUIRED_BY_PEER,
                    describeNetwork(Network.TLS_CERT_REQUIRED_BY_PEER) + " (none was configured): "
                            + error.getMessage(), error.getCause());
        }
        return error;
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
        } else if (e instanceof SSLPeerUnverifiedException) {
            return Network.TLS_CERT_UNTRUSTED;
        } else if (e instanceof SSLException) {
            return tlsCode(e);
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

    /**
     * TLS alerts received from the peer (as JSSE words them, {@code "Received fatal alert: <name>"}) that are
     * about our own certificate, and the code each means. Checked in order, as substrings of the lower-cased
     * messages of the cause chain.
     */
    private static final List<Map.Entry<String, Integer>> TLS_ALERT_CODES = List.of(
            Map.entry("alert: certificate_required", Network.TLS_CERT_REQUIRED_BY_PEER),
            Map.entry("alert: bad_certificate", Network.TLS_CERT_REJECTED_BY_PEER),
            Map.entry("alert: certificate_unknown", Network.TLS_CERT_REJECTED_BY_PEER),
            Map.entry("alert: unsupported_certificate", Network.TLS_CERT_REJECTED_BY_PEER),
            Map.entry("alert: certificate_expired", Network.TLS_CERT_REJECTED_BY_PEER),
            Map.entry("alert: certificate_revoked", Network.TLS_CERT_REJECTED_BY_PEER),
            Map.entry("alert: unknown_ca", Network.TLS_CERT_REJECTED_BY_PEER),
            Map.entry("alert: access_denied", Network.TLS_CERT_REJECTED_BY_PEER),
            // The JDK's own host name check (HTTPS endpoint identification) words its failures like this.
            Map.entry("no name matching", Network.TLS_CERT_NAME_MISMATCH),
            Map.entry("no subject alternative", Network.TLS_CERT_NAME_MISMATCH));

    /** The first C4Exception in {@code e}'s cause chain, or null. */
    private static C4Exception carried(Throwable e) {
        Throwable t = e.getCause();
        for (int i = 0; t != null && i < MAX_CAUSES; i++, t = t.getCause()) {
            if (t instanceof C4Exception c) {
                return c;
            }
        }
        return null;
    }

    /** A TLS failure: the peer's certificate, an alert about ours, or a failed negotiation. */
    private static int tlsCode(Throwable e) {
        int code = Network.TLS_HANDSHAKE_FAILED;
        Throwable t = e;
        for (int i = 0; t != null && i < MAX_CAUSES; i++, t = t.getCause()) {
            if (t instanceof CertificateExpiredException) {
                return Network.TLS_CERT_EXPIRED;
            } else if (t instanceof CertPathValidatorException v
                    && v.getReason() == CertPathValidatorException.BasicReason.EXPIRED) {
                return Network.TLS_CERT_EXPIRED;
            } else if (t instanceof CertPathBuilderException) {
                code = Network.TLS_CERT_UNKNOWN_ROOT;
            } else if ((t instanceof CertificateException || t instanceof CertificateNotYetValidException)
                    && code == Network.TLS_HANDSHAKE_FAILED) {
                code = Network.TLS_CERT_UNTRUSTED;
            }
            String message = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
            for (Map.Entry<String, Integer> entry : TLS_ALERT_CODES) {
                if (message.contains(entry.getKey())) {
                    return entry.getValue();
                }
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
            case Network.TLS_CERT_EXPIRED -> "peer certificate expired";
            case Network.TLS_CERT_UNTRUSTED -> "peer certificate not trusted";
            case Network.TLS_CERT_UNKNOWN_ROOT -> "peer certificate has an unknown root";
            case Network.TLS_CERT_NAME_MISMATCH -> "peer certificate does not match the host name";
            case Network.TLS_CERT_REQUIRED_BY_PEER -> "peer requires a client certificate";
            case Network.TLS_CERT_REJECTED_BY_PEER -> "peer rejected the client certificate";
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
