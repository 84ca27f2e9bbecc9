package org.c4j.replicator.internal.wire;

import java.util.Objects;

/**
 * One entry of a {@code proposeChanges} body: {@code [docID, revID, serverRevID?, bodySize?]}.
 *
 * @param serverRevId the revision the sender believes the receiver has (the parent it builds on), or null when it
 *                    knows none (sent as {@code ""} when a body size follows)
 * @param bodySize    approximate body size in bytes, 0 if unknown
 *
 * <p>Immutable; thread-safe.
 */
public record ProposedChange(String docId, String revId, String serverRevId, long bodySize) {
    public ProposedChange {
        Objects.requireNonNull(docId, "docId");
        Objects.requireNonNull(revId, "revId");
        if (serverRevId != null && serverRevId.isEmpty()) {
            serverRevId = null;
        }
        if (bodySize < 0) {
            throw new IllegalArgumentException("negative bodySize");
        }
    }
}
