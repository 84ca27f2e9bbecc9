package org.c4j.accounts.internal;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Salted slow password hashes (PBKDF2-HMAC-SHA256 from the JDK), stored as
 * {@code pbkdf2-sha256$<iterations>$<base64 salt>$<base64 key>}, compared in constant time. A check for an unknown user
 * does the same work as one for a known user ({@link #verifyNothing}), so timing does not tell which names exist.
 *
 * <p>Thread-safe (no mutable state apart from a derivation counter the tests read).
 */
public final class PasswordHasher {
    static final String SCHEME = "pbkdf2-sha256";
    private static final String ALGORITHM = "PBKDF2WithHmacSHA256";
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Number of key derivations done by this class, for tests that check equal work on every path. */
    static final AtomicLong DERIVATIONS = new AtomicLong();

    private final int iterations;
    private final String dummyHash;

    /** @param iterations for new hashes ({@link Tuning#PBKDF2_ITERATIONS} in production; lower only in tests) */
    public PasswordHasher(int iterations) {
        if (iterations < Tuning.PBKDF2_MIN_ITERATIONS || iterations > Tuning.PBKDF2_MAX_ITERATIONS) {
            throw new IllegalArgumentException("iterations out of range: " + iterations);
        }
        this.iterations = iterations;
        this.dummyHash = hash("not a password of anyone");
    }

    public int iterations() {
        return iterations;
    }

    /** A new salted hash of {@code password}. */
    public String hash(String password) {
        byte[] salt = new byte[Tuning.SALT_BYTES];
        RANDOM.nextBytes(salt);
        byte[] key = derive(password, salt, iterations);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return SCHEME + "$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(key);
    }

    /** True if {@code password} matches {@code stored}; false for a malformed stored value. Constant-time compare. */
    public boolean verify(String password, String stored) {
        if (password == null || stored == null) {
            verifyNothing(password);
            return false;
        }
        String[] parts = stored.split("\\$", -1);
        if (parts.length != 4 || !parts[0].equals(SCHEME)) {
            verifyNothing(password);
            return false;
        }
        int n;
        byte[] salt;
        byte[] expected;
        try {
            n = Integer.parseInt(parts[1]);
            salt = Base64.getDecoder().decode(parts[2]);
            expected = Base64.getDecoder().decode(parts[3]);
        } catch (IllegalArgumentException e) {
            verifyNothing(password);
            return false;
        }
        if (n < Tuning.PBKDF2_MIN_ITERATIONS || n > Tuning.PBKDF2_MAX_ITERATIONS || salt.length == 0
                || expected.length != Tuning.HASH_BYTES) {
            verifyNothing(password);
            return false;
        }
        return MessageDigest.isEqual(derive(password, salt, n), expected);
    }

    /** Does the work of one {@link #verify} and returns false: for unknown users and users without a password. */
    public boolean verifyNothing(String password) {
        String[] parts = dummyHash.split("\\$");
        byte[] expected = Base64.getDecoder().decode(parts[3]);
        MessageDigest.isEqual(derive(password == null ? "" : password, Base64.getDecoder().decode(parts[2]),
                iterations), expected);
        return false;
    }

    private static byte[] derive(String password, byte[] salt, int iterations) {
        DERIVATIONS.incrementAndGet();
        char[] chars = password.toCharArray();
        PBEKeySpec spec = new PBEKeySpec(chars, salt, iterations, Tuning.HASH_BYTES * 8);
        try {
            return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no " + ALGORITHM, e);
        } finally {
            spec.clearPassword();
            java.util.Arrays.fill(chars, '\0');
        }
    }
}
