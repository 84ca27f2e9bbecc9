package org.c4j.internal.body;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cleans bodies that arrive from a peer the way LiteCore's replicator does before inserting them: every top-level
 * {@code _}-prefixed property ({@code _id}, {@code _rev}, {@code _revisions}, {@code _exp}, ...) is removed; entries
 * of {@code _attachments} that only stand in for blobs elsewhere in the body ({@code blob_<n>} from 2.0, or
 * {@code blob_/<JSON pointer>} naming a blob dict) are removed, and when such a stand-in carries a different digest
 * the blob takes the attachment's {@code digest}, {@code length} and {@code content_type}; other attachments are
 * kept, and so is {@code _attachments} if any remain.
 *
 * <p>Stateless; thread-safe. Arrays returned belong to the caller.
 */
public final class LegacyAttachments {
    private static final String BLOB_PREFIX = "blob_";

    private LegacyAttachments() {
    }

    /** True if the body (a MessagePack map) has a top-level key starting with {@code _}. */
    public static boolean hasMetaProperties(byte[] msgpack) {
        MsgpackReader r = new MsgpackReader(msgpack);
        int n = r.readMapHeader();
        for (int i = 0; i < n; i++) {
            if (r.peek() == MsgpackReader.Kind.STRING) {
                int len = r.readStringSlice();
                if (len > 0 && msgpack[r.sliceOffset()] == '_') {
                    return true;
                }
            } else {
                r.skipValue();
            }
            r.skipValue();
        }
        return false;
    }

    /** Returns the body without meta properties (the same array if it has none). */
    @SuppressWarnings("unchecked")
    public static byte[] strip(byte[] msgpack) {
        if (!hasMetaProperties(msgpack)) {
            return msgpack;
        }
        Map<String, Object> root = (Map<String, Object>) BodyValues.decode(msgpack);
        Map<String, Object> kept = null;
        Object atts = root.get(BlobRefs.ATTACHMENTS_PROPERTY);
        if (atts instanceof Map) {
            kept = new LinkedHashMap<>();
            for (Map.Entry<String, Object> e : ((Map<String, Object>) atts).entrySet()) {
                if (!(e.getValue() instanceof Map)) {
                    continue;
                }
                Map<String, Object> att = (Map<String, Object>) e.getValue();
                String key = e.getKey();
                if (key.startsWith(BLOB_PREFIX)) {
                    String pointer = key.substring(BLOB_PREFIX.length());
                    if (!pointer.isEmpty() && Character.isDigit(pointer.charAt(0))) {
                        continue; // 2.0 stand-in
                    }
                    Object blob = evalPointer(pointer, root);
                    if (att.get(BlobRefs.DIGEST_PROPERTY) != null && blob instanceof Map
                            && BlobRefs.isBlob((Map<?, ?>) blob)) {
                        fixBlob((Map<String, Object>) blob, att);
                        continue;
                    }
                }
                kept.put(key, att);
            }
        }
        root.keySet().removeIf(k -> k.startsWith("_"));
        if (kept != null && !kept.isEmpty()) {
            root.put(BlobRefs.ATTACHMENTS_PROPERTY, kept);
        }
        return BodyValues.encode(root);
    }

    private static void fixBlob(Map<String, Object> blob, Map<String, Object> att) {
        Object attDigest = att.get(BlobRefs.DIGEST_PROPERTY);
        if (attDigest.equals(blob.get(BlobRefs.DIGEST_PROPERTY))) {
            return;
        }
        for (String k : new ArrayList<>(blob.keySet())) {
            if (att.containsKey(k) || k.equals(BlobRefs.LENGTH_PROPERTY) || k.equals(BlobRefs.CONTENT_TYPE_PROPERTY)) {
                Object v = att.get(k);
                if (v == null) {
                    blob.remove(k);
                } else {
                    blob.put(k, v);
                }
            }
        }
    }

    /** Evaluates an RFC 6901 JSON pointer ({@code /a/0/b}, {@code ~0} = '~', {@code ~1} = '/'); null if absent. */
    static Object evalPointer(String pointer, Object root) {
        if (!pointer.startsWith("/")) {
            return null;
        }
        Object cur = root;
        List<String> parts = List.of(pointer.substring(1).split("/", -1));
        for (String raw : parts) {
            String part = raw.replace("~1", "/").replace("~0", "~");
            if (cur instanceof Map) {
                cur = ((Map<?, ?>) cur).get(part);
            } else if (cur instanceof List) {
                List<?> list = (List<?>) cur;
                try {
                    int i = Integer.parseInt(part);
                    cur = i >= 0 && i < list.size() ? list.get(i) : null;
                } catch (NumberFormatException e) {
                    return null;
                }
            } else {
                return null;
            }
            if (cur == null) {
                return null;
            }
        }
        return cur;
    }
}
