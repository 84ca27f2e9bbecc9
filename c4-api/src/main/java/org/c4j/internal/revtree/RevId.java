package org.c4j.internal.revtree;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

import org.c4j.internal.Errors;
import org.c4j.internal.Tuning;

/**
 * A rev-tree revision ID, {@code <generation>-<lowercase hex digest>}, as LiteCore parses, orders and generates
 * them. Binary form (stored in trees): unsigned LEB128 varint generation followed by the digest bytes.
 *
 * <p>Ordering: by generation, then by digest bytes (unsigned, a shorter prefix first) — the same order as
 * comparing the hex digests as strings.
 *
 * <p>Immutable; thread-safe.
 */
public final class RevId implements Comparable<RevId> {
    /** Largest generation LiteCore accepts ({@code UINT_MAX}). */
    public static final long MAX_GENERATION = 0xFFFF_FFFFL;

    private static final char[] HEX = "0123456789abcdef".toCharArray();
    /** One digest per thread: getInstance costs more than digesting a small body. */
    private static final ThreadLocal<MessageDigest> SHA1 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JDK without SHA-1", e);
        }
    });

    private final long generation;
    private final byte[] digest;
    private String text;

    private RevId(long generation, byte[] digest) {
        this.generation = generation;
        this.digest = digest;
    }

    public long generation() {
        return generation;
    }

    /** A copy of the digest bytes. */
    public byte[] digest() {
        return digest.clone();
    }

    /** Parses {@code gen-hexdigest}; throws {@code C4Exception(LITECORE, BAD_REVISION_ID)} if malformed. */
    public static RevId parse(String s) {
        RevId id = tryParse(s);
        if (id == null) {
            throw Errors.badRevId("invalid revision ID '" + s + "'");
        }
        return id;
    }

    /** Parses {@code gen-hexdigest}, or returns null if malformed. */
    public static RevId tryParse(String s) {
        if (s == null) {
            return null;
        }
        int dash = s.indexOf('-');
        if (dash <= 0 || dash > 10 || (dash > 1 && s.charAt(0) == '0')) {
            return null;
        }
        long gen = 0;
        for (int i = 0; i < dash; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
            gen = gen * 10 + (c - '0');
        }
        int hexLen = s.length() - dash - 1;
        if (gen == 0 || gen > MAX_GENERATION || hexLen == 0 || (hexLen & 1) != 0
                || varintSize(gen) + hexLen / 2 > Tuning.MAX_REV_ID_BINARY_BYTES) {
            return null;
        }
        byte[] digest = new byte[hexLen / 2];
        for (int i = 0; i < digest.length; i++) {
            int hi = hexValue(s.charAt(dash + 1 + 2 * i));
            int lo = hexValue(s.charAt(dash + 2 + 2 * i));
            if (hi < 0 || lo < 0) {
                return null;
            }
            digest[i] = (byte) (hi << 4 | lo);
        }
        RevId id = new RevId(gen, digest);
        id.text = s;
        return id;
    }

    /** Lowercase hex only, as LiteCore requires. */
    private static int hexValue(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return -1;
    }

    public static RevId of(long generation, byte[] digest) {
        if (generation <= 0 || generation > MAX_GENERATION || digest.length == 0
                || varintSize(generation) + digest.length > Tuning.MAX_REV_ID_BINARY_BYTES) {
            throw Errors.badRevId("invalid revision ID generation/digest");
        }
        return new RevId(generation, digest.clone());
    }

    /**
     * Generates the ID of a new revision, deterministically from (parent, deleted, body): generation = parent's + 1
     * (1 without a parent); digest = SHA-1 of [length of the parent's ASCII revID as one byte (capped at 255)] +
     * [those ASCII bytes] + [1 if deleted else 0] + [{@code body[off, off+len)}]. Callers pass the body's canonical
     * binary form ({@link org.c4j.internal.body.CanonicalMsgpack}), so equal bodies in any key order get equal IDs.
     * As LiteCore 3.0 digests its own binary (Fleece) body, the digest is opaque to peers: only its determinism
     * matters, so the same save retried makes the same revision.
     */
    public static RevId generate(RevId parent, boolean deleted, byte[] body, int off, int len) {
        MessageDigest sha1 = start(parent, deleted);
        sha1.update(body, off, len);
        return new RevId(parent == null ? 1 : parent.generation + 1, sha1.digest());
    }

    /**
     * {@link #generate(RevId, boolean, byte[], int, int)} of the concatenation of the {@code (offset, length)}
     * ranges of {@code body} given in {@code ranges} (all of {@code body} if {@code ranges} is empty).
     */
    public static RevId generate(RevId parent, boolean deleted, byte[] body, int[] ranges) {
        MessageDigest sha1 = start(parent, deleted);
        if (ranges.length == 0) {
            sha1.update(body, 0, body.length);
        }
        for (int i = 0; i + 1 < ranges.length; i += 2) {
            sha1.update(body, ranges[i], ranges[i + 1]);
        }
        return new RevId(parent == null ? 1 : parent.generation + 1, sha1.digest());
    }

    /** The digest primed with everything but the body; checks the new generation. */
    private static MessageDigest start(RevId parent, boolean deleted) {
        long gen = parent == null ? 1 : parent.generation + 1;
        if (gen > MAX_GENERATION) {
            throw Errors.badRevId("revision generation overflow");
        }
        MessageDigest sha1 = SHA1.get();
        if (parent == null) {
            sha1.update((byte) 0);
        } else {
            byte[] parentAscii = parent.toString().getBytes(StandardCharsets.US_ASCII);
            int revLen = Math.min(parentAscii.length, 255);
            sha1.update((byte) revLen);
            sha1.update(parentAscii, 0, revLen);
        }
        sha1.update((byte) (deleted ? 1 : 0));
        return sha1;
    }

    /** Binary form: varint generation + digest. */
    public byte[] toBinary() {
        byte[] out = new byte[varintSize(generation) + digest.length];
        int pos = 0;
        long g = generation;
        while (g >= 0x80) {
            out[pos++] = (byte) (g | 0x80);
            g >>>= 7;
        }
        out[pos++] = (byte) g;
        System.arraycopy(digest, 0, out, pos, digest.length);
        return out;
    }

    /** Parses the binary form; throws {@code CORRUPT_REVISION_DATA} if malformed. */
    public static RevId fromBinary(byte[] buf, int off, int len) {
        long gen = 0;
        int shift = 0;
        int pos = off;
        int end = off + len;
        while (true) {
            if (pos >= end || shift > 28) {
                throw Errors.corrupt("bad binary revision ID");
            }
            int b = buf[pos++] & 0xff;
            gen |= (long) (b & 0x7f) << shift;
            if (b < 0x80) {
                break;
            }
            shift += 7;
        }
        if (gen == 0 || gen > MAX_GENERATION || pos >= end || len > Tuning.MAX_REV_ID_BINARY_BYTES) {
            throw Errors.corrupt("bad binary revision ID");
        }
        return new RevId(gen, Arrays.copyOfRange(buf, pos, end));
    }

    private static int varintSize(long v) {
        int n = 1;
        while (v >= 0x80) {
            v >>>= 7;
            n++;
        }
        return n;
    }

    @Override
    public int compareTo(RevId o) {
        int c = Long.compare(generation, o.generation);
        return c != 0 ? c : Arrays.compareUnsigned(digest, o.digest);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RevId && ((RevId) o).generation == generation && Arrays.equals(((RevId) o).digest, digest);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(generation) * 31 + Arrays.hashCode(digest);
    }

    @Override
    public String toString() {
        String t = text;
        if (t == null) {
            StringBuilder sb = new StringBuilder(12 + digest.length * 2).append(generation).append('-');
            for (byte b : digest) {
                sb.append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
            }
            text = t = sb.toString();
        }
        return t;
    }
}
