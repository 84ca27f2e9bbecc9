package org.c4j.socket;

/**
 * Keys (and fixed values) of the replicator / socket {@link OptionsDict options dictionary}, spelled exactly as
 * LiteCore spells them ({@code kC4ReplicatorOption*}, {@code kC4ReplicatorAuth*}, {@code kC4AuthType*},
 * {@code kC4ReplicatorProxy*}, {@code kC4ProxyType*}, {@code kC4SocketOption*} in
 * {@code C/include/c4ReplicatorTypes.h}), so dictionaries can be exchanged with LiteCore-based code unchanged.
 * Where a key is newer than LiteCore 3.0 (the version of the real peer in our tests), its javadoc says so.
 *
 * <p>Constants only; thread-safe.
 *
 * <p><b>Contract rule:</b> the socket keys ({@link #HEADERS}, {@link #COOKIES}, {@link #AUTH},
 * {@link #WS_PROTOCOLS}, ...) are the transport's to honour ({@code HEADERS_SENT}, {@code AUTH_HEADERS_BUILT} in
 * socket-testkit's conformance suite).
 */
public final class OptionKeys {
    private OptionKeys() {
    }

    // ---- Replication scope (per collection in LiteCore 3.1+) ----

    /** {@code string[]}: push/pull only the documents with these IDs. */
    public static final String DOC_IDS = "docIDs";
    /** {@code string[]}: pull only these Sync Gateway channels. */
    public static final String CHANNELS = "channels";
    /** {@code string}: name of a pull filter the server applies. */
    public static final String FILTER = "filter";
    /** {@code dict} of strings: parameters for {@link #FILTER}. */
    public static final String FILTER_PARAMS = "filterParams";
    /** {@code bool}: don't push or pull tombstones (deleted documents). */
    public static final String SKIP_DELETED = "skipDeleted";
    /** {@code bool}: reject incoming revisions that would create a conflict (passive side). */
    public static final String NO_INCOMING_CONFLICTS = "noIncomingConflicts";

    // ---- Replicator behaviour ----

    /** {@code number}, seconds: how often to save the checkpoint while replicating. */
    public static final String CHECKPOINT_INTERVAL = "checkpointInterval";
    /** {@code string}: stable ID of the remote database, used instead of its URL in checkpoint IDs. */
    public static final String REMOTE_DB_UNIQUE_ID = "remoteDBUniqueID";
    /**
     * {@code int}: 0 = overall progress only, 1 = also per-document events, 2 = also per-blob progress.
     * LiteCore 3.0 only ({@code kC4ReplicatorOptionProgressLevel}); 3.1 replaced it with an API call.
     */
    public static final String PROGRESS_LEVEL = "progress";
    /** {@code bool}: disable delta sync ({@code kC4ReplicatorOptionDisableDeltas}). */
    public static final String NO_DELTAS = "noDeltas";
    /** {@code int}: maximum number of retry attempts after a transient error. */
    public static final String MAX_RETRIES = "maxRetries";
    /** {@code int}, seconds: maximum delay between retries (the backoff's cap). */
    public static final String MAX_RETRY_INTERVAL = "maxRetryInterval";
    /** {@code bool}, default true: purge documents whose access (channel) was revoked. */
    public static final String AUTO_PURGE = "autoPurge";
    /** {@code bool}: accept {@code Set-Cookie}s for a parent domain of the host. LiteCore 3.1+. */
    public static final String ACCEPT_PARENT_DOMAIN_COOKIES = "acceptParentDomainCookies";
    /** {@code int}: tuning, the most incoming revisions requested but not yet handled. LiteCore 3.4+. */
    public static final String MAX_REVS_BEING_REQUESTED = "maxRevsBeingRequested";
    /** {@code int}: tuning, the most incoming revisions being parsed/inserted at once. LiteCore 3.4+. */
    public static final String MAX_INCOMING_REVS = "maxIncomingRevs";
    /** {@code int}: tuning, the most outgoing {@code rev} messages in flight at once. LiteCore 3.4+. */
    public static final String MAX_REVS_IN_FLIGHT = "maxRevsInFlight";

