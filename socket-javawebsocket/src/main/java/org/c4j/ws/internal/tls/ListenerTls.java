package org.c4j.ws.internal.tls;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import javax.net.ssl.SSLContext;

import org.c4j.socket.C4Exception;
import org.c4j.ws.ClientCertificateAuthenticator;
import org.c4j.ws.IdentityStore;
import org.c4j.ws.TlsIdentities;
import org.c4j.ws.TlsIdentity;
import org.c4j.ws.internal.SocketLayer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A listener's TLS settings and what they become at start: the identity to serve (the one given, or the
 * anonymous identity of the store), the JSSE context, and the {@link TlsLayer} every accepted connection runs
 * first. Immutable; thread-safe.
 */
public final class ListenerTls {
    private static final Logger LOG = LoggerFactory.getLogger(ListenerTls.class);

    private final boolean enabled;
    private final TlsIdentity identity;
    private final IdentityStore store;
    private final ClientCertificateAuthenticator clientAuth;
    private final Duration handshakeTimeout;

    /** What a started listener serves. */
    public record Started(SocketLayer layer, TlsIdentity identity) {
    }

    /**
     * @param enabled          false: plain ws (then no identity, store or client authenticator may be given)
     * @param identity         the identity to serve, or null for the store's anonymous identity
     * @param store            where the anonymous identity is kept; null: in memory (a new one per start)
     * @param clientAuth       requires client certificates and decides on them; null: none asked
     * @param handshakeTimeout total TLS handshake deadline
     * @throws IllegalStateException if TLS is disabled but a client authenticator is set
     */
    public ListenerTls(boolean enabled, TlsIdentity identity, IdentityStore store,
                       ClientCertificateAuthenticator clientAuth, Duration handshakeTimeout) {
        if (!enabled && clientAuth != null) {
            throw new IllegalStateException("client certificate authentication needs TLS: do not disable it");
        }
        this.enabled = enabled;
        this.identity = identity;
        this.store = store;
        this.clientAuth = clientAuth;
        this.handshakeTimeout = handshakeTimeout;
    }

    public boolean enabled() {
        return enabled;
    }

    /**
     * The layer and identity to serve; plain with a null identity when disabled.
     *
     * @throws C4Exception {@link org.c4j.socket.ErrorCodes.Network#TLS_CERT_EXPIRED} if the given identity is not
     *                     valid now; identity store errors when reading or saving the anonymous identity
     */
    public Started start(ScheduledExecutorService timers) {
        if (!enabled) {
            return new Started(SocketLayer.PLAIN, null);
        }
        TlsIdentity served = identity;
        if (served == null) {
            if (store == null) {
                LOG.warn("no TLS identity and no identity store given: serving a new anonymous identity that is not"
                        + " saved (clients cannot pin it across restarts)");
            }
            served = TlsIdentities.anonymous(store == null ? IdentityStore.inMemory() : store);
        } else if (served.isExpiredAt(Instant.now())) {
            throw IdentityErrors.expired(served.label(), served.expiration());
        }
        ClientCertTrust trust = clientAuth == null ? null : new ClientCertTrust(clientAuth, List.of());
        SSLContext ctx = TlsContexts.server(served, trust);
        return new Started(TlsLayer.server(ctx, clientAuth != null, handshakeTimeout, timers), served);
    }
}
