package org.c4j.socket;

/**
 * Error code constants per {@link ErrorDomain}, with LiteCore's numbering ({@code c4Error.h}).
 * Wire-visible values: do not renumber.
 *
 * <p><b>Contract rule:</b> a transport's {@code closed} error uses these codes (through {@link TransportErrors}),
 * never codes of its own.
 */
public final class ErrorCodes {
    private ErrorCodes() {
    }

    /**
     * {@link ErrorDomain#LITECORE} codes ({@code C4ErrorCode} in {@code c4Error.h}; 1..32, the same in LiteCore 3.0
     * and today).
     */
    public static final class LiteCore {
        private LiteCore() {
        }

        public static final int ASSERTION_FAILED = 1;
        public static final int UNIMPLEMENTED = 2;
        public static final int UNSUPPORTED_ENCRYPTION = 3;
        public static final int BAD_REVISION_ID = 4;
        public static final int CORRUPT_REVISION_DATA = 5;
        public static final int NOT_OPEN = 6;
        public static final int NOT_FOUND = 7;
        public static final int CONFLICT = 8;
        public static final int INVALID_PARAMETER = 9;
        public static final int UNEXPECTED_ERROR = 10;
        public static final int CANT_OPEN_FILE = 11;
        public static final int IO_ERROR = 12;
        public static final int MEMORY_ERROR = 13;
        public static final int NOT_WRITEABLE = 14;
        public static final int CORRUPT_DATA = 15;
        public static final int BUSY = 16;
        public static final int NOT_IN_TRANSACTION = 17;
        public static final int TRANSACTION_NOT_CLOSED = 18;
        public static final int UNSUPPORTED = 19;
        public static final int NOT_A_DATABASE_FILE = 20;
        public static final int WRONG_FORMAT = 21;
        public static final int CRYPTO = 22;
        public static final int INVALID_QUERY = 23;
        public static final int MISSING_INDEX = 24;
        public static final int INVALID_QUERY_PARAM = 25;
        public static final int REMOTE_ERROR = 26;
        public static final int DATABASE_TOO_OLD = 27;
        public static final int DATABASE_TOO_NEW = 28;
        public static final int BAD_DOC_ID = 29;
        public static final int CANT_UPGRADE_DATABASE = 30;
        public static final int DELTA_BASE_UNKNOWN = 31;
        public static final int CORRUPT_DELTA = 32;
    }

    /**
     * {@link ErrorDomain#NETWORK} codes ({@code C4NetworkErrorCode} in {@code c4Error.h}, identical to
     * {@code NetworkError} in {@code WebSocketInterface.hh}). 16..26 mirror POSIX errnos (since LiteCore 3.0);
     * 27 was added in 3.1.
     */
    public static final class Network {
        private Network() {
        }

        public static final int DNS_FAILURE = 1;
        public static final int UNKNOWN_HOST = 2;
        public static final int TIMEOUT = 3;
        public static final int INVALID_URL = 4;
        public static final int TOO_MANY_REDIRECTS = 5;
        public static final int TLS_HANDSHAKE_FAILED = 6;
        public static final int TLS_CERT_EXPIRED = 7;
        public static final int TLS_CERT_UNTRUSTED = 8;
        public static final int TLS_CERT_REQUIRED_BY_PEER = 9;
        public static final int TLS_CERT_REJECTED_BY_PEER = 10;
        public static final int TLS_CERT_UNKNOWN_ROOT = 11;
        public static final int INVALID_REDIRECT = 12;
        public static final int UNKNOWN = 13;
        public static final int TLS_CERT_REVOKED = 14;
        public static final int TLS_CERT_NAME_MISMATCH = 15;
        public static final int NETWORK_RESET = 16;
        public static final int CONNECTION_ABORTED = 17;
        public static final int CONNECTION_RESET = 18;
        public static final int CONNECTION_REFUSED = 19;
        public static final int NETWORK_DOWN = 20;
        public static final int NETWORK_UNREACHABLE = 21;
        public static final int NOT_CONNECTED = 22;
        public static final int HOST_DOWN = 23;
        public static final int HOST_UNREACHABLE = 24;
        public static final int ADDRESS_NOT_AVAILABLE = 25;
        public static final int BROKEN_PIPE = 26;
        public static final int UNKNOWN_INTERFACE = 27;
    }

