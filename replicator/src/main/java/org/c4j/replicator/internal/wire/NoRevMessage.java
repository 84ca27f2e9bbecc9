package org.c4j.replicator.internal.wire;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The properties of a {@code norev} message (no body), which stands in for a {@code rev} the sender promised in a
 * changes reply but cannot send, so the receiver stops waiting for it and can checkpoint past its sequence.
 * LiteCore sends it no-reply with {@code error} 404 (document gone), 410 (revision obsolete) or 500.
 *
 * @param sequence may be null (the receiver can't checkpoint it then)
 * @param reason   optional text, null if absent
 *
 * <p>Immutable; thread-safe.
 */
public record NoRevMessage(String docId, String revId, RemoteSequence sequence, int error, String reason) {
    public NoRevMessage {
        Objects.requireNonNull(docId, "docId");
        Objects.requireNonNull(revId, "revId");
    }

    /** Fresh, mutable (the caller may add {@code collection}), in LiteCore's order. */
    public Map<String, String> properties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put(ReplWire.PROFILE, ReplWire.NOREV);
        p.put(ReplWire.ID, docId);
        p.put(ReplWire.REV_ID, revId);
        if (sequence != null) {
            p.put(ReplWire.SEQUENCE, sequence.toJson());
        }
        p.put(ReplWire.ERROR, Integer.toString(error));
        if (reason != null) {
            p.put(ReplWire.REASON, reason);
        }
        return p;
    }

    /** Reads a received norev; every property is optional on the wire. */
    public static NoRevMessage parse(Map<String, String> properties) {
        return new NoRevMessage(properties.getOrDefault(ReplWire.ID, ""), properties.getOrDefault(ReplWire.REV_ID, ""),
                RemoteSequence.fromJson(properties.get(ReplWire.SEQUENCE)),
                (int) ReplWire.parseLong(properties.get(ReplWire.ERROR), 0), properties.get(ReplWire.REASON));
    }
}
