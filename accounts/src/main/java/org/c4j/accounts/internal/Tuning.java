package org.c4j.accounts.internal;

import java.time.Duration;

/** Every tuning constant of the accounts module, each with its reason. */
public final class Tuning {
    private Tuning() {
    }

    /**
     * PBKDF2-HMAC-SHA256 iterations for new password hashes: OWASP's 2021 figure (310,000); about 0.1-0.3 s per hash on
     * a small server core, paid once per Basic login. Stored hashes carry their own count, so raising it later keeps old
     * hashes valid.
     */
    public static final int PBKDF2_ITERATIONS = 310_000;

    /** Lowest and highest iteration counts accepted from a stored hash (a tampered file must not stall a login). */
    public static final int PBKDF2_MIN_ITERATIONS = 1_000;
    public static final int PBKDF2_MAX_ITERATIONS = 5_000_000;

    /** Salt and derived-key lengths in bytes (128-bit salt as NIST SP 800-132 asks; 256-bit key = one SHA-256 block). */
    public static final int SALT_BYTES = 16;
    public static final int HASH_BYTES = 32;

    /** Session ids: 160 random bits, as Sync Gateway's (40 hex digits). */
    public static final int SESSION_ID_BYTES = 20;

    /** Sync Gateway's default session lifetime. */
    public static final Duration DEFAULT_SESSION_TTL = Duration.ofHours(24);

    /** Longest session lifetime accepted from the admin API (a year; Sync Gateway sets no limit, we bound it). */
    public static final Duration MAX_SESSION_TTL = Duration.ofDays(366);

    /**
     * Sliding renewal as Sync Gateway: a session used after more than a tenth of its lifetime has passed is extended
     * to a full lifetime from now (so active clients never see it expire, and the file is not rewritten on every use).
     */
    public static final int SESSION_RENEW_DIVISOR = 10;

    /** Allowed clock difference when checking a token's exp and nbf (small: tokens live minutes to hours). */
    public static final Duration TOKEN_CLOCK_SKEW = Duration.ofSeconds(30);

    /** Largest admin API request body: a user with a few thousand channels fits; anything bigger is refused with 413. */
    public static final int MAX_ADMIN_BODY_BYTES = 1024 * 1024;

    /**
     * How much of an oversized admin body is read and thrown away before the 413, so that the client (which is still
     * sending) sees the answer rather than a connection reset; a body declared larger than this is not read at all.
     */
    public static final long MAX_ADMIN_DRAIN_BYTES = 8L * 1024 * 1024;

    /** Longest user, role or channel name (keeps headers, cookies and files small). */
    public static final int MAX_NAME_CHARS = 256;

    /** Longest bearer token accepted (ID tokens are a few KiB; more is not a token). */
    public static final int MAX_TOKEN_CHARS = 16 * 1024;

    /** Threads of the admin HTTP server: a loopback admin API serves one operator, two keeps a slow call from blocking. */
    public static final int ADMIN_THREADS = 2;

    /** How long stopping the admin server waits for exchanges in progress. */
    public static final int ADMIN_STOP_SECONDS = 1;
}
