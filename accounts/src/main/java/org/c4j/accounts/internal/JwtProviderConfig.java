package org.c4j.accounts.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Clock;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Builds a {@link JwtProvider} from one entry of Sync Gateway 3.1's {@code local_jwt} configuration, strictly:
 * unknown fields, missing {@code issuer}/{@code client_id}/{@code algorithms}, algorithms other than RS/ES/PS
 * 256/384/512 and a key set that is neither inline ({@code keys}) nor {@code jwks_uri} (http, https or file) are
 * refused with an {@link IllegalArgumentException} naming the problem. Only the public half of inline keys is kept.
 * Stateless; thread-safe.
 */
public final class JwtProviderConfig {
    /** The only signature algorithms a provider may use: asymmetric, as Sync Gateway's local_jwt allows. */
    public static final Set<JWSAlgorithm> ALLOWED = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384,
            JWSAlgorithm.RS512, JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512, JWSAlgorithm.PS256,
            JWSAlgorithm.PS384, JWSAlgorithm.PS512);
    private static final Set<String> FIELDS = Set.of("issuer", "client_id", "algorithms", "keys", "jwks_uri",
            "discovery_url", "register", "username_claim", "user_prefix", "roles_claim", "channels_claim");

    private JwtProviderConfig() {
    }

    public static JwtProvider build(String name, JsonNode n, Clock clock) {
        if (!n.isObject()) {
            throw new IllegalArgumentException("must be an object");
        }
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!FIELDS.contains(f)) {
                throw new IllegalArgumentException("unknown field \"" + f + "\"");
            }
        }
        String issuer = required(n, "issuer");
        String clientId = required(n, "client_id");
        JsonNode algs = n.get("algorithms");
        if (algs == null || !algs.isArray() || algs.isEmpty()) {
            throw new IllegalArgumentException("\"algorithms\" must list at least one of " + ALLOWED);
        }
        Set<JWSAlgorithm> algorithms = new LinkedHashSet<>();
        for (JsonNode a : algs) {
            JWSAlgorithm alg = a.isTextual() ? JWSAlgorithm.parse(a.textValue()) : null;
            if (alg == null || !ALLOWED.contains(alg)) {
                throw new IllegalArgumentException("algorithm " + a + " is not allowed (only " + ALLOWED + ")");
            }
            algorithms.add(alg);
        }
        JWKSource<SecurityContext> keys = keys(n, issuer);
        return new JwtProvider(name, issuer, clientId, algorithms, keys, optional(n, "username_claim"),
                optional(n, "user_prefix"), n.path("register").asBoolean(false), optional(n, "roles_claim"),
                optional(n, "channels_claim"), clock);
    }

    private static JWKSource<SecurityContext> keys(JsonNode n, String issuer) {
        JsonNode inline = n.get("keys");
        String uri = optional(n, "jwks_uri");
        String discovery = optional(n, "discovery_url");
        if ((inline != null ? 1 : 0) + (uri != null ? 1 : 0) + (discovery != null ? 1 : 0) != 1) {
            throw new IllegalArgumentException("give exactly one of \"keys\", \"jwks_uri\" and \"discovery_url\"");
        }
        if (discovery != null) {
            uri = Discovery.jwksUri(discovery, issuer);
        }
        try {
            if (inline != null) {
                if (!inline.isArray() || inline.isEmpty()) {
                    throw new IllegalArgumentException("\"keys\" must be a non-empty array of JWKs");
                }
                JWKSet set = JWKSet.parse("{\"keys\":" + inline + "}");
                return new ImmutableJWKSet<>(set.toPublicJWKSet());
            }
            URI u = URI.create(uri);
            if ("file".equals(u.getScheme())) {
                JWKSet set = JWKSet.parse(Files.readString(Path.of(u)));
                return new ImmutableJWKSet<>(set.toPublicJWKSet());
            }
            if (!"https".equals(u.getScheme()) && !"http".equals(u.getScheme())) {
                throw new IllegalArgumentException("\"jwks_uri\" must be an http, https or file URI");
            }
            URL url = u.toURL();
            // cached (5 min), refreshed when a token names an unknown key id, rate-limited, retried once
            return JWKSourceBuilder.<SecurityContext>create(url).retrying(true).build();
        } catch (ParseException e) {
            throw new IllegalArgumentException("malformed JWK set: " + e.getMessage());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the key set: " + e.getClass().getSimpleName());
        }
    }

    private static String required(JsonNode n, String field) {
        String v = optional(n, field);
        if (v == null || v.isEmpty()) {
            throw new IllegalArgumentException("\"" + field + "\" is required");
        }
        return v;
    }

    private static String optional(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new IllegalArgumentException("\"" + field + "\" must be a string");
        }
        return v.textValue();
    }
}
