package org.c4j.accounts;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.function.Consumer;

/** A token issuer made in the test: its own keys, signed ID tokens, good and bad. */
public final class TestIssuer {
    public static final String ISSUER = "https://issuer.test";
    public static final String CLIENT = "c4j-app";
    public final RSAKey rsa;
    public final ECKey ec;
    public final RSAKey other;
    private final Clock clock;

    public TestIssuer(Clock clock) {
        this.clock = clock;
        try {
            rsa = new RSAKeyGenerator(2048).keyID("rsa1").generate();
            other = new RSAKeyGenerator(2048).keyID("rsa1").generate();
            ec = new ECKeyGenerator(Curve.P_256).keyID("ec1").generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The local_jwt configuration trusting this issuer's public keys, with extra JSON fields. */
    public String config(String extraFields) {
        return "{\"local_jwt\": {\"test\": {\"issuer\": \"" + ISSUER + "\", \"client_id\": \"" + CLIENT + "\","
                + " \"algorithms\": [\"RS256\", \"ES256\"], \"keys\": [" + rsa.toPublicJWK().toJSONString() + ", "
                + ec.toPublicJWK().toJSONString() + "]" + (extraFields.isEmpty() ? "" : ", " + extraFields) + "}}}";
    }

    public JWTClaimsSet.Builder claims(String sub) {
        Instant now = clock.instant();
        return new JWTClaimsSet.Builder().issuer(ISSUER).audience(List.of(CLIENT)).subject(sub)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofMinutes(10))));
    }

    public String token(String sub) {
        return rs256(rsa, claims(sub).build());
    }

    public String token(String sub, Consumer<JWTClaimsSet.Builder> change) {
        JWTClaimsSet.Builder b = claims(sub);
        change.accept(b);
        return rs256(rsa, b.build());
    }

    public static String rs256(JWK key, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                    claims);
            jwt.sign(new RSASSASigner(key.toRSAKey()));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public String es256(JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("ec1").build(), claims);
            jwt.sign(new ECDSASigner(ec));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String hs256(JWTClaimsSet claims, byte[] secret) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("rsa1").build(), claims);
            jwt.sign(new MACSigner(secret));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String none(JWTClaimsSet claims) {
        return new PlainJWT(claims).serialize();
    }
}
