package org.c4j.internal.db;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.c4j.storage.Content;
import org.c4j.storage.KeyStore;
import org.c4j.storage.LmdbStore;
import org.c4j.storage.Record;
import org.c4j.storage.RecordCursor;
import org.c4j.storage.Txn;
import org.c4j.storage.WriteTxn;

/**
 * The previous body of recently changed documents of one collection, kept after the revision tree dropped it, so
 * a replicator can still send a peer that has that revision a delta (LiteCore keeps only the bodies of the current
 * revision and of each remote's latest, so a listener relaying edits between peers has no base for most of them).
 *
 * <p>One entry per document, in its own key store ({@code prevbody:<collection>}): key the doc ID, version the
 * revID (UTF-8), body the stored body, extra the time it was replaced (8 bytes, epoch millis). Bounded by
 * {@code maxDocs} entries, {@code maxBytes} of bodies and {@code maxAge}: an entry older than that is never
 * returned and is deleted by {@link #pruneExpired} (compaction); going over a size bound evicts the oldest
 * entries down to {@link #PRUNE_TO} of the bounds in the same transaction.
 *
 * <p>Thread-safe: writes happen inside the database's write transactions (one at a time); the counters are
 * guarded by this object (they can drift after an aborted transaction; every eviction pass recounts).
 */
public final class PreviousBodies {
    /** Eviction brings the store down to this fraction of its bounds, so it runs rarely. */
    static final double PRUNE_TO = 0.9;
    private static final String PREFIX = "prevbody:";

    private final LmdbStore store;
    private final String name;
    private final int maxDocs;
    private final long maxBytes;
    private final long maxAgeMillis;
    private KeyStore keys; // created on first use
    /** Entries and body bytes stored; -1 until counted. Guarded by this. */
    private long count = -1;
    private long bytes;

    /** @param maxDocs 0 turns keeping off */
    public PreviousBodies(LmdbStore store, String collection, int maxDocs, long maxBytes, long maxAgeMillis) {
        this.store = store;
        this.name = PREFIX + collection;
        this.maxDocs = maxDocs;
        this.maxBytes = maxBytes;
        this.maxAgeMillis = maxAgeMillis;
    }

    public static String keyStoreName(String collection) {
        return PREFIX + collection;
    }

    public boolean enabled() {
        return maxDocs > 0 && maxBytes > 0 && maxAgeMillis > 0;
    }

    private synchronized KeyStore keys() {
        if (keys == null) {
            keys = store.keyStore(name, false);
        }
        return keys;
    }

    /** Keeps {@code body} as the previous body of {@code docId} (revision {@code revId}), replacing any older one. */
    public synchronized void keep(WriteTxn txn, String docId, String revId, byte[] body, long nowMillis) {
        if (!enabled() || body.length > maxBytes) {
            return;
        }
        countIfNeeded(txn);
        Record old = keys().get(txn, docId, Content.ALL);
        if (old != null) {
            count--;
            bytes -= old.body().length;
        }
        byte[] time = ByteBuffer.allocate(Long.BYTES).putLong(nowMillis).array();
        keys().put(txn, docId, revId.getBytes(StandardCharsets.UTF_8), body, time, 0);
        count++;
        bytes += body.length;
        if (count > maxDocs || bytes > maxBytes) {
            evict(txn, nowMillis, (long) (maxDocs * PRUNE_TO), (long) (maxBytes * PRUNE_TO));
        }
    }

    /** The kept body of {@code docId} if it is revision {@code revId} and not older than the age bound; else null. */
    public byte[] get(Txn txn, String docId, String revId, long nowMillis) {
        if (!enabled()) {
            return null;
        }
        Record r = keys().get(txn, docId, Content.ALL);
        if (r == null || !revId.equals(new String(r.version(), StandardCharsets.UTF_8))
                || nowMillis - time(r) > maxAgeMillis) {
            return null;
        }
        return r.body();
    }

    /** Forgets the document's entry (purge). */
    public synchronized void remove(WriteTxn txn, String docId) {
        if (!enabled() && keys == null) {
            return;
        }
        countIfNeeded(txn);
        Record old = keys().get(txn, docId, Content.ALL);
        if (old != null && keys().delete(txn, docId)) {
            count--;
            bytes -= old.body().length;
        }
    }

    /** Deletes entries past the age bound (and any over the size bounds); returns how many were deleted. */
    public synchronized int pruneExpired(WriteTxn txn, long nowMillis) {
        countIfNeeded(txn);
        return evict(txn, nowMillis, enabled() ? maxDocs : 0, enabled() ? maxBytes : 0);
    }

    /** Entries and body bytes stored now. */
    public synchronized long[] size(Txn txn) {
        countIfNeeded(txn);
        return new long[] {count, bytes};
    }

    private record Entry(String docId, long time, int size) {
    }

    /** Deletes expired entries, then the oldest until within {@code docs} entries and {@code limit} bytes. */
    private int evict(WriteTxn txn, long nowMillis, long docs, long limit) {
        List<Entry> all = new ArrayList<>();
        try (RecordCursor c = keys().byKey(txn, null, Content.ALL)) {
            while (c.next()) {
                Record r = c.record();
                all.add(new Entry(r.key(), time(r), r.body().length));
            }
        }
        all.sort(Comparator.comparingLong(Entry::time));
        count = all.size(); // recount: an aborted transaction may have left the counters off
        bytes = all.stream().mapToLong(Entry::size).sum();
        int deleted = 0;
        for (Entry e : all) {
            boolean expired = nowMillis - e.time() > maxAgeMillis || !enabled();
            if (!expired && count <= docs && bytes <= limit) {
                break;
            }
            if (keys().delete(txn, e.docId())) {
                count--;
                bytes -= e.size();
                deleted++;
            }
        }
        return deleted;
    }

    private void countIfNeeded(Txn txn) {
        if (count >= 0) {
            return;
        }
        long n = 0;
        long b = 0;
        try (RecordCursor c = keys().byKey(txn, null, Content.ALL)) {
            while (c.next()) {
                n++;
                b += c.record().body().length;
            }
        }
        count = n;
        bytes = b;
    }

    private static long time(Record r) {
        byte[] t = r.extra();
        return t == null || t.length < Long.BYTES ? 0 : ByteBuffer.wrap(t).getLong();
    }
}
