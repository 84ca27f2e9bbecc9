package org.c4j.replicator;

import java.util.List;
import java.util.Set;

/**
 * A {@link SyncFunction}'s answer for one revision. Immutable.
 *
 * <p>A deletion that is given no channels stays in the channels of the revision it deletes (as in Sync Gateway), so
 * users who saw the document learn that it was deleted.
 *
 * @param channels  the document's channels ({@value org.c4j.socket.Principal#ALL_CHANNELS} is not a document channel;
 *                  {@code "!"} is the public channel)
 * @param grants    access the revision grants
 * @param rejection null to accept; otherwise the message of the HTTP 403 a pushing peer gets (nothing is stored)
 */
public record SyncResult(Set<String> channels, List<AccessGrant> grants, String rejection) {
    public SyncResult {
        channels = channels == null ? Set.of() : Set.copyOf(channels);
        grants = grants == null ? List.of() : List.copyOf(grants);
    }

    /** Accepted, in these channels, granting nothing. */
    public static SyncResult channels(Set<String> channels) {
        return new SyncResult(channels, List.of(), null);
    }

    /** Rejected with HTTP 403 and this message. */
    public static SyncResult reject(String message) {
        return new SyncResult(Set.of(), List.of(), message == null || message.isEmpty() ? "forbidden" : message);
    }

    /** The same, also granting {@code grant}. */
    public SyncResult withGrant(AccessGrant grant) {
        List<AccessGrant> all = new java.util.ArrayList<>(grants);
        all.add(grant);
        return new SyncResult(channels, all, rejection);
    }

    public boolean rejected() {
        return rejection != null;
    }
}
