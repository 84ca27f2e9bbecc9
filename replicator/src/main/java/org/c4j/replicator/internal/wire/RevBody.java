package org.c4j.replicator.internal.wire;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.c4j.Body;
import org.c4j.replicator.internal.db.DbAccess;

/**
 * The JSON body of an outgoing {@code rev} message. Normally the stored body as is (stored bodies never hold
 * {@code _id}, {@code _rev} or {@code _deleted}; {@code {}} for an empty one). For a peer that did not announce
 * {@code blobs} (an old Sync Gateway), LiteCore also describes every blob in {@code _attachments}, and this does
 * the same: the body's other properties, then {@code _attachments} with the existing legacy entries (except
 * {@code blob_*} ones), then one stub per blob dict, named {@code blob_<JSON pointer to the blob>}, holding the
 * blob's properties except {@code @type} and {@code stub}, then {@code "stub":true} and {@code "revpos":<generation>}.
 *
 * <p>Stateless; thread-safe. Returned arrays belong to the caller.
 */
public final class RevBody {
    private static final String STUB = "stub";
    private static final String REVPOS = "revpos";
    private static final String BLOB_PREFIX = "blob_";

    private RevBody() {
    }

    /** The body to send; {@code legacyAttachments} only matters if the body may reference blobs. */
    public static byte[] json(Body body, boolean legacyAttachments, long generation) {
        if (!legacyAttachments || !body.mayHaveBlobs()) {
            return body.toJsonBytes();
        }
        return Body.fromMap(withLegacyAttachments(body.toMap(), generation)).toJsonBytes();
    }

    /** The body's properties with {@code _attachments} describing its blobs (see the class comment). */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> withLegacyAttachments(Map<String, Object> root, long generation) {
        Map<String, Object> out = new LinkedHashMap<>();
        Object oldAttachments = null;
        for (Map.Entry<String, Object> e : root.entrySet()) {
            if (e.getKey().equals(DbAccess.ATTACHMENTS_PROPERTY)) {
                oldAttachments = e.getValue();
            } else {
                out.put(e.getKey(), e.getValue());
            }
        }
        Map<String, Object> atts = new LinkedHashMap<>();
        if (oldAttachments instanceof Map) {
            for (Map.Entry<String, Object> e : ((Map<String, Object>) oldAttachments).entrySet()) {
                if (!e.getKey().startsWith(BLOB_PREFIX)) {
                    atts.put(e.getKey(), e.getValue());
                }
            }
        }
        for (Map.Entry<String, Object> e : root.entrySet()) {
            if (!e.getKey().equals(DbAccess.ATTACHMENTS_PROPERTY)) {
                addStubs(e.getValue(), "/" + escape(e.getKey()), atts, generation);
            }
        }
        out.put(DbAccess.ATTACHMENTS_PROPERTY, atts);
        return out;
    }

    private static void addStubs(Object value, String pointer, Map<String, Object> atts, long generation) {
        if (value instanceof Map<?, ?> dict) {
            if (DbAccess.isBlob(dict)) {
                Map<String, Object> stub = new LinkedHashMap<>();
                for (Map.Entry<?, ?> e : dict.entrySet()) {
                    String k = (String) e.getKey();
                    if (!k.equals(DbAccess.TYPE_PROPERTY) && !k.equals(STUB)) {
                        stub.put(k, e.getValue());
                    }
                }
                stub.put(STUB, Boolean.TRUE);
                stub.put(REVPOS, generation);
                atts.put(BLOB_PREFIX + pointer, stub);
                return;
            }
            for (Map.Entry<?, ?> e : dict.entrySet()) {
                addStubs(e.getValue(), pointer + "/" + escape((String) e.getKey()), atts, generation);
            }
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                addStubs(list.get(i), pointer + "/" + i, atts, generation);
            }
        }
    }

    /** RFC 6901 escaping of one JSON pointer segment. */
    private static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }
}
