package org.c4j.accounts.internal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.time.Clock;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.c4j.accounts.TokenIdentity;

/**
 * One configured token issuer (Sync Gateway 3.1's {@code local_jwt} provider): verifies signature (only the configured
 * RS/ES/PS algorithms), {@code iss}, {@code aud} (must contain {@code client_id}), {@code exp} and {@code nbf} with
 * {@link Tuning#TOKEN_CLOCK_SKEW}, then maps the claims to a user name, roles and channels. Immutable after
 * construction; thread-safe (nimbus' processor and key sources are).
 */
public final class JwtProvider {
    private final String name;
    private final String issuer;
    private final String clientId;
    private final String usernameClaim;
    private final String userPrefix;
    private final boolean register;
    private final String rolesClaim;
    private final String channelsClaim;
    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

    public JwtProvider(String name, String issuer, String clientId, Set<JWSAlgorithm> algorithms,
                       JWKSource<SecurityContext> keys, String usernameClaim, String userPrefix, boolean register,
                       String rolesClaim, String channelsClaim, Clock clock) {
        this.name = name;
        this.issuer = issuer;
        this.clientId = clientId;
        this.usernameClaim = usernameClaim;
        this.userPrefix = userPrefix;
        this.register = register;
        this.rolesClaim = rolesClaim;
        this.channelsClaim = channelsClaim;
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(Set.copyOf(algorithms), keys));
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(Set.of(clientId),
                new JWTClaimsSet.Builder().issuer(issuer).build(), Set.of("sub", "exp", "iss", "aud"), Set.of()) {
            @Override
            protected Date currentTime() {
                return Date.from(clock.instant());
            }
        };
        claims.setMaxClockSkew((int) Tuning.TOKEN_CLOCK_SKEW.toSeconds());
        processor.setJWTClaimsSetVerifier(claims);
    }

    public String name() {
        return name;
    }

    /** True if this provider is the one the (unverified) claims name: same issuer, audience holding client_id. */
    public boolean matches(JWTClaimsSet unverified) {
        List<String> aud = unverified.getAudience();
        return issuer.equals(unverified.getIssuer()) && aud != null && aud.contains(clientId);
    }

    /**
     * Verifies the token and maps it.
     *
     * @throws TokenRejected with a reason fit for a log line (never the token)
     */
    public TokenIdentity verify(SignedJWT jwt) {
        JWTClaimsSet claims;
        try {
            claims = processor.process(jwt, null);
        } catch (BadJOSEException e) {
            throw new TokenRejected(e.getMessage());
        } catch (JOSEException e) {
            throw new TokenRejected("signature check failed: " + e.getClass().getSimpleName());
        }
        String username = username(claims);
        return new TokenIdentity(name, username, register, claimSet(claims, rolesClaim, true),
                claimSet(claims, channelsClaim, false), claims.getExpirationTime().toInstant());
    }

    private String username(JWTClaimsSet claims) {
        String value;
        if (usernameClaim != null) {
            Object v = claims.getClaim(usernameClaim);
            if (!(v instanceof String s) || s.isEmpty()) {
                throw new TokenRejected("the username claim is missing or not a string");
            }
            value = userPrefix == null ? s : userPrefix + "_" + s;
        } else {
            value = (userPrefix == null ? name : userPrefix) + "_" + claims.getSubject();
        }
        try {
            return Names.principal(value, "user");
        } catch (RuntimeException e) {
            throw new TokenRejected("the token's user name is not a valid user name");
        }
    }

    private static Set<String> claimSet(JWTClaimsSet claims, String claim, boolean roles) {
        if (claim == null) {
            return Set.of();
        }
        Object v = claims.getClaim(claim);
        Set<String> out = new LinkedHashSet<>();
        if (v instanceof String s) {
            out.add(s);
        } else if (v instanceof List<?> list) {
            for (Object o : list) {
                if (o instanceof String s) {
                    out.add(s);
                }
            }
        }
        try {
            return roles ? Names.roles(out) : Names.channels(out);
        } catch (RuntimeException e) {
            throw new TokenRejected("the " + claim + " claim holds an invalid name");
        }
    }

    /** A token this provider refuses; the message is safe to log. */
    public static final class TokenRejected extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public TokenRejected(String message) {
            super(message, null, false, false);
        }
    }
}
