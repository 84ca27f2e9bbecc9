package org.c4j.replicator.internal.wire;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.c4j.replicator.internal.pull.RevFinder;
import org.c4j.socket.C4Exception;
import org.c4j.socket.ErrorCodes;
import org.c4j.socket.ErrorDomain;

/**
 * Bodies of {@code changes} and {@code proposeChanges} requests and of their replies, encoded exactly as LiteCore 3.0
 * writes them and decoded with LiteCore's leniency where the protocol allows variation:
 * <ul>
 *   <li>changes entry {@code [seq, docID, revID, deleted?, size?]}: the deleted slot is written (as 0/1) when the
 *       revision is deleted or a size follows; the deleted slot may arrive as a number, a boolean or null.</li>
 *   <li>proposeChanges entry {@code [docID, revID, serverRevID?, size?]}: the parent is written when known or when a
 *       size follows ({@code ""} = none).</li>
 *   <li>Replies are arrays parallel to the request; trailing entries may be omitted. An omitted changes entry
 *       means "not wanted", an omitted proposeChanges entry means "send it"; the encoders omit them.</li>
 * </ul>
 * A malformed body throws {@code C4Exception(BLIP, 400)}; an entry with an empty or too long docID or a revID
 * without '-' throws {@code C4Exception(LITECORE, REMOTE_ERROR)}, as LiteCore's RevFinder does.
 *
 * <p>Stateless; thread-safe. Byte arrays returned are fresh; input arrays are only read.
 */
public final class ChangesCodec {
    /** Longest docID LiteCore's RevFinder accepts in a change list, in UTF-8 bytes. */
    static final int MAX_DOC_ID_BYTES = 255;

    private ChangesCodec() {
    }

    // ---- changes ----

    public static byte[] encodeChanges(List<ChangeEntry> changes) {
        return Json.build(g -> {
            g.writeStartArray();
            for (ChangeEntry c : changes) {
                g.writeStartArray();
                g.writeRawValue(c.sequence().toJson());
                g.writeString(c.docId());
                g.writeString(c.revId());
                if (c.flags() != 0 || c.bodySize() > 0) {
                    g.writeNumber(c.flags());
                }
                if (c.bodySize() > 0) {
                    g.writeNumber(c.bodySize());
                }
                g.writeEndArray();
            }
            g.writeEndArray();
        });
    }

    /** Decodes a changes body; an empty list means the sender has caught up. */
    public static List<ChangeEntry> decodeChanges(byte[] body) {
        List<Object> entries = topArray(body, "'changes' body");
        List<ChangeEntry> out = new ArrayList<>(entries.size());
        for (Object item : entries) {
            List<Object> e = entry(item, "'changes' entry", 3);
            RemoteSequence seq = RemoteSequence.fromValue(e.get(0));
            if (seq == null) {
                throw Json.malformed("'changes' entry", "null sequence");
            }
            String docId = string(e.get(1), "docID");
            String revId = string(e.get(2), "revID");
            checkDocAndRevId(docId, revId);
            int flags = e.size() > 3 ? (int) number(e.get(3), "deleted flag") : 0;
            long size = e.size() > 4 ? number(e.get(4), "body size") : 0;
            out.add(new ChangeEntry(seq, docId, revId, flags, size));
        }
        return out;
    }

    // ---- proposeChanges ----

    public static byte[] encodeProposals(List<ProposedChange> changes) {
        return Json.build(g -> {
            g.writeStartArray();
            for (ProposedChange c : changes) {
                g.writeStartArray();
                g.writeString(c.docId());
                g.writeString(c.revId());
                if (c.serverRevId() != null || c.bodySize() > 0) {
                    g.writeString(c.serverRevId() == null ? "" : c.serverRevId());
                }
                if (c.bodySize() > 0) {
                    g.writeNumber(c.bodySize());
                }
                g.writeEndArray();
            }
            g.writeEndArray();
        });
    }

    /** Decodes a proposeChanges body; an empty list means the sender has caught up. */
    public static List<ProposedChange> decodeProposals(byte[] body) {
        List<Object> entries = topArray(body, "'proposeChanges' body");
        List<ProposedChange> out = new ArrayList<>(entries.size());
        for (Object item : entries) {
            List<Object> e = entry(item, "'proposeChanges' entry", 2);
            String docId = string(e.get(0), "docID");
            String revId = string(e.get(1), "revID");
            checkDocAndRevId(docId, revId);
            String parent = e.size() > 2 && e.get(2) != null ? string(e.get(2), "server revID") : null;
            long size = e.size() > 3 ? number(e.get(3), "body size") : 0;
            out.add(new ProposedChange(docId, revId, parent, size));
        }
        return out;
    }

    // ---- changes reply ----

    /** One reply entry per request entry (same order); trailing not-wanted entries are omitted. */
    public static byte[] encodeChangesReply(List<ChangeReply> replies) {
        int last = replies.size() - 1;
        while (last >= 0 && replies.get(last).equals(ChangeReply.NOT_WANTED)) {
            last--;
        }
        int end = last + 1;
        return Json.build(g -> {
            g.writeStartArray();
            for (int i = 0; i < end; i++) {
                ChangeReply r = replies.get(i);
                if (r.isWanted()) {
                    g.writeStartArray();
                    for (String a : r.ancestors()) {
                        g.writeString(a);
                    }
                    g.writeEndArray();
                } else {
                    g.writeNumber(r.status());
                }
            }
            g.writeEndArray();
        });
    }

