package org.c4j.replicator.internal.core;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The revisions a passive lane's puller inserted that its own pusher has not yet seen in the changes feed: the
 * pusher does not offer them back to the peer that just sent them (LiteCore's {@code ChangesFeed} ignores changes
 * made through its own database handle unless {@code echoLocalChanges}). Without this, every revision pushed to a
 * push-and-pull listener came straight back in a {@code changes} message, and the peer answered it, moved its pull
 * checkpoint and saved it (two more durable commits per document, competing with the next save: BENCHMARKS.md
 * "Session 3").
 *
 * <p>Bounded ({@link ReplTuning#MAX_OWN_INSERTS}, oldest forgotten first): a forgotten entry only costs the old
 * echo. An entry is recorded inside the insert's transaction, so it is there before the commit's change
 * notification reaches the pusher; a transaction that fails leaves entries no feed will match, which age out.
 *
 * <p>Thread-safe (the inserter records, the pusher consumes).
 */
public final class OwnInserts {
    private final int capacity;
    private final Map<String, String> revs;

    public OwnInserts(int capacity) {
        this.capacity = capacity;
        this.revs = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                return size() > OwnInserts.this.capacity;
            }
        };
    }

    /** The puller is inserting {@code revId} of the document (received from the peer). */
    public synchronized void inserted(String docId, String revId) {
        revs.remove(docId); // re-inserted at the young end
        revs.put(docId, revId);
    }

    /** True (once) if {@code revId} of the document is one the puller inserted: the peer has it already. */
    public synchronized boolean consume(String docId, String revId) {
        return revs.remove(docId, revId);
    }

    synchronized int size() {
        return revs.size();
    }
}
