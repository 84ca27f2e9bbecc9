package org.c4j.replicator.internal.access;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.c4j.Body;
import org.c4j.Change;
import org.c4j.ChangesOptions;
import org.c4j.CollectionChange;
import org.c4j.CollectionSpec;
import org.c4j.Document;
import org.c4j.DocumentChange;
import org.c4j.ListenerToken;
import org.c4j.LocalDocument;
import org.c4j.replicator.AccessGrant;
import org.c4j.replicator.RoleChannels;
import org.c4j.replicator.SyncFunction;
import org.c4j.replicator.SyncInput;
import org.c4j.replicator.SyncResult;
import org.c4j.replicator.internal.db.DbAccess;
import org.c4j.socket.Principal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A database's access state, as Sync Gateway keeps it: for each document the channels and grants its current revision
 * was given by the sync function, and the index of every grant. Persisted with the database in local documents
 * ({@code c4j-access:<collection>:<docId>} per document, {@code c4j-access-grants}, and {@code c4j-access-meta}
 * with the sync function's version and the last sequence processed per collection), written in the same transaction
 * as a pushed revision.
 *
 * <p>Kept current three ways: a pushed revision's result is stored with it ({@link #stored}); a collection observer
 * runs the function on local writes; and a document whose entry names another revision than its current one is
 * recomputed when read ({@link #entry}). When opened, the documents changed since the last processed sequence are
 * processed again, and all of them when the function's version changed.
 *
 * <p>Thread-safe. Lock order: the database's write transaction first, then {@link #grantsLock}; every write path
 * opens a transaction before taking the lock.
 */
public final class AccessState implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AccessState.class);
    static final String ENTRY_PREFIX = "c4j-access:";
    static final String GRANTS_DOC = "c4j-access-grants";
    static final String META_DOC = "c4j-access-meta";
    static final String USER_PREFIX = "c4j-access-user:";
    /** The public channel: every named user may read it. */
    public static final String PUBLIC_CHANNEL = "!";

    private final DbAccess db;
    private final SyncFunction function;
    private final String version;
    private final RoleChannels roles;
    /** Document key -> its current revision's grants (documents that grant nothing are absent). */
    private final Map<String, List<AccessGrant>> grants = new ConcurrentHashMap<>();
    private final Map<CollectionSpec, Long> processed = new ConcurrentHashMap<>();
    private final Object grantsLock = new Object();
    private final List<ListenerToken> observers = new ArrayList<>(); // guarded by itself
    private boolean closed; // guarded by observers
    private final Map<CollectionSpec, DbAccess> observed = new HashMap<>(); // guarded by observers

    private AccessState(DbAccess db, SyncFunction function, String version, RoleChannels roles) {
        this.db = db;
        this.function = function;
        this.version = version;
        this.roles = roles;
    }

    /**
     * Loads the state of {@code db} (database-level access), brings it up to date and starts observing every
     * collection that exists now.
     */
    public static AccessState open(DbAccess db, SyncFunction function, String version, RoleChannels roles) {
        AccessState s = new AccessState(db, function, version, roles);
        s.load();
        return s;
    }

    private void load() {
        LocalDocument meta = db.localDocument(META_DOC);
        Map<String, Object> m = meta == null ? Map.of() : Body.fromJson(meta.json()).toMap();
        boolean sameFunction = version.equals(m.get("fn"));
        if (sameFunction) {
            LocalDocument g = db.localDocument(GRANTS_DOC);
            if (g != null) {
                Body.fromJson(g.json()).toMap().forEach((k, v) -> {
                    List<AccessGrant> list = AccessEntry.grantsFromList(v);
                    if (!list.isEmpty()) {
                        grants.put(k, list);
                    }
                });
            }
        } else {
            LOG.info("sync function version '{}' (was '{}'): recomputing the access of every document", version,
                    m.get("fn"));
        }
        Map<?, ?> seqs = sameFunction && m.get("seq") instanceof Map<?, ?> x ? x : Map.of();
        for (CollectionSpec spec : db.collectionSpecs()) {
            DbAccess coll = db.forCollection(spec);
            if (coll == null) {
                continue;
            }
            Object since = seqs.get(spec.toString());
            catchUp(coll, since instanceof Number n ? n.longValue() : 0, !sameFunction);
            synchronized (observers) {
                observed.put(spec, coll);
                observers.add(coll.addChangeListener(change -> observed(coll, change)));
            }
        }
        db.inBatch(() -> {
            synchronized (grantsLock) {
                saveGrants();
                saveMeta();
            }
        });
    }

    /** Processes every document changed after {@code since} (all of them when {@code force}). */
    private void catchUp(DbAccess coll, long since, boolean force) {
        long last = since;
        while (true) {
            List<Change> batch = coll.changes(last, new ChangesOptions(false, true, 1000));
            if (batch.isEmpty()) {
                break;
            }
            long from = last;
            db.inBatch(() -> {
                for (Change c : batch) {
                    refresh(coll, c.docId(), force);
                }
            });
            for (Change c : batch) {
                last = Math.max(last, c.sequence());
            }
            if (last == from) {
                break;
            }
        }
        processed.put(coll.spec(), last);
    }

    /**
     * Processes local writes the observers may not have delivered yet, so that a pull starting now sees every grant
     * committed before it (observer callbacks are asynchronous).
     */
    public void catchUp() {
        synchronized (observers) {
            if (closed) {
                return;
            }
            for (DbAccess coll : observed.values()) {
                catchUp(coll, processed.getOrDefault(coll.spec(), 0L), false);
            }
        }
    }

    private void observed(DbAccess coll, CollectionChange change) {
        synchronized (observers) { // close() waits for a callback in progress
            if (closed) {
                return;
            }
            process(coll, change);
        }
    }

    private void process(DbAccess coll, CollectionChange change) {
        try {
            db.inBatch(() -> {
                long last = processed.getOrDefault(coll.spec(), 0L);
                for (DocumentChange c : change.changes()) {
                    refresh(coll, c.docId(), false);
                    last = Math.max(last, c.sequence());
                }
                processed.put(coll.spec(), last);
                synchronized (grantsLock) {
                    saveMeta();
                }
            });
        } catch (RuntimeException e) {
            LOG.warn("access state: processing a change of {} failed (recomputed when read): {}", coll.spec(),
                    e.toString());
        }
    }

    /** Recomputes a document's entry if it names another revision than the current one (or always when forced). */
    private void refresh(DbAccess coll, String docId, boolean force) {
        Document doc = coll.get(docId);
        String key = key(coll.spec(), docId);
        if (doc == null) {
            db.deleteLocalDocument(key);
            putGrants(key, List.of());
            return;
        }
        AccessEntry old = read(key);
        if (!force && old != null && old.revId().equals(doc.revId())) {
            return;
        }
        compute(coll, doc, old);
    }

    /**
     * The entry of a document's current revision {@code revId}: read, or recomputed (and stored) if stale. Null if
     * the document is gone or its current revision is another one.
     */
    public Set<String> channels(DbAccess coll, String docId, String revId) {
        AccessEntry e = entry(coll, docId, revId);
        return e == null ? null : e.channels();
    }

    /** Like {@link #channels}, the whole entry. */
    AccessEntry entry(DbAccess coll, String docId, String revId) {
        String key = key(coll.spec(), docId);
        AccessEntry e = read(key);
        if (e != null && e.revId().equals(revId)) {
            return e;
        }
        return db.inBatch(() -> {
            Document doc = coll.get(docId);
            if (doc == null) {
                return null;
            }
            AccessEntry now = read(key);
            if (now == null || !now.revId().equals(doc.revId())) {
                now = compute(coll, doc, now);
            }
            return now;
        });
    }

    /**
     * What a peer (a user's client) could read when its last pull caught up, or null if never recorded. Kept per
     * user and checkpoint client ID in {@code c4j-access-user:<name>:<client>}.
     */
    Set<String> lastReadable(String peerKey) {
        LocalDocument d = db.localDocument(USER_PREFIX + peerKey);
        return d == null ? null : SyncFunction.channelsProperty(Body.fromJson(d.json()).toMap().get("ch"));
    }

    void saveReadable(String peerKey, Set<String> readable) {
        if (!readable.equals(lastReadable(peerKey))) {
            db.putLocalDocument(USER_PREFIX + peerKey, null,
                    Body.fromMap(Map.of("ch", new ArrayList<>(readable))).toJson());
        }
    }

    /** Runs the function on the current revision with no old body and no principal (a local write), stores it. */
    private AccessEntry compute(DbAccess coll, Document doc, AccessEntry old) {
        SyncResult r;
        try {
            r = function.sync(new SyncInput(coll.spec(), doc.id(), doc.isDeleted() ? Body.empty() : doc.body(),
                    doc.isDeleted(), null, null));
        } catch (RuntimeException e) {
            LOG.warn("sync function failed on '{}' of {}: {}", doc.id(), coll.spec(), e.toString());
            r = SyncResult.channels(Set.of());
        }
        if (r.rejected()) {
            LOG.info("sync function rejected local revision {} of '{}' ({}): it is in no channel", doc.revId(),
                    doc.id(), r.rejection());
            r = SyncResult.channels(Set.of());
        }
        return store(coll.spec(), doc, r, old);
    }

    /**
     * The function's verdict on a revision a peer pushes (not yet stored), with the current revision's body as the
     * old body.
     */
    public SyncResult evaluate(DbAccess coll, String docId, Body body, boolean deleted, Principal principal) {
        Document cur = coll.get(docId);
        Body oldBody = cur == null || cur.isDeleted() ? null : cur.body();
        try {
            return function.sync(new SyncInput(coll.spec(), docId, body, deleted, oldBody, principal));
        } catch (RuntimeException e) {
            LOG.warn("sync function failed on pushed '{}': {}", docId, e.toString());
            return SyncResult.reject("sync function failed");
        }
    }

    /**
     * A pushed revision was inserted (inside its transaction): records the verdict if it became the current
     * revision; otherwise the current revision is recomputed when read.
     */
    public void stored(CollectionSpec spec, Document doc, String insertedRevId, SyncResult verdict) {
        if (doc != null && doc.revId().equals(insertedRevId)) {
            store(spec, doc, verdict, read(key(spec, doc.id())));
        }
    }

    private AccessEntry store(CollectionSpec spec, Document doc, SyncResult r, AccessEntry old) {
        Set<String> channels = r.channels();
        if (doc.isDeleted() && channels.isEmpty() && old != null) {
            channels = old.channels(); // a tombstone stays where the document was, so its readers learn of it
        }
        String key = key(spec, doc.id());
        AccessEntry e = new AccessEntry(doc.revId(), channels, r.grants(), old == null ? Set.of() : old.was());
        db.putLocalDocument(key, null, e.toJson());
        putGrants(key, e.grants());
        return e;
    }

    private void putGrants(String key, List<AccessGrant> list) {
        synchronized (grantsLock) {
            List<AccessGrant> before = list.isEmpty() ? grants.remove(key) : grants.put(key, list);
            if (!(before == null ? list.isEmpty() : before.equals(list))) {
                saveGrants();
            }
        }
    }

    private void saveGrants() {
        Map<String, Object> m = new LinkedHashMap<>();
        grants.forEach((k, v) -> m.put(k, AccessEntry.grantsToList(v)));
        db.putLocalDocument(GRANTS_DOC, null, Body.fromMap(m).toJson());
    }

    private void saveMeta() {
        Map<String, Object> seq = new HashMap<>();
        processed.forEach((k, v) -> seq.put(k.toString(), v));
        db.putLocalDocument(META_DOC, null, Body.fromMap(Map.of("fn", version, "seq", seq)).toJson());
    }

    private AccessEntry read(String key) {
        LocalDocument d = db.localDocument(key);
        return d == null ? null : AccessEntry.fromJson(d.json());
    }

    private static String key(CollectionSpec spec, String docId) {
        return ENTRY_PREFIX + spec + ":" + docId;
    }

    /**
     * Every channel {@code p} may read: its own (admin channels, including those of its roles as the authenticator
     * resolved them), its roles' channels, grants to it and to its roles, and the public channel for a named user.
     * {@value Principal#ALL_CHANNELS} among them means all.
     */
    public Set<String> channelsOf(Principal p) {
        Set<String> out = new HashSet<>(p.channels());
        String name = p.isAnonymous() ? AccessGrant.GUEST : p.name();
        if (!p.isAnonymous()) {
            out.add(PUBLIC_CHANNEL);
        }
        for (String role : p.roles()) {
            out.addAll(roles.channels(role));
        }
        for (List<AccessGrant> list : grants.values()) {
            for (AccessGrant g : list) {
                if (g.role() ? p.roles().contains(g.name()) : g.name().equals(name)) {
                    out.addAll(g.channels());
                }
            }
        }
        return out;
    }

    /** True if a reader of {@code readable} (from {@link #channelsOf}) may see a document in {@code docChannels}. */
    public static boolean canRead(Set<String> readable, Set<String> docChannels) {
        if (docChannels == null) {
            return false;
        }
        if (readable.contains(Principal.ALL_CHANNELS)) {
            return true;
        }
        for (String c : docChannels) {
            if (readable.contains(c)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        synchronized (observers) {
            closed = true;
            observers.forEach(ListenerToken::remove);
            observers.clear();
        }
    }
}
