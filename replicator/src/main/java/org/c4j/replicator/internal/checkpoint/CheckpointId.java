package org.c4j.replicator.internal.checkpoint;

import java.net.URI;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import org.c4j.CollectionSpec;
import org.c4j.replicator.internal.wire.FleeceEncoder;
import org.c4j.replicator.internal.wire.ReplWire;

/**
 * Derives a replication's checkpoint ID the way LiteCore does ({@code Checkpointer::docIDForUUID}), so that a
 * database keeps its checkpoints across c4j and LiteCore: {@code "cp-"} + base64 of the SHA-1 of the Fleece
 * encoding of the array
 * <pre>[privateUUID (16 raw bytes), remoteID, (channels, filter, filterParams, docIDs)?]</pre>
 * where remoteID is the {@code remoteDBUniqueID} option or else the {@code .../<db>/_blipsync} URL, and the four
 * optional items appear (each null if absent or an empty array) only when there are channels, docIDs or a filter.
 * For a collection other than {@code _default._default} (LiteCore 3.1+), the collection name, scope name and whether
 * it pulls and pushes follow the UUID, and the digest is SHA-256. Checked against real CBL 3.0 values in the tests.
 *
 * <p>Immutable; thread-safe.
 *
 * @param filterParams only considered together with channels, docIDs or a filter, like LiteCore
 */
public record CheckpointId(byte[] privateUuid, String remoteId, List<String> channels, String filter,
                           Map<String, ?> filterParams, List<String> docIds) {
    private static final String PREFIX = "cp-";

    public CheckpointId {
        Objects.requireNonNull(privateUuid, "privateUuid");
        Objects.requireNonNull(remoteId, "remoteId");
        if (privateUuid.length != 16) {
            throw new IllegalArgumentException("a UUID is 16 bytes");
        }
        privateUuid = privateUuid.clone();
    }

    /** The recipe without channels, filter or docIDs (every plain CBL replicator). */
    public static CheckpointId of(UUID privateUuid, String remoteId) {
        return new CheckpointId(uuidBytes(privateUuid), remoteId, null, null, null, null);
    }

    /** A UUID as LiteCore stores it: 16 bytes, most significant first. */
    public static byte[] uuidBytes(UUID uuid) {
        return ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits())
                .array();
    }

    /**
     * The URL LiteCore identifies a remote database by: the endpoint URL ({@code ws://host:port/db}) with
     * {@code /_blipsync} appended, port written only if the URL has one, no query or fragment.
     */
    public static String remoteUrl(URI endpoint) {
        StringBuilder b = new StringBuilder(endpoint.getScheme()).append("://");
        String host = endpoint.getHost();
        b.append(host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host);
        if (endpoint.getPort() >= 0) {
            b.append(':').append(endpoint.getPort());
        }
        String path = endpoint.getRawPath() == null ? "" : endpoint.getRawPath();
        if (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        if (!path.startsWith("/")) {
            b.append('/');
        }
        return b.append(path).append(ReplWire.BLIPSYNC_PATH).toString();
    }

    /** The ID for the default collection (and for every LiteCore 3.0 replication). */
    public String derive() {
        return digest(encode(null, false, false), "SHA-1");
    }

    /** The ID for one collection of a collection-aware (3.1+) replication; the default collection keeps the 3.0 ID. */
    public String derive(CollectionSpec collection, boolean pulls, boolean pushes) {
        if (collection.isDefault()) {
            return derive();
        }
        return digest(encode(collection, pulls, pushes), "SHA-256");
    }

    /** The Fleece bytes that are hashed (exposed for tests). */
    byte[] encode(CollectionSpec collection, boolean pulls, boolean pushes) {
        List<Object> array = new ArrayList<>(8);
        array.add(privateUuid);
        if (collection != null) {
            array.add(collection.name());
            array.add(collection.scope());
            array.add(pulls);
            array.add(pushes);
        }
        array.add(remoteId);
        if (!isEmpty(channels) || !isEmpty(docIds) || filter != null) {
            array.add(isEmpty(channels) ? null : channels);
            array.add(filter);
            array.add(filterParams);   // a dict, even an empty one, is written as is
            array.add(isEmpty(docIds) ? null : docIds);
        }
        FleeceEncoder enc = new FleeceEncoder();
        enc.writeValue(array);
        return enc.finish();
    }

    private static boolean isEmpty(List<?> list) {
        return list == null || list.isEmpty();
    }

    private static String digest(byte[] data, String algorithm) {
        try {
            byte[] d = MessageDigest.getInstance(algorithm).digest(data);
            return PREFIX + Base64.getEncoder().encodeToString(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is required of every JVM", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CheckpointId c && Arrays.equals(privateUuid, c.privateUuid)
                && remoteId.equals(c.remoteId) && Objects.equals(channels, c.channels)
                && Objects.equals(filter, c.filter) && Objects.equals(filterParams, c.filterParams)
                && Objects.equals(docIds, c.docIds);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(privateUuid), remoteId, channels, filter, filterParams, docIds);
    }

    @Override
    public byte[] privateUuid() {
        return privateUuid.clone();
    }
}
