package org.c4j.replicator.internal.wire;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.c4j.CollectionSpec;
import org.c4j.replicator.internal.checkpoint.CheckpointBody;

/**
 * The {@code getCollections} message (LiteCore 3.1+), which a collection-aware client sends first: the request body
 * {@code {"checkpoint_ids":[...],"collections":[...]}} lists one checkpoint ID per collection, collections written
 * as {@code name} (default scope) or {@code scope.name}; the reply is an array parallel to it whose entries are the
 * stored checkpoint with an added {@code "rev"}, {@code {}} when there is none, or {@code null} when the peer
 * doesn't have (or serve) that collection. Malformed bodies throw {@code C4Exception(BLIP, 400)}.
 *
 * <p>Stateless; thread-safe.
 */
public final class CollectionsCodec {
    private CollectionsCodec() {
    }

    /** One requested collection and the ID of its checkpoint. */
    public record Request(CollectionSpec collection, String checkpointId) {
        public Request {
            Objects.requireNonNull(collection, "collection");
            Objects.requireNonNull(checkpointId, "checkpointId");
        }
    }

    /**
     * One reply entry.
     *
     * @param exists     false when the peer lacks the collection (replication must not proceed)
     * @param rev        the checkpoint's MVCC revision; null when there is no checkpoint
     * @param checkpoint the checkpoint; null when there is none
     */
    public record Reply(boolean exists, String rev, CheckpointBody checkpoint) {
        public static final Reply MISSING_COLLECTION = new Reply(false, null, null);
        public static final Reply NO_CHECKPOINT = new Reply(true, null, null);
    }

    /** {@code scope.name}, or just {@code name} in the default scope (LiteCore's collectionSpecToPath). */
    public static String path(CollectionSpec c) {
        return CollectionSpec.DEFAULT_NAME.equals(c.scope()) ? c.name() : c.scope() + "." + c.name();
    }

    /** Inverse of {@link #path}; invalid names throw {@code C4Exception(LITECORE, INVALID_PARAMETER)}. */
    public static CollectionSpec parsePath(String path) {
        int dot = path.indexOf('.');
        return dot < 0 ? CollectionSpec.of(path) : new CollectionSpec(path.substring(0, dot), path.substring(dot + 1));
    }

    public static byte[] encodeRequest(List<Request> requests) {
        List<String> ids = new ArrayList<>(requests.size());
        List<String> paths = new ArrayList<>(requests.size());
        for (Request r : requests) {
            ids.add(r.checkpointId());
            paths.add(path(r.collection()));
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put(ReplWire.CHECKPOINT_IDS, ids);
        root.put(ReplWire.COLLECTIONS, paths);
        return Json.write(root);
    }

    /** Decodes a request; both arrays must be non-empty, of strings, equally long, without duplicate collections. */
    public static List<Request> decodeRequest(byte[] body) {
        if (!(Json.parse(body, "'getCollections' body") instanceof Map<?, ?> root)) {
            throw Json.malformed("'getCollections' body", "no root object");
        }
        List<String> ids = strings(root.get(ReplWire.CHECKPOINT_IDS), ReplWire.CHECKPOINT_IDS);
        List<String> paths = strings(root.get(ReplWire.COLLECTIONS), ReplWire.COLLECTIONS);
        if (ids.size() != paths.size()) {
            throw Json.malformed("'getCollections' body", "mismatched checkpoint_ids and collections");
        }
        List<Request> out = new ArrayList<>(ids.size());
        Set<CollectionSpec> seen = new HashSet<>();
        for (int i = 0; i < ids.size(); i++) {
            CollectionSpec spec = parsePath(paths.get(i));
            if (!seen.add(spec)) {
                throw Json.malformed("'getCollections' body", "duplicate collection path " + paths.get(i));
            }
            out.add(new Request(spec, ids.get(i)));
        }
        return out;
    }

    /**
     * Encodes the reply. Each entry is null (missing collection), or the stored checkpoint JSON (null if none) and
     * its revision.
     */
    public static byte[] encodeReply(List<StoredCheckpoint> entries) {
        List<Object> out = new ArrayList<>(entries.size());
        for (StoredCheckpoint e : entries) {
            if (e == null) {
                out.add(null);
            } else if (e.json() == null) {
                out.add(Map.of());
            } else {
                if (!(Json.parse(e.json(), "stored checkpoint") instanceof Map<?, ?> stored)) {
                    throw Json.malformed("stored checkpoint", "not a JSON object");
                }
                Map<Object, Object> dict = new LinkedHashMap<>(stored);
                dict.put(ReplWire.REV_ID, e.rev());
                out.add(dict);
            }
        }
        return Json.write(out);
    }

    /** A checkpoint as the passive side stored it: raw JSON (null = none) and its revision. */
    public record StoredCheckpoint(byte[] json, String rev) {
    }

    /** Decodes a reply to a request of {@code requestCount} collections; the counts must match. */
    public static List<Reply> decodeReply(byte[] body, int requestCount) {
        if (!(Json.parse(body, "'getCollections' reply") instanceof List<?> items)) {
            throw Json.malformed("'getCollections' reply", "not a JSON array");
        }
        if (items.size() != requestCount) {
            throw Json.malformed("'getCollections' reply", "expected " + requestCount + " checkpoints, got "
                    + items.size());
        }
        List<Reply> out = new ArrayList<>(items.size());
        for (Object item : items) {
            if (item == null) {
                out.add(Reply.MISSING_COLLECTION);
            } else if (!(item instanceof Map<?, ?> dict)) {
                throw Json.malformed("'getCollections' reply", "entry is not an object: " + item);
            } else if (dict.isEmpty()) {
                out.add(Reply.NO_CHECKPOINT);
            } else {
                Object rev = dict.get(ReplWire.REV_ID);
                out.add(new Reply(true, rev instanceof String s ? s : null, CheckpointBody.fromMap(dict)));
            }
        }
        return out;
    }

    private static List<String> strings(Object v, String what) {
        if (!(v instanceof List<?> list) || list.isEmpty()) {
            throw Json.malformed("'getCollections' body", "no " + what);
        }
        List<String> out = new ArrayList<>(list.size());
        for (Object o : list) {
            if (!(o instanceof String s) || s.isEmpty()) {
                throw Json.malformed("'getCollections' body", "empty or non-string entry in " + what);
            }
            out.add(s);
        }
        return out;
    }
}
