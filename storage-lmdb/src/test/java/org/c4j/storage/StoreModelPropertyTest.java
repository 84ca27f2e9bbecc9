package org.c4j.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.c4j.socket.C4Exception;

/**
 * Random put/update/delete/commit/abort sequences (including nested levels) on two stores with sequences and one
 * without, against an in-memory model. The map starts at 64 KiB and bodies reach 6 KiB, so map growth (and the
 * transparent replay of the open transaction) happens at random points too.
 */
class StoreModelPropertyTest {
    enum Kind { PUT, UPDATE, DELETE, COMMIT, ABORT, NESTED_COMMIT, NESTED_ABORT }

    record Op(Kind kind, int store, int key, int size) {
    }

    /** One model record. */
    record Rec(byte[] body, long seq) {
    }

    /** Model of one key store. */
    static final class ModelStore {
        final TreeMap<String, Rec> records = new TreeMap<>();
        long lastSeq;

        ModelStore copy() {
            ModelStore c = new ModelStore();
            c.records.putAll(records);
            c.lastSeq = lastSeq;
            return c;
        }
    }

    static final String[] STORES = {"coll:a", "coll:b", "local"};

    @Provide
    Arbitrary<Op> op() {
        Arbitrary<Kind> kinds = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, Arbitraries.just(Kind.PUT)),
                net.jqwik.api.Tuple.of(2, Arbitraries.just(Kind.UPDATE)),
                net.jqwik.api.Tuple.of(3, Arbitraries.just(Kind.DELETE)),
                net.jqwik.api.Tuple.of(2, Arbitraries.just(Kind.COMMIT)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(Kind.ABORT)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(Kind.NESTED_COMMIT)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(Kind.NESTED_ABORT)));
        return Combinators.combine(kinds, Arbitraries.integers().between(0, 2), Arbitraries.integers().between(0, 9),
                Arbitraries.integers().between(0, 6000)).as(Op::new);
    }

    @Property(tries = 60)
    void storeMatchesModel(@ForAll @Size(max = 80) List<@net.jqwik.api.From("op") Op> ops) throws IOException {
        Path dir = Files.createTempDirectory("c4j-model");
        try (LmdbStore store = LmdbStore.open(dir,
                StoreOptions.defaults().withInitialMapSize(64 * 1024).withDurable(false))) {
            KeyStore[] ks = {store.keyStore(STORES[0], true), store.keyStore(STORES[1], true),
                    store.keyStore(STORES[2], false)};
            ModelStore[] committed = {new ModelStore(), new ModelStore(), new ModelStore()};
            ModelStore[] working = copy(committed);
            WriteTxn txn = store.beginWrite();
            int counter = 0;
            for (Op op : ops) {
                counter++;
                switch (op.kind()) {
                    case PUT -> put(txn, ks, working, op, counter);
                    case UPDATE -> {
                        String key = "k" + op.key();
                        byte[] body = body(op.size(), counter);
                        boolean present = working[op.store()].records.containsKey(key);
                        assertEquals(present, ks[op.store()].update(txn, key, null, body, null, 0));
                        if (present) {
                            long seq = working[op.store()].records.get(key).seq();
                            working[op.store()].records.put(key, new Rec(body, seq));
                        }
                    }
                    case DELETE -> {
                        String key = "k" + op.key();
                        boolean present = working[op.store()].records.remove(key) != null;
                        assertEquals(present, ks[op.store()].delete(txn, key));
                    }
                    case COMMIT -> {
                        txn.commit();
                        committed = copy(working);
                        verify(store, ks, committed);
                        txn = store.beginWrite();
                    }
                    case ABORT -> {
                        txn.abort();
                        working = copy(committed);
                        verify(store, ks, committed);
                        txn = store.beginWrite();
                    }
                    case NESTED_COMMIT -> {
                        try (WriteTxn inner = store.beginWrite()) {
                            put(inner, ks, working, op, counter);
                            inner.commit();
                        }
                        verify(store, ks, committed);
                    }
                    case NESTED_ABORT -> {
                        try (WriteTxn inner = store.beginWrite()) {
                            put(inner, ks, working, op, counter);
                        }
                        WriteTxn outer = txn;
                        assertThrows(C4Exception.class, outer::commit);
                        working = copy(committed);
                        verify(store, ks, committed);
                        txn = store.beginWrite();
                    }
                }
            }
            txn.commit();
            verify(store, ks, working);
        } finally {
            deleteTree(dir);
        }
    }

    private static void put(WriteTxn txn, KeyStore[] ks, ModelStore[] working, Op op, int counter) {
        String key = "k" + op.key();
        byte[] body = body(op.size(), counter);
        ModelStore m = working[op.store()];
        long expected = ks[op.store()].hasSequences() ? m.lastSeq + 1 : 0;
        assertEquals(expected, ks[op.store()].put(txn, key, null, body, null, 0));
        m.lastSeq = expected == 0 ? m.lastSeq : expected;
        m.records.put(key, new Rec(body, expected));
    }

    private static void verify(LmdbStore store, KeyStore[] ks, ModelStore[] model) {
        store.inRead(t -> {
            for (int s = 0; s < ks.length; s++) {
                ModelStore m = model[s];
                KeyStore k = ks[s];
                assertEquals(m.records.size(), k.count(t), k.name());
                assertEquals(m.lastSeq, k.lastSequence(t), k.name());
                List<String> keys = new ArrayList<>();
                try (RecordCursor c = k.byKey(t, null, Content.BODY)) {
                    while (c.next()) {
                        Record r = c.record();
                        keys.add(r.key());
                        Rec expected = m.records.get(r.key());
                        assertArrayEquals(expected.body(), r.body(), r.key());
                        assertEquals(expected.seq(), r.sequence(), r.key());
                    }
                }
                assertEquals(new ArrayList<>(m.records.keySet()), keys, k.name());
                if (k.hasSequences()) {
                    List<String> bySeq = new ArrayList<>();
                    try (RecordCursor c = k.bySequence(t, 0, Content.META)) {
                        while (c.next()) {
                            bySeq.add(c.record().key());
                        }
                    }
                    List<String> expected = m.records.entrySet().stream()
                            .sorted(Comparator.comparingLong(e -> e.getValue().seq()))
                            .map(Map.Entry::getKey).toList();
                    assertEquals(expected, bySeq, k.name());
                }
            }
            return null;
        });
    }

    private static ModelStore[] copy(ModelStore[] stores) {
        ModelStore[] c = new ModelStore[stores.length];
        for (int i = 0; i < stores.length; i++) {
            c[i] = stores[i].copy();
        }
        return c;
    }

    private static byte[] body(int size, int counter) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (counter + i);
        }
        return b;
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
