package org.c4j.accounts.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Session ids: {@link Tuning#SESSION_ID_BYTES} bytes from {@link SecureRandom} as lower-case hex, like Sync Gateway's;
 * stored only as their SHA-256. Stateless; thread-safe.
 */
public final class SessionIds {
    private static final SecureRandom RANDOM = new SecureRandom();

    private SessionIds() {
    }

    public static String newId() {
        byte[] b = new byte[Tuning.SESSION_ID_BYTES];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** True if {@code id} looks like one of ours (so junk is refused before hashing or locking). */
    public static boolean wellFormed(String id) {
        if (id.length() != Tuning.SESSION_ID_BYTES * 2) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            if (Character.digit(id.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    /** The key a session is stored under: hex SHA-256 of its id. */
    public static String hash(String id) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(id.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
