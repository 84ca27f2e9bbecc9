package org.c4j.storage;

/**
 * A key store's state inside one write transaction (id, last sequence, count), loaded from its committed
 * {@link StoreMeta} on first use and written back at commit when {@link #dirty}. Confined to the writer thread.
 */
final class StoreState {
    final KeyStore keyStore;
    int id;
    long lastSequence;
    long count;
    boolean dirty;

    StoreState(KeyStore keyStore, StoreMeta committed) {
        this.keyStore = keyStore;
        this.id = committed.id;
        this.lastSequence = committed.lastSequence;
        this.count = committed.count;
    }
}