    // ---- TLS ----

    /** {@code bytes}: trusted root certificate(s), used instead of the system trust store. */
    public static final String ROOT_CERTS = "rootCerts";
    /** {@code bytes}: the server's certificate (or public key); the server must present exactly it. */
    public static final String PINNED_CERT = "pinnedCert";
    /** {@code bool}: accept only self-signed server certificates (peer-to-peer). */
    public static final String ONLY_SELF_SIGNED_SERVER = "onlySelfSignedServer";
    /** {@code bool}: disable server certificate validation entirely. LiteCore 3.3+. */
    public static final String ACCEPT_ALL_CERTS = "acceptAllCerts";

    // ---- HTTP ----

    /** {@code dict} header name to string value: extra HTTP headers for the upgrade request. */
    public static final String HEADERS = "headers";
    /** {@code string}: value of an HTTP {@code Cookie} header to send (secret: redacted when printed). */
    public static final String COOKIES = "cookies";
    /** {@code dict}: authentication settings; keys {@code AUTH_*}, type values {@code AUTH_TYPE_*}. */
    public static final String AUTH = "auth";
    /** {@code dict}: proxy settings; keys {@code PROXY_*}, type values {@code PROXY_TYPE_*}. */
    public static final String PROXY = "proxy";

    // ---- WebSocket / BLIP ----

    /** {@code number}, seconds: interval between WebSocket pings (keep-alive). */
    public static final String HEARTBEAT = "heartbeat";
    /** {@code string}: value of the {@code Sec-WebSocket-Protocol} request header (comma-separated list). */
    public static final String WS_PROTOCOLS = "WS-Protocols";
    /** {@code string}: network interface (name or IP address) to connect from. LiteCore 3.1+. */
    public static final String NETWORK_INTERFACE = "networkInterface";
    /** {@code int} 0..9: deflate level for compressed BLIP frames. */
    public static final String BLIP_COMPRESSION_LEVEL = "BLIPCompressionLevel";
    /**
     * {@code string}, c4j only: which BLIP messages are deflated, {@code "always"} (as LiteCore), {@code "adaptive"}
     * (only while the socket is the bottleneck; the default) or {@code "never"}; see blip's CompressionPolicy.
     */
    public static final String C4J_BLIP_COMPRESSION = "c4jBLIPCompression";

    /*
     * c4j only: the BLIP connection's limits against a hostile peer (blip's BlipConfig; defaults and reasons in
     * docs/limits.md). Set them in a Replicator's options or a Listener's connection options; an out-of-range value
     * is refused with LiteCore INVALID_PARAMETER when the Replicator or Listener is made.
     */
    /** {@code int} bytes: most properties plus buffered body of one incoming message (default 32 MiB). */
    public static final String C4J_BLIP_MAX_MESSAGE_SIZE = "c4jBLIPMaxMessageSize";
    /** {@code long} bytes: most held across all incomplete incoming messages (default 48 MiB). */
    public static final String C4J_BLIP_MAX_BUFFERED_BYTES = "c4jBLIPMaxBufferedBytes";
    /** {@code int}: most incoming requests still arriving at once (default 64). */
    public static final String C4J_BLIP_MAX_INCOMPLETE_REQUESTS = "c4jBLIPMaxIncompleteRequests";
    /** {@code int} bytes: most one compressed frame may inflate to (default 1032 x 16 KiB). */
    public static final String C4J_BLIP_MAX_INFLATED_FRAME = "c4jBLIPMaxInflatedFrameSize";
    /** {@code long} bytes: most held for the peer's replies not yet written (default 64 MiB). */
    public static final String C4J_BLIP_MAX_QUEUED_OUTGOING = "c4jBLIPMaxQueuedOutgoingBytes";

