package org.c4j.internal.db;

import java.nio.charset.StandardCharsets;

import org.c4j.LocalDocument;
import org.c4j.internal.Errors;
import org.c4j.internal.body.MsgpackToJson;
import org.c4j.storage.KeyStore;
import org.c4j.storage.LmdbStore;
import org.c4j.storage.ReadTxn;
import org.c4j.storage.Record;

/**
 * A database's local (never replicated) documents, in their own key store: the body in the stored form, the
 * {@code meta} string as the record's version. Thread-safe as the store and the write scope are.
 */
public final class LocalDocs {
    private final LmdbStore store;
    private final WriteScope writes;

    public LocalDocs(LmdbStore store, WriteScope writes) {
        this.store = store;
        this.writes = writes;
    }

    private KeyStore keyStore() {
        return store.keyStore("local", false);
    }

    private static void checkId(String id) {
        if (id == null || id.isEmpty()) {
            throw Errors.badDocId("empty local document ID");
        }
    }

    /** A local document, or null. */
    public LocalDocument get(String id) {
        checkId(id);
        try (ReadTxn t = store.beginRead()) {
            Record r = keyStore().get(t, id);
            if (r == null) {
                return null;
            }
            String meta = r.version().length == 0 ? null : new String(r.version(), StandardCharsets.UTF_8);
            return new LocalDocument(id, meta, new String(MsgpackToJson.toJson(r.body()), StandardCharsets.UTF_8));
        }
    }

    /** Stores a local document given in the stored body form; {@code meta} may be null. */
    public void put(String id, String meta, byte[] body) {
        checkId(id);
        byte[] version = meta == null ? new byte[0] : meta.getBytes(StandardCharsets.UTF_8);
        writes.run((txn, p) -> {
            p.willWrite();
            keyStore().put(txn, id, version, body, null, 0);
            return null;
        });
    }

    /** Deletes a local document; false if there was none. */
    public boolean delete(String id) {
        checkId(id);
        return writes.run((txn, p) -> {
            p.willWrite();
            return keyStore().delete(txn, id);
        });
    }
}
