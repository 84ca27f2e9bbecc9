package org.c4j.accounts.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.util.Resource;
import java.io.IOException;
import java.net.URI;

/**
 * OpenID Connect discovery: reads a provider's {@code /.well-known/openid-configuration} document (bounded size and
 * time) and returns its {@code jwks_uri}, after checking that the document names the configured issuer (a document
 * for another issuer is refused: it could hand out another party's keys). Stateless; thread-safe.
 */
final class Discovery {
    /** Connect and read timeouts and size bound for the discovery document (a few KiB in practice). */
    private static final int TIMEOUT_MS = 5_000;
    private static final int MAX_BYTES = 64 * 1024;

    private Discovery() {
    }

    /** The {@code jwks_uri} of the provider described at {@code url}, checked against {@code issuer}. */
    static String jwksUri(String url, String issuer) {
        URI u = URI.create(url);
        if (!"https".equals(u.getScheme()) && !"http".equals(u.getScheme())) {
            throw new IllegalArgumentException("\"discovery_url\" must be an http or https URL");
        }
        Resource doc;
        try {
            doc = new DefaultResourceRetriever(TIMEOUT_MS, TIMEOUT_MS, MAX_BYTES).retrieveResource(u.toURL());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the discovery document: " + e.getClass().getSimpleName());
        }
        JsonNode n;
        try {
            n = AccountJson.MAPPER.readTree(doc.getContent());
        } catch (IOException e) {
            throw new IllegalArgumentException("the discovery document is not JSON");
        }
        if (n == null || !issuer.equals(n.path("issuer").asText(null))) {
            throw new IllegalArgumentException("the discovery document names another issuer");
        }
        String jwks = n.path("jwks_uri").asText(null);
        if (jwks == null || jwks.isEmpty()) {
            throw new IllegalArgumentException("the discovery document has no jwks_uri");
        }
        return jwks;
    }
}
