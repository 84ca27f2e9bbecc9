package org.c4j;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

import org.c4j.internal.Errors;

/**
 * The key of a blob: the SHA-1 digest of its content, written {@code sha1-<base64>} (the blob dict's
 * {@code digest} property). Files are named {@code <base64 with '/' as '_'>.blob}, as LiteCore names them.
 *
 * <p>Immutable; thread-safe.
 */
public final class BlobKey {
    static final String PREFIX = "sha1-";
    static final String FILE_SUFFIX = ".blob";
    private static final int DIGEST_BYTES = 20;
    private static final int BASE64_CHARS = 28;

    private final byte[] digest;

    private BlobKey(byte[] digest) {
        this.digest = digest;
    }

    /** The key of the given content. */
    public static BlobKey of(byte[] content) {
        MessageDigest sha1 = sha1();
        return new BlobKey(sha1.digest(content));
    }

    static BlobKey fromDigest(byte[] digest) {
        if (digest.length != DIGEST_BYTES) {
            throw Errors.invalid("a SHA-1 digest has 20 bytes");
        }
        return new BlobKey(digest.clone());
    }

    static MessageDigest sha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JDK without SHA-1", e);
        }
    }

    /** Parses {@code sha1-<base64>}; throws {@code (LITECORE, INVALID_PARAMETER)} if malformed. */
    public static BlobKey parse(String digestString) {
        BlobKey key = tryParse(digestString);
        if (key == null) {
            throw Errors.invalid("invalid blob digest '" + digestString + "'");
        }
        return key;
    }

    /** Parses {@code sha1-<base64>}, or returns null if malformed. */
    public static BlobKey tryParse(String digestString) {
        if (digestString == null || !digestString.startsWith(PREFIX)
                || digestString.length() != PREFIX.length() + BASE64_CHARS) {
            return null;
        }
        return fromBase64(digestString.substring(PREFIX.length()));
    }

    private static BlobKey fromBase64(String b64) {
        try {
            byte[] d = Base64.getDecoder().decode(b64);
            return d.length == DIGEST_BYTES ? new BlobKey(d) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The key a blob file name stands for, or null if the name isn't a blob file's. */
    static BlobKey fromFileName(String name) {
        if (name.length() != BASE64_CHARS + FILE_SUFFIX.length() || !name.endsWith(FILE_SUFFIX)) {
            return null;
        }
        return fromBase64(name.substring(0, BASE64_CHARS).replace('_', '/'));
    }

    String fileName() {
        return Base64.getEncoder().encodeToString(digest).replace('/', '_') + FILE_SUFFIX;
    }

    /** A copy of the 20 digest bytes. */
    public byte[] digest() {
        return digest.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BlobKey && Arrays.equals(((BlobKey) o).digest, digest);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(digest);
    }

    /** {@code sha1-<base64>}. */
    @Override
    public String toString() {
        return PREFIX + Base64.getEncoder().encodeToString(digest);
    }
}