    /** {@link ErrorDomain#POSIX} codes: Linux errno values the classification needs. */
    public static final class Posix {
        private Posix() {
        }

        public static final int EPIPE = 32;
        public static final int EADDRINUSE = 98;
        public static final int EADDRNOTAVAIL = 99;
        public static final int ENETDOWN = 100;
        public static final int ENETUNREACH = 101;
        public static final int ENETRESET = 102;
        public static final int ECONNABORTED = 103;
        public static final int ECONNRESET = 104;
        public static final int ENOTCONN = 107;
        public static final int ETIMEDOUT = 110;
        public static final int ECONNREFUSED = 111;
        public static final int EHOSTDOWN = 112;
        public static final int EHOSTUNREACH = 113;
    }

    /**
     * {@link ErrorDomain#WEBSOCKET} codes: HTTP statuses (below 1000) and WebSocket close codes: RFC 6455
     * (1000..1011, 1015), IANA-registered 1012..1014, and LiteCore's application codes 4001/4002
     * ({@code CloseCode} in {@code WebSocketInterface.hh}).
     */
    public static final class WebSocket {
        private WebSocket() {
        }

        public static final int HTTP_BAD_REQUEST = 400;
        public static final int HTTP_UNAUTHORIZED = 401;
        public static final int HTTP_FORBIDDEN = 403;
        public static final int HTTP_NOT_FOUND = 404;
        public static final int HTTP_CONFLICT = 409;
        public static final int HTTP_PROXY_AUTH_REQUIRED = 407;
        public static final int HTTP_TIMEOUT = 408;
        public static final int HTTP_TOO_MANY_REQUESTS = 429;
        public static final int HTTP_INTERNAL_ERROR = 500;
        public static final int HTTP_NOT_IMPLEMENTED = 501;
        public static final int HTTP_BAD_GATEWAY = 502;
        public static final int HTTP_SERVICE_UNAVAILABLE = 503;
        public static final int HTTP_GATEWAY_TIMEOUT = 504;

        public static final int CLOSE_NORMAL = 1000;
        public static final int CLOSE_GOING_AWAY = 1001;
        public static final int CLOSE_PROTOCOL_ERROR = 1002;
        public static final int CLOSE_DATA_ERROR = 1003;
        public static final int CLOSE_NO_CODE = 1005;
        public static final int CLOSE_ABNORMAL = 1006;
        public static final int CLOSE_BAD_MESSAGE_FORMAT = 1007;
        public static final int CLOSE_POLICY_ERROR = 1008;
        public static final int CLOSE_MESSAGE_TOO_BIG = 1009;
        public static final int CLOSE_MISSING_EXTENSION = 1010;
        public static final int CLOSE_CANT_FULFILL = 1011;
        public static final int CLOSE_SERVICE_RESTART = 1012;
        public static final int CLOSE_TRY_AGAIN_LATER = 1013;
        public static final int CLOSE_BAD_GATEWAY = 1014;
        public static final int CLOSE_TLS_FAILURE = 1015;
        /** LiteCore: application-level transient failure; the client should retry. */
        public static final int CLOSE_APP_TRANSIENT = 4001;
        /** LiteCore: application-level permanent failure; do not retry. */
        public static final int CLOSE_APP_PERMANENT = 4002;
    }

    /** {@link ErrorDomain#BLIP} codes: BLIP protocol failures detected locally. */
    public static final class Blip {
        private Blip() {
        }

        /** Malformed frame: bad varint, empty frame, text message, unknown type. */
        public static final int BAD_FRAME = 1;
        /** Frame checksum mismatch. */
        public static final int BAD_CHECKSUM = 2;
        /** Deflate data could not be inflated. */
        public static final int BAD_COMPRESSION = 3;
        /** Malformed message: bad properties block, reply to unknown request, ... */
        public static final int BAD_MESSAGE = 4;
        /** The connection closed before the reply arrived. */
        public static final int DISCONNECTED = 5;
        /** No handler for the request's Profile (replied as error 404 on the wire). */
        public static final int NOT_FOUND = 404;
    }
}
