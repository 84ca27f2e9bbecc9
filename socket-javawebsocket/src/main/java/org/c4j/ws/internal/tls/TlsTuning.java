package org.c4j.ws.internal.tls;

import java.time.Duration;
import java.util.List;

/** TLS constants of the ws transport, each with its reason. Constants only; thread-safe. */
public final class TlsTuning {
    private TlsTuning() {
    }

    /**
     * Protocol versions enabled on both sides: TLS 1.3 and 1.2. Older versions are deprecated (RFC 8996); 1.2
     * stays for Couchbase Lite 3.0, whose mbedTLS speaks no 1.3.
     */
    public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    /**
     * Total time a TLS handshake may take, from the TCP connection to the end of the handshake (not per read: a
     * peer dribbling a byte at a time is dropped too). LiteCore's connect timeout (15 s) bounds its whole
     * connection setup the same way; loopback handshakes take milliseconds.
     */
    public static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(15);

    /**
     * How long a listener keeps reading (and discarding) after refusing a handshake, so its alert reaches the
     * client before any TCP reset (see {@code TlsLayer}): a round trip on any sane network, short enough that
     * refused peers cannot hold connections.
     */
    public static final Duration REFUSAL_LINGER = Duration.ofSeconds(1);

    /**
     * When writing fails during a TLS connection's HTTP upgrade, how long the connection waits for its reader to
     * report the reason (typically the peer's alert refusing our certificate, which also closed the TLS output)
     * before it reports the write failure itself.
     */
    public static final Duration WRITE_FAILURE_GRACE = Duration.ofSeconds(1);

    /** At most this much is read and discarded while lingering: a client's final flight plus an HTTP request. */
    public static final long REFUSAL_LINGER_BYTES = 64 * 1024;
}
