package org.c4j.internal.db;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.c4j.internal.body.BodyValues;
import org.c4j.storage.Content;
import org.c4j.storage.KeyStore;
import org.c4j.storage.LmdbStore;
import org.c4j.storage.ReadTxn;
import org.c4j.storage.Record;
import org.c4j.storage.RecordCursor;
import org.c4j.storage.Txn;
import org.c4j.storage.WriteTxn;

/**
 * The database's own records in the {@code info} key store: the public and private UUIDs, the registry of
 * collections ({@code collection:<scope>.<name>}) and the remote-peer IDs ({@code remotes}: address -> id).
 *
 * <p>Thread-safe (the UUIDs are cached after the first read; everything else is read in transactions).
 */
public final class InfoStore {
    private static final String UUIDS = "uuids";
    private static final String REMOTES = "remotes";
    private static final String COLLECTION_PREFIX = "collection:";
    private static final byte[] EMPTY = new byte[0];
    private static final SecureRandom RANDOM = new SecureRandom();

    private final LmdbStore store;
    private final KeyStore info;
    private volatile byte[] uuids;

    public InfoStore(LmdbStore store) {
        this.store = store;
        this.info = store.keyStore("info", false);
    }

    /** Creates the UUIDs and registers the default collection if this is a new database. */
    public void initialize(WriteTxn txn, String defaultCollection) {
        if (info.get(txn, UUIDS, Content.BODY) == null) {
            info.put(txn, UUIDS, EMPTY, randomUuids(), EMPTY, 0);
        }
        if (!hasCollection(txn, defaultCollection)) {
            addCollection(txn, defaultCollection);
        }
    }

    /** Gives the database new UUIDs (for a copy). */
    public void resetUuids(WriteTxn txn) {
        info.put(txn, UUIDS, EMPTY, randomUuids(), EMPTY, 0);
        uuids = null;
    }

    private static byte[] randomUuids() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return b;
    }

    public UUID uuid(boolean publicOne) {
        byte[] u = uuids;
        if (u == null) {
            try (ReadTxn t = store.beginRead()) {
                u = info.get(t, UUIDS, Content.BODY).body();
            }
            uuids = u;
        }
        ByteBuffer bb = ByteBuffer.wrap(u, publicOne ? 0 : 16, 16);
        return new UUID(bb.getLong(), bb.getLong());
    }

    // ---- collections

    public boolean hasCollection(String name) {
        try (ReadTxn t = store.beginRead()) {
            return hasCollection(t, name);
        }
    }

    public boolean hasCollection(Txn txn, String name) {
        return info.get(txn, COLLECTION_PREFIX + name, Content.META) != null;
    }

    public void addCollection(WriteTxn txn, String name) {
        info.put(txn, COLLECTION_PREFIX + name, EMPTY, EMPTY, EMPTY, 0);
    }

    public void removeCollection(WriteTxn txn, String name) {
        info.delete(txn, COLLECTION_PREFIX + name);
    }

    /** Registered collections as {@code scope.name}, in key order. */
    public List<String> collectionNames() {
        List<String> names = new ArrayList<>();
        try (ReadTxn t = store.beginRead(); RecordCursor c = info.byKey(t, COLLECTION_PREFIX, Content.META)) {
            while (c.next()) {
                String key = c.record().key();
                if (!key.startsWith(COLLECTION_PREFIX)) {
                    break;
                }
                names.add(key.substring(COLLECTION_PREFIX.length()));
            }
        }
        return names;
    }

    // ---- remotes

    /** The ID of a remote address, or null if none was assigned. */
    public Integer remoteId(String address) {
        try (ReadTxn t = store.beginRead()) {
            Object id = remotes(t).get(address);
            return id == null ? null : ((Number) id).intValue();
        }
    }

    /** The ID of a remote address, assigning the next free one (from 1) if needed. */
    public int assignRemoteId(WriteTxn txn, String address) {
        Map<String, Object> map = remotes(txn);
        Object id = map.get(address);
        if (id != null) {
            return ((Number) id).intValue();
        }
        int next = map.size() + 1;
        map.put(address, (long) next);
        info.put(txn, REMOTES, EMPTY, BodyValues.encode(map), EMPTY, 0);
        return next;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> remotes(Txn txn) {
        Record r = info.get(txn, REMOTES, Content.BODY);
        return r == null ? new LinkedHashMap<>() : (Map<String, Object>) BodyValues.decode(r.body());
    }
}
