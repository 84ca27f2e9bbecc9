package org.c4j;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

import org.c4j.internal.Errors;
import org.c4j.internal.body.BlobRefs;
import org.c4j.internal.body.BodyValues;
import org.c4j.internal.body.JsonToMsgpack;
import org.c4j.internal.body.LegacyAttachments;
import org.c4j.internal.body.MsgpackReader;
import org.c4j.internal.body.MsgpackToJson;

/**
 * A document body: a JSON object held in the compact stored form (MessagePack). Converting JSON to a body and back
 * is exact: key order, unicode and numbers as written (big integers and long decimals keep every digit).
 *
 * <p>Bad input gets a typed {@link org.c4j.socket.C4Exception}: text that isn't JSON is
 * {@code (FLEECE, 5 = JSON error)}; JSON that isn't an object, or Java values JSON can't hold (NaN, unpaired
 * surrogates, non-string keys, other types) are {@code (FLEECE, 3 = invalid data)}.
 *
 * <p>Immutable; thread-safe. Arrays returned are fresh copies owned by the caller.
 */
public final class Body {
    private static final Body EMPTY = new Body(new byte[] {(byte) 0x80}, false, new int[0], true);

    private final byte[] msgpack;
    private final boolean mayHaveBlobs;
    /** Byte ranges of msgpack making its canonical form (empty: msgpack itself), or null if not known. */
    private final int[] canonical;
    /** True if the top level is known to have no _id, _rev or _deleted key (the parser made this body). */
    private final boolean noReservedKeys;

    Body(byte[] msgpack, boolean mayHaveBlobs) {
        this(msgpack, mayHaveBlobs, null, false);
    }

    private Body(byte[] msgpack, boolean mayHaveBlobs, int[] canonical, boolean noReservedKeys) {
        this.msgpack = msgpack;
        this.mayHaveBlobs = mayHaveBlobs;
        this.canonical = canonical;
        this.noReservedKeys = noReservedKeys;
    }

    /** The empty object {@code {}}. */
    public static Body empty() {
        return EMPTY;
    }

    /** Parses a JSON object. */
    public static Body fromJson(String json) {
        return checked(JsonToMsgpack.encode(json));
    }

    /** Parses a JSON object given as UTF-8 bytes. */
    public static Body fromJson(byte[] utf8Json) {
        return checked(JsonToMsgpack.encode(utf8Json, 0, utf8Json.length));
    }

    /** Builds a body from Java values (see {@link #toMap()} for the types). The map is not retained. */
    public static Body fromMap(Map<String, ?> properties) {
        byte[] bytes = BodyValues.encode(properties);
        return new Body(bytes, BlobRefs.mayHaveBlobs(bytes));
    }

    private static Body checked(JsonToMsgpack.Encoded e) {
        if (new MsgpackReader(e.msgpack()).peek() != MsgpackReader.Kind.MAP) {
            throw Errors.invalidData("a document body must be a JSON object");
        }
        return new Body(e.msgpack(), e.mayHaveBlobs(), e.canonical(), e.noReservedKeys());
    }

    /** Compact JSON text. */
    public String toJson() {
        return new String(MsgpackToJson.toJson(msgpack), StandardCharsets.UTF_8);
    }

    /** Compact JSON text as UTF-8 bytes. */
    public byte[] toJsonBytes() {
        return MsgpackToJson.toJson(msgpack);
    }

    /**
     * The properties as fresh mutable Java values: {@code Map<String,Object>} (in stored order), {@code List},
     * {@code String}, {@code Long}, {@code Double}, {@code BigInteger}/{@code BigDecimal} (numbers stored as exact
     * text), {@code Boolean}, {@code null}.
     */
    @SuppressWarnings("unchecked")
    public Map<String, Object> toMap() {
        return (Map<String, Object>) BodyValues.decode(msgpack);
    }

    /** True if a top-level property name starts with {@code _} ({@code _id}, {@code _attachments}, ...). */
    public boolean hasMetaProperties() {
        return LegacyAttachments.hasMetaProperties(msgpack);
    }

    /**
     * This body as LiteCore's replicator stores a revision received from a peer: top-level {@code _} properties
     * removed, {@code _attachments} entries that stand in for blobs removed (their digests copied to the blobs),
     * real legacy attachments kept. Returns this body if there is nothing to strip.
     */
    public Body withoutMetaProperties() {
        byte[] stripped = LegacyAttachments.strip(msgpack);
        return stripped == msgpack ? this : new Body(stripped, BlobRefs.mayHaveBlobs(stripped));
    }

    /** Size of the stored form in bytes. */
    public int encodedSize() {
        return msgpack.length;
    }

    /** True if the body may reference blobs (a {@code "@type":"blob"} dict or legacy {@code _attachments}). */
    public boolean mayHaveBlobs() {
        return mayHaveBlobs;
    }

    /** The stored bytes, shared: callers in this package must not modify them. */
    byte[] bytes() {
        return msgpack;
    }

    /**
     * The ({@code offset, length}) ranges of {@link #bytes()} whose concatenation is the canonical form a revision
     * ID digests (empty: the bytes themselves), as the JSON parser found them; null if not known (then the
     * canonical form is computed from the bytes). Shared: callers must not modify it.
     */
    int[] canonicalRanges() {
        return canonical;
    }

    /** True if the top level is known (from the parser) to have none of the keys a stored body may not have. */
    boolean knownFreeOfReservedKeys() {
        return noReservedKeys;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Body && Arrays.equals(((Body) o).msgpack, msgpack);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(msgpack);
    }

    @Override
    public String toString() {
        return toJson();
    }
}
