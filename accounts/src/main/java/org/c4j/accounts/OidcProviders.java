package org.c4j.accounts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.c4j.accounts.internal.AccountJson;
import org.c4j.accounts.internal.JwtProvider;
import org.c4j.accounts.internal.JwtProviderConfig;
import org.c4j.accounts.internal.Tuning;
import org.c4j.socket.C4Exception;
import org.c4j.socket.ErrorCodes;
import org.c4j.socket.ErrorDomain;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OpenID Connect (implicit flow) token issuers a database trusts, configured in Sync Gateway 3.1's
 * {@code local_jwt} shape:
 * <pre>{"local_jwt": {"NAME": {"issuer": "...", "client_id": "...", "algorithms": ["RS256"],
 *     "keys": [JWK, ...] | "jwks_uri": "https://.../jwks.json" | "file:/path/jwks.json"
 *     | "discovery_url": "https://issuer/.well-known/openid-configuration",
 *     "register": true, "username_claim": "email", "user_prefix": "p", "roles_claim": "r", "channels_claim": "c"}}}</pre>
 * A token is matched to a provider by issuer and audience ({@code client_id}), then its signature (RS/ES/PS 256/384/512
 * only — never {@code none} or HS*), {@code exp} and {@code nbf} (30 s skew) are checked with nimbus-jose-jwt.
 * Remote key sets ({@code jwks_uri}, or the one a discovery document names after its {@code issuer} is checked) are
 * cached and re-fetched when a token names an unknown key (key rotation).
 *
 * <p>Immutable after {@link #parse}; thread-safe.
 */
public final class OidcProviders {
    private static final Logger LOG = LoggerFactory.getLogger(OidcProviders.class);

    /** No provider: every token is refused. */
    public static final OidcProviders NONE = new OidcProviders(List.of());

    private final List<JwtProvider> providers;

    private OidcProviders(List<JwtProvider> providers) {
        this.providers = List.copyOf(providers);
    }

    /**
     * Parses a configuration: either {@code {"local_jwt": {...}}} or the inner name-to-provider object.
     *
     * @throws C4Exception ({@link ErrorDomain#LITECORE} {@link ErrorCodes.LiteCore#INVALID_PARAMETER}) naming the
     *                     problem, for malformed JSON, a missing field, a forbidden algorithm or an unreadable key set
     */
    public static OidcProviders parse(String json, Clock clock) {
        ObjectNode root;
        try {
            root = AccountJson.object(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (C4Exception e) {
            throw invalid("OpenID Connect configuration: " + e.getMessage());
        }
        JsonNode inner = root.has("local_jwt") ? root.get("local_jwt") : root;
        if (!inner.isObject()) {
            throw invalid("OpenID Connect configuration: \"local_jwt\" must be an object");
        }
        List<JwtProvider> list = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = inner.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            try {
                list.add(JwtProviderConfig.build(e.getKey(), e.getValue(), clock));
            } catch (IllegalArgumentException ex) {
                throw invalid("OpenID Connect provider \"" + e.getKey() + "\": " + ex.getMessage());
            }
        }
        return new OidcProviders(list);
    }

    /** The names of the configured providers. */
    public List<String> names() {
        return providers.stream().map(JwtProvider::name).toList();
    }

    public boolean isEmpty() {
        return providers.isEmpty();
    }

    /**
     * Verifies a bearer token.
     *
     * @throws C4Exception {@link ErrorDomain#WEBSOCKET} 401 with a reason safe to log (the token never appears)
     */
    public TokenIdentity verify(String token) {
        if (token == null || token.isEmpty() || token.length() > Tuning.MAX_TOKEN_CHARS) {
            throw refused("no token or an oversized one");
        }
        SignedJWT jwt;
        try {
            // A token with "alg": "none" is no JWS and fails here; HS* fails at the key selector
            jwt = SignedJWT.parse(token);
        } catch (ParseException | RuntimeException e) {
            throw refused("not a signed JWT");
        }
        com.nimbusds.jwt.JWTClaimsSet unverified;
        try {
            unverified = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw refused("unreadable JWT claims");
        }
        for (JwtProvider p : providers) {
            if (p.matches(unverified)) {
                try {
                    return p.verify(jwt);
                } catch (JwtProvider.TokenRejected e) {
                    throw refused("provider " + p.name() + ": " + e.getMessage());
                }
            }
        }
        throw refused("no provider for the token's issuer and audience");
    }

    private static C4Exception refused(String reason) {
        LOG.debug("bearer token refused: {}", reason);
        return new C4Exception(ErrorDomain.WEBSOCKET, 401, "invalid token: " + reason);
    }

    private static C4Exception invalid(String message) {
        return new C4Exception(ErrorDomain.LITECORE, ErrorCodes.LiteCore.INVALID_PARAMETER, message);
    }
}
