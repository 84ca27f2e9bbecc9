package org.c4j.socket;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The outcome of an {@link UpgradeAuthenticator}: a principal, or a refusal that the transport sends as the HTTP
 * response to the upgrade request (status, headers such as {@code WWW-Authenticate}, and a short reason as the body).
 * Immutable; thread-safe.
 *
 * <p><b>Contract rule:</b> {@link Refused} becomes the upgrade's HTTP response as it is (status 400..599 and
 * headers), {@link Accepted} the connection's principal.
 */
public sealed interface AuthDecision permits AuthDecision.Accepted, AuthDecision.Refused {

    /** The client is let in as {@code principal}. */
    record Accepted(Principal principal) implements AuthDecision {
        public Accepted {
            Objects.requireNonNull(principal, "principal");
        }
    }

    /**
     * The client is refused.
     *
     * @param status  the HTTP status, 400..599 (401 for missing or wrong credentials, 403 for a disabled user)
     * @param headers response headers, e.g. {@code WWW-Authenticate: Basic realm="..."} and/or {@code Bearer}; a header
     *                may have several values (each is sent as its own header line)
     * @param reason  a short human-readable reason for the body and the log; never contains a secret
     */
    record Refused(int status, Map<String, List<String>> headers, String reason) implements AuthDecision {
        public Refused {
            if (status < 400 || status > 599) {
                throw new IllegalArgumentException("a refusal needs a 4xx or 5xx status, not " + status);
            }
            headers = HttpHeaders.copy(headers);
            reason = reason == null ? "" : reason;
        }
    }

    static AuthDecision accept(Principal principal) {
        return new Accepted(principal);
    }

    static AuthDecision refuse(int status, Map<String, List<String>> headers, String reason) {
        return new Refused(status, headers, reason);
    }
}
