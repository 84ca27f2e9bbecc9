package org.c4j.internal.db;

import java.nio.charset.StandardCharsets;

import org.c4j.internal.Errors;
import org.c4j.internal.Tuning;
import org.c4j.internal.body.MsgpackReader;

/**
 * LiteCore's input rules for document IDs, collection/scope names and revision bodies. Every check throws a typed
 * {@link org.c4j.socket.C4Exception} before anything is written.
 *
 * <p>Stateless; thread-safe.
 */
public final class Validation {
    /** Characters allowed in scope and collection names (Couchbase Server's rule, as LiteCore enforces it). */
    private static final String NAME_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-%";
    /** Longest scope or collection name. */
    private static final int MAX_NAME_LENGTH = 251;
    public static final String DEFAULT_NAME = "_default";

    private Validation() {
    }

    /**
     * A document ID: 1..240 UTF-8 bytes, not starting with '_', no control characters (code points below 32),
     * no unpaired surrogates (they have no UTF-8 form). Throws (LITECORE, BAD_DOC_ID).
     */
    public static void checkDocId(String docId) {
        if (docId == null || docId.isEmpty()) {
            throw Errors.badDocId("empty document ID");
        }
        if (docId.charAt(0) == '_') {
            throw Errors.badDocId("document ID starts with '_': " + docId);
        }
        int bytes = 0;
        int n = docId.length();
        for (int i = 0; i < n; i++) {
            char c = docId.charAt(i);
            if (c < 0x20) {
                throw Errors.badDocId("document ID contains a control character");
            }
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(docId.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                throw Errors.badDocId("document ID contains an unpaired surrogate");
            } else {
                bytes += 3;
            }
        }
        if (bytes > Tuning.MAX_DOC_ID_BYTES) {
            throw Errors.badDocId("document ID longer than " + Tuning.MAX_DOC_ID_BYTES + " bytes");
        }
    }

    /** A scope or collection name: "_default", or 1..251 of [A-Za-z0-9_-%] not starting with '_' or '%'. */
    public static void checkName(String name, String what) {
        if (DEFAULT_NAME.equals(name)) {
            return;
        }
        boolean ok = name != null && !name.isEmpty() && name.length() <= MAX_NAME_LENGTH
                && name.charAt(0) != '_' && name.charAt(0) != '%';
        for (int i = 0; ok && i < name.length(); i++) {
            ok = NAME_CHARS.indexOf(name.charAt(i)) >= 0;
        }
        if (!ok) {
            throw Errors.invalid("invalid " + what + " name '" + name + "'");
        }
    }

    /**
     * A stored body: at most {@link Tuning#MAX_BODY_BYTES} (INVALID_PARAMETER otherwise), a map, and without the
     * top-level keys {@code _id}, {@code _rev}, {@code _deleted} (CORRUPT_REVISION_DATA, as LiteCore reports).
     */
    public static void checkBody(byte[] msgpack) {
        checkBody(msgpack, false);
    }

    /**
     * {@link #checkBody(byte[])}; with {@code trustedMapWithoutReservedKeys} (a body the JSON parser just made
     * and found to be a map without those keys) only the size is checked.
     */
    public static void checkBody(byte[] msgpack, boolean trustedMapWithoutReservedKeys) {
        if (msgpack.length > Tuning.MAX_BODY_BYTES) {
            throw Errors.invalid("document body is " + msgpack.length + " bytes; the limit is "
                    + Tuning.MAX_BODY_BYTES);
        }
        if (trustedMapWithoutReservedKeys) {
            return;
        }
        MsgpackReader r = new MsgpackReader(msgpack);
        if (r.peek() != MsgpackReader.Kind.MAP) {
            throw Errors.corrupt("revision body is not a dict");
        }
        int n = r.readMapHeader();
        for (int i = 0; i < n; i++) {
            if (r.peek() == MsgpackReader.Kind.STRING) {
                int len = r.readStringSlice();
                if (len >= 3 && msgpack[r.sliceOffset()] == '_') {
                    String key = new String(msgpack, r.sliceOffset(), len, StandardCharsets.UTF_8);
                    if (key.equals("_id") || key.equals("_rev") || key.equals("_deleted")) {
                        throw Errors.corrupt("illegal top-level key '" + key + "' in document");
                    }
                }
            } else {
                throw Errors.corrupt("non-string key in body");
            }
            r.skipValue();
        }
    }
}
