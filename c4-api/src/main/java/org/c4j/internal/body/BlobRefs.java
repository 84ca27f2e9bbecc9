package org.c4j.internal.body;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Finds blob references in a stored body, as LiteCore does: every dict with {@code "@type":"blob"} anywhere
 * (its children are not searched further), and every dict inside a top-level legacy {@code _attachments} dict.
 *
 * <p>Stateless; thread-safe. Returned maps are fresh and owned by the caller.
 */
public final class BlobRefs {
    public static final String TYPE_PROPERTY = "@type";
    public static final String BLOB_TYPE = "blob";
    public static final String ATTACHMENTS_PROPERTY = "_attachments";
    public static final String DIGEST_PROPERTY = "digest";
    public static final String LENGTH_PROPERTY = "length";
    public static final String CONTENT_TYPE_PROPERTY = "content_type";

    private BlobRefs() {
    }

    /** Blob dicts and legacy attachment dicts of a body (a MessagePack map). */
    public static List<Map<String, Object>> find(byte[] msgpack) {
        List<Map<String, Object>> found = new ArrayList<>();
        Object root = BodyValues.decode(msgpack);
        collect(root, found);
        if (root instanceof Map) {
            Object atts = ((Map<?, ?>) root).get(ATTACHMENTS_PROPERTY);
            if (atts instanceof Map) {
                for (Object att : ((Map<?, ?>) atts).values()) {
                    if (att instanceof Map && !isBlob((Map<?, ?>) att)) {
                        found.add(cast(att));
                    }
                }
            }
        }
        return found;
    }

    public static boolean isBlob(Map<?, ?> dict) {
        return BLOB_TYPE.equals(dict.get(TYPE_PROPERTY));
    }

    private static void collect(Object v, List<Map<String, Object>> found) {
        if (v instanceof Map) {
            Map<?, ?> m = (Map<?, ?>) v;
            if (isBlob(m)) {
                found.add(cast(m));
                return;
            }
            for (Object child : m.values()) {
                collect(child, found);
            }
        } else if (v instanceof List) {
            for (Object child : (List<?>) v) {
                collect(child, found);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Object m) {
        return (Map<String, Object>) m;
    }

    /**
     * Quick scan of stored MessagePack for anything {@link #find} could return (used when a body was built from
     * Java values rather than parsed from JSON).
     */
    public static boolean mayHaveBlobs(byte[] msgpack) {
        MsgpackReader r = new MsgpackReader(msgpack);
        return scan(r, 0);
    }

    private static boolean scan(MsgpackReader r, int depth) {
        switch (r.peek()) {
            case ARRAY: {
                int n = r.readArrayHeader();
                boolean any = false;
                for (int i = 0; i < n; i++) {
                    any |= scan(r, depth + 1);
                }
                return any;
            }
            case MAP: {
                int n = r.readMapHeader();
                boolean any = false;
                for (int i = 0; i < n; i++) {
                    String key = r.peek() == MsgpackReader.Kind.STRING ? r.readString() : null;
                    if (key == null) {
                        r.skipValue();
                    }
                    MsgpackReader.Kind kind = r.peek();
                    if (TYPE_PROPERTY.equals(key) && kind == MsgpackReader.Kind.STRING) {
                        any |= BLOB_TYPE.equals(r.readString());
                    } else if (depth == 0 && ATTACHMENTS_PROPERTY.equals(key) && kind == MsgpackReader.Kind.MAP) {
                        any = true;
                        r.skipValue();
                    } else {
                        any |= scan(r, depth + 1);
                    }
                }
                return any;
            }
            default:
                r.skipValue();
                return false;
        }
    }
}