    /**
     * Decodes a changes reply for a request of {@code requestCount} entries: entries past the end of the array are
     * not wanted, entries past {@code requestCount} are ignored. An array entry lists ancestors (wanted); 0 or
     * null means not wanted; another number, or a {@code {"status":N}} dict, is a rejection. An empty body is read
     * as {@code []}.
     */
    public static List<ChangeReply> decodeChangesReply(byte[] body, int requestCount) {
        List<Object> items = replyArray(body, "'changes' reply");
        List<ChangeReply> out = new ArrayList<>(requestCount);
        for (int i = 0; i < requestCount; i++) {
            Object item = i < items.size() ? items.get(i) : null;
            if (item instanceof List<?> list) {
                List<String> ancestors = new ArrayList<>(list.size());
                for (Object a : list) {
                    ancestors.add(string(a, "ancestor revID"));
                }
                out.add(ChangeReply.wanted(ancestors));
            } else {
                int status = replyStatus(item, "'changes' reply entry");
                out.add(status == 0 ? ChangeReply.NOT_WANTED : ChangeReply.rejected(status));
            }
        }
        return out;
    }

    // ---- proposeChanges reply ----

    /**
     * One reply entry per request entry; trailing accepted entries are omitted. With {@code conflictIncludesRev}
     * (the request's property) a 409 that knows the current revision is written as {@code {"status":409,"rev":..}}.
     */
    public static byte[] encodeProposalsReply(List<ProposalReply> replies, boolean conflictIncludesRev) {
        int last = replies.size() - 1;
        while (last >= 0 && replies.get(last).isAccepted()) {
            last--;
        }
        int end = last + 1;
        return Json.build(g -> {
            g.writeStartArray();
            for (int i = 0; i < end; i++) {
                ProposalReply r = replies.get(i);
                if (conflictIncludesRev && r.currentRevId() != null) {
                    g.writeStartObject();
                    g.writeNumberField("status", r.status());
                    g.writeStringField("rev", r.currentRevId());
                    g.writeEndObject();
                } else {
                    g.writeNumber(r.status());
                }
            }
            g.writeEndArray();
        });
    }

    /** Decodes a proposeChanges reply; missing entries (and null) are accepted, extra ones ignored. */
    public static List<ProposalReply> decodeProposalsReply(byte[] body, int requestCount) {
        List<Object> items = replyArray(body, "'proposeChanges' reply");
        List<ProposalReply> out = new ArrayList<>(requestCount);
        for (int i = 0; i < requestCount; i++) {
            Object item = i < items.size() ? items.get(i) : null;
            int status = replyStatus(item, "'proposeChanges' reply entry");
            String rev = null;
            if (item instanceof Map<?, ?> dict && dict.get("rev") != null) {
                rev = string(dict.get("rev"), "current revID");
            }
            out.add(status == ReplWire.STATUS_CONFLICT ? ProposalReply.conflict(rev) : ProposalReply.status(status));
        }
        return out;
    }

    // ---- helpers ----

    /** LiteCore RevFinder's check of each incoming change entry. */
    static void checkDocAndRevId(String docId, String revId) {
        int len = docId.getBytes(StandardCharsets.UTF_8).length;
        if (len < 1 || len > MAX_DOC_ID_BYTES || revId.indexOf('-') < 0) {
            throw new C4Exception(ErrorDomain.LITECORE, ErrorCodes.LiteCore.REMOTE_ERROR,
                    "Invalid docID/revID '" + docId + "' #" + revId + " in incoming change list");
        }
    }

    /** A request body: a JSON array; {@code null} (the JSON literal) counts as empty, like LiteCore. */
    private static List<Object> topArray(byte[] body, String what) {
        Object v = Json.parse(body, what);
        if (v == null) {
            return Collections.emptyList();
        }
        if (!(v instanceof List<?>)) {
            throw Json.malformed(what, "not a JSON array");
        }
        @SuppressWarnings("unchecked")
        List<Object> list = (List<Object>) v;
        return list;
    }

    private static List<Object> replyArray(byte[] body, String what) {
        return body.length == 0 ? Collections.emptyList() : topArray(body, what);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> entry(Object item, String what, int minSize) {
        if (!(item instanceof List<?> list) || list.size() < minSize) {
            throw Json.malformed(what, "expected an array of at least " + minSize + " items, got " + item);
        }
        return (List<Object>) list;
    }

    private static int replyStatus(Object item, String what) {
        if (item == null) {
            return 0;
        }
        if (item instanceof Map<?, ?> dict) {
            return (int) number(dict.get("status"), what + " status");
        }
        return (int) number(item, what);
    }

    private static String string(Object v, String what) {
        if (!(v instanceof String s)) {
            throw Json.malformed(what, "expected a string, got " + v);
        }
        return s;
    }

    /** A non-negative integer; null and false are 0, true is 1 (Fleece's asInt). */
    private static long number(Object v, String what) {
        if (v == null || Boolean.FALSE.equals(v)) {
            return 0;
        }
        if (Boolean.TRUE.equals(v)) {
            return 1;
        }
        if (v instanceof Long n && n >= 0) {
            return n;
        }
        throw Json.malformed(what, "expected a non-negative integer, got " + v);
    }
}
