package org.c4j.accounts.internal;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.c4j.accounts.AccountStore;
import org.c4j.socket.AuthDecision;
import org.c4j.socket.C4Exception;
import org.c4j.socket.Principal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one decision "who is this?" for both the WebSocket upgrade and the public {@code _session} endpoint, in Sync
 * Gateway's order: a Bearer token (OpenID Connect), then a valid session cookie (an invalid one falls through, as a
 * client's cookie jar may hold a stale one), then Basic credentials, then the TLS client certificate mapped to a user,
 * then the guest if enabled. A refusal is 401 with {@code WWW-Authenticate: Basic realm="Couchbase Sync Gateway"}
 * (and {@code Bearer} when token providers are configured). Reasons are logged at debug, never credentials.
 * Stateless; thread-safe.
 */
public final class CredentialCheck {
    /** Sync Gateway's Basic realm. */
    public static final String REALM = "Couchbase Sync Gateway";
    private static final Logger LOG = LoggerFactory.getLogger(CredentialCheck.class);

    private CredentialCheck() {
    }

    /**
     * @param certificateUser maps the leaf client certificate to a user name (null to ignore certificates)
     */
    public static AuthDecision decide(AccountStore store, Credentials c, List<X509Certificate> chain,
                                      Function<X509Certificate, String> certificateUser) {
        if (store == null) {
            return refuse(null, "no accounts for this database");
        }
        if (c.bearer() != null) {
            try {
                return AuthDecision.accept(store.checkToken(c.bearer()));
            } catch (C4Exception e) {
                return refuse(store, e.getMessage());
            }
        }
        if (c.session() != null) {
            Optional<Principal> p = store.checkSession(c.session());
            if (p.isPresent()) {
                return AuthDecision.accept(p.get());
            }
            LOG.debug("session cookie refused (unknown, expired or user disabled)");
        }
        if (c.malformedAuth()) {
            return refuse(store, "malformed Authorization header");
        }
        if (c.hasBasic()) {
            Optional<Principal> p = store.checkPassword(c.basicUser(), c.basicPassword());
            return p.<AuthDecision>map(AuthDecision::accept)
                    .orElseGet(() -> refuse(store, "wrong user name or password"));
        }
        if (certificateUser != null && !chain.isEmpty()) {
            String name;
            try {
                name = certificateUser.apply(chain.get(0));
            } catch (RuntimeException e) {
                name = null;
            }
            Optional<Principal> p = name == null ? Optional.empty() : store.principal(name);
            if (p.isPresent()) {
                return AuthDecision.accept(p.get());
            }
            return refuse(store, "the client certificate maps to no enabled user");
        }
        if (c.session() != null) {
            return refuse(store, "invalid session");
        }
        return store.guest().<AuthDecision>map(AuthDecision::accept)
                .orElseGet(() -> refuse(store, "login required"));
    }

    /** A 401 with the challenges this store supports. */
    public static AuthDecision.Refused refuse(AccountStore store, String reason) {
        LOG.debug("authentication refused: {}", reason);
        List<String> challenges = new ArrayList<>();
        challenges.add("Basic realm=\"" + REALM + "\"");
        if (store != null && !store.oidcProviders().isEmpty()) {
            challenges.add("Bearer");
        }
        return new AuthDecision.Refused(401, Map.of("WWW-Authenticate", challenges), "Login required");
    }
}
