package org.c4j.replicator.internal.wire;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Wire rules for blobs: the {@code getAttachment} request a puller makes for a blob it lacks (with LiteCore's guess
 * whether the bytes are worth compressing), and the {@code proveAttachment} proof.
 *
 * <p>Static functions are stateless and thread-safe; a {@link Proof} is not thread-safe.
 */
public final class BlobWire {
    /** Substrings of a type or encoding that mean already compressed ({@code kCompressedTypeSubstrings}). */
    private static final List<String> COMPRESSED = List.of("zip", "zlib", "pkcs", "mpeg", "mp4", "crypt", ".rar",
            "-rar");
    /** Substrings that mean compressible ({@code kGoodTypeSubstrings}). */
    private static final List<String> GOOD = List.of("json", "html", "xml", "yaml");
    /** Prefixes that mean not compressible unless {@link #GOOD} ({@code kBadTypePrefixes}). */
    private static final List<String> BAD_PREFIXES = List.of("image/", "audio/", "video/");
    /** proveAttachment nonces are 1..255 bytes (the length is hashed as one byte). */
    public static final int MAX_NONCE = 255;

    private BlobWire() {
    }

    /** LiteCore's {@code C4Blob::isLikelyCompressible}, from a blob dict's {@code encoding} and {@code content_type}. */
    public static boolean isLikelyCompressible(Map<String, ?> blob) {
        if (blob.get("encoding") instanceof String enc && containsAny(enc, COMPRESSED)) {
            return false;
        }
        if (!(blob.get("content_type") instanceof String type)) {
            return false;
        }
        String lc = type.toLowerCase(Locale.ROOT);
        if (containsAny(lc, COMPRESSED)) {
            return false;
        }
        if (lc.startsWith("text/") || containsAny(lc, GOOD)) {
            return true;
        }
        return BAD_PREFIXES.stream().noneMatch(lc::startsWith);
    }

    /** Properties of a getAttachment request (fresh, mutable: the caller may add {@code collection}). */
    public static Map<String, String> getAttachment(String digest, String docId, boolean compress) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put(ReplWire.PROFILE, ReplWire.GET_ATTACHMENT);
        p.put(ReplWire.DIGEST, digest);
        p.put(ReplWire.DOC_ID, docId);
        if (compress) {
            p.put(ReplWire.COMPRESS, ReplWire.TRUE);
        }
        return p;
    }

    /** True if a proveAttachment nonce is acceptable (else reply {@link ReplWire#MISSING_NONCE}). */
    public static boolean isValidNonce(byte[] nonce) {
        return nonce.length > 0 && nonce.length <= MAX_NONCE;
    }

    private static boolean containsAny(String s, List<String> parts) {
        return parts.stream().anyMatch(s::contains);
    }

    /**
     * Computes a proveAttachment answer while the blob streams through: SHA-1 over the nonce's length (one byte),
     * the nonce, then the blob's bytes; the answer is {@code sha1-<base64>}.
     */
    public static final class Proof {
        private final MessageDigest sha1;

        public Proof(byte[] nonce) {
            if (!isValidNonce(nonce)) {
                throw new IllegalArgumentException("nonce must be 1.." + MAX_NONCE + " bytes");
            }
            try {
                sha1 = MessageDigest.getInstance("SHA-1");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-1 is required of every JVM", e);
            }
            sha1.update((byte) nonce.length);
            sha1.update(nonce);
        }

        public void update(byte[] buf, int off, int len) {
            sha1.update(buf, off, len);
        }

        /** The reply body text; the proof can't be used afterwards. */
        public String finish() {
            return "sha1-" + Base64.getEncoder().encodeToString(sha1.digest());
        }
    }
}
