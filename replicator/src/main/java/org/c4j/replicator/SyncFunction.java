package org.c4j.replicator;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Sync Gateway's sync function, in Java: for every revision a listener stores (pushed by a peer or written locally),
 * decides the channels the document is in, the access it grants (user or role -> channels), or rejects a pushed
 * revision with HTTP 403 and a message. {@link #DEFAULT} is Sync Gateway's default sync function.
 *
 * <p>Called on replicator and database-observer threads, possibly concurrently: implementations must be thread-safe,
 * quick and deterministic (the same input gives the same result: results are recomputed after a restart or a change of
 * function). They must not write to the database.
 */
@FunctionalInterface
public interface SyncFunction {
    /** The document property the default sync function reads its channels from. */
    String CHANNELS_PROPERTY = "channels";

    /**
     * Sync Gateway's default: the top-level {@code channels} property (a string, or an array of strings) names the
     * document's channels; anything else means none. A deletion keeps the channels it had (see {@link SyncResult}).
     */
    SyncFunction DEFAULT = input -> SyncResult.channels(channelsProperty(input.body().toMap().get(CHANNELS_PROPERTY)));

    /**
     * @param input the new revision, the current one it replaces, and who stores it
     * @return the channels and grants of the revision, or a rejection (honoured for pushed revisions only)
     */
    SyncResult sync(SyncInput input);

    /** A {@code channels} value as the default sync function reads it: a string, or the strings of an array. */
    static Set<String> channelsProperty(Object value) {
        Set<String> out = new LinkedHashSet<>();
        if (value instanceof String s && !s.isEmpty()) {
            out.add(s);
        } else if (value instanceof List<?> list) {
            for (Object o : new ArrayList<>(list)) {
                if (o instanceof String s && !s.isEmpty()) {
                    out.add(s);
                }
            }
        }
        return out;
    }
}