    // ---- Keys inside the AUTH dict ----

    /** {@code string}: one of the {@code AUTH_TYPE_*} values; {@link #AUTH_TYPE_BASIC} if absent. */
    public static final String AUTH_TYPE = "type";
    /** {@code string}: user name for Basic auth. */
    public static final String AUTH_USERNAME = "username";
    /** {@code string}: password for Basic auth (secret: redacted when printed). */
    public static final String AUTH_PASSWORD = "password";
    /**
     * {@code string}: the session ID for {@link #AUTH_TYPE_SESSION} (sent as the
     * {@link #DEFAULT_SESSION_COOKIE_NAME} cookie) or the bearer token for {@link #AUTH_TYPE_OPENID_CONNECT}
     * (secret: redacted when printed). LiteCore has no separate session key: the session ID is this token.
     */
    public static final String AUTH_TOKEN = "token";
    /** {@code bytes}: the TLS client certificate for {@link #AUTH_TYPE_CLIENT_CERT}. */
    public static final String AUTH_CLIENT_CERT = "clientCert";
    /** {@code bytes}: the client certificate's private key (secret: redacted when printed). */
    public static final String AUTH_CLIENT_CERT_KEY = "clientCertKey";
    /**
     * {@code bool}, default false: send Basic credentials only after a 401 challenge instead of preemptively.
     * LiteCore 3.1+.
     */
    public static final String AUTH_CHALLENGE = "challengeAuth";

    /** {@link #AUTH_TYPE} value: HTTP Basic ({@code Authorization: Basic ...}); the default. */
    public static final String AUTH_TYPE_BASIC = "Basic";
    /** {@link #AUTH_TYPE} value: Sync Gateway session cookie carrying {@link #AUTH_TOKEN}. */
    public static final String AUTH_TYPE_SESSION = "Session";
    /** {@link #AUTH_TYPE} value: OpenID Connect token ({@code Authorization: Bearer ...}). */
    public static final String AUTH_TYPE_OPENID_CONNECT = "OpenID Connect";
    /** {@link #AUTH_TYPE} value: Facebook token (legacy Sync Gateway auth). */
    public static final String AUTH_TYPE_FACEBOOK = "Facebook";
    /** {@link #AUTH_TYPE} value: TLS client certificate ({@link #AUTH_CLIENT_CERT}). */
    public static final String AUTH_TYPE_CLIENT_CERT = "Client Cert";
    /**
     * Not an option key: the cookie name Sync Gateway (and Couchbase Lite's {@code SessionAuthenticator}) use for
     * a session ID by default, i.e. {@code Cookie: SyncGatewaySession=<token>}.
     */
    public static final String DEFAULT_SESSION_COOKIE_NAME = "SyncGatewaySession";

    // ---- Keys inside the PROXY dict ----

    /** {@code string}: one of the {@code PROXY_TYPE_*} values. */
    public static final String PROXY_TYPE = "type";
    /** {@code string}: proxy host name. */
    public static final String PROXY_HOST = "host";
    /** {@code int}: proxy port. */
    public static final String PROXY_PORT = "port";
    /** {@code dict}: proxy credentials, with {@link #AUTH_USERNAME} and {@link #AUTH_PASSWORD}. */
    public static final String PROXY_AUTH = "auth";

    /** {@link #PROXY_TYPE} value: no proxy, overriding any system setting. */
    public static final String PROXY_TYPE_NONE = "none";
    /** {@link #PROXY_TYPE} value: HTTP proxy, tunnelling with {@code CONNECT}. */
    public static final String PROXY_TYPE_HTTP = "HTTP";
    /** {@link #PROXY_TYPE} value: HTTPS proxy, tunnelling with {@code CONNECT}. */
    public static final String PROXY_TYPE_HTTPS = "HTTPS";
    /** {@link #PROXY_TYPE} value: SOCKS proxy. */
    public static final String PROXY_TYPE_SOCKS = "SOCKS";
}
