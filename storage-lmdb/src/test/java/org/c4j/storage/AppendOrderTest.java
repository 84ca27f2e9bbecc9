package org.c4j.storage;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keys and sequences written past the end of their LMDB database are appended (LMDB's MDB_APPEND, which fills
 * pages instead of halving them); everything else is an ordinary put. These cases mix both within one
 * transaction and across stores whose ids sort before and after each other, then read everything back, also
 * after reopening.
 */
class AppendOrderTest {
    @TempDir
    Path dir;

    @Test
    void ascendingKeysFillPagesAndReadBackInOrder() throws Exception {
        int n = 3_000;
        try (LmdbStore store = LmdbStore.open(dir.resolve("a"))) {
            KeyStore docs = store.keyStore("docs", true);
            store.inWrite(t -> {
                for (int i = 0; i < n; i++) {
                    docs.put(t, key(i), null, body(i, 1000), null, 0);
                }
                return null;
            });
            store.inRead(t -> {
                assertEquals(n, docs.count(t));
                assertEquals(keys(0, n), keysByKey(docs, t));
                assertEquals(keys(0, n), keysBySequence(docs, t));
                return null;
            });
        }
        // 3,000 records of ~1 KiB: three to a 4 KiB page when appended, two when pages are split in halves.
        long size = Files.size(dir.resolve("a").resolve("data.mdb"));
        assertEquals(true, size < n / 2 * 4096L, "data file " + size + " bytes: pages are half empty");
    }

    @Test
    void lowerStoreKeepsOrderWhileAHigherStoreHoldsLaterKeys() {
        try (LmdbStore store = LmdbStore.open(dir.resolve("b"))) {
            KeyStore low = store.keyStore("low", true);
            KeyStore high = store.keyStore("high", true);
            store.inWrite(t -> {
                low.put(t, key(0), null, body(0, 10), null, 0); // low gets the smaller store id
                high.put(t, key(0), null, body(0, 10), null, 0);
                return null;
            });
            store.inWrite(t -> {
                for (int i = 1; i < 500; i++) {
                    low.put(t, key(i), null, body(i, 300), null, 0);     // neither records nor sequences at the end
                    high.put(t, key(1000 - i), null, body(i, 300), null, 0); // descending: never at the end
                    high.put(t, key(1000 + i), null, body(i, 300), null, 0); // ascending: at the end
                }
                low.put(t, key(7), null, body(-7, 20), null, 0); // replaces: a new sequence, the old one removed
                return null;
            });
        }
        try (LmdbStore store = LmdbStore.open(dir.resolve("b"))) {
            KeyStore low = store.keyStore("low", true);
            KeyStore high = store.keyStore("high", true);
            store.inRead(t -> {
                assertEquals(keys(0, 500), keysByKey(low, t));
                List<String> lowSeq = keys(0, 500);
                lowSeq.remove(key(7));
                lowSeq.add(key(7));
                assertEquals(lowSeq, keysBySequence(low, t));
                assertArrayEquals(body(-7, 20), low.get(t, key(7)).body());
                assertEquals(500 + 1, low.lastSequence(t));
                List<String> highKeys = keys(501, 1000);
                highKeys.add(0, key(0));
                highKeys.addAll(keys(1001, 1500));
                assertEquals(highKeys, keysByKey(high, t));
                assertEquals(999, high.count(t));
                for (int i = 1; i < 500; i++) {
                    assertArrayEquals(body(i, 300), high.get(t, key(1000 + i)).body());
                    assertArrayEquals(body(i, 300), high.get(t, key(1000 - i)).body());
                }
                return null;
            });
        }
    }

    private static String key(int i) {
        return String.format("k%06d", i);
    }

    private static List<String> keys(int from, int to) {
        List<String> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            out.add(key(i));
        }
        return out;
    }

    private static byte[] body(int i, int size) {
        byte[] b = new byte[size];
        byte[] tag = Integer.toString(i).getBytes(UTF_8);
        System.arraycopy(tag, 0, b, 0, Math.min(tag.length, size));
        return b;
    }

    private static List<String> keysByKey(KeyStore ks, Txn t) {
        return drain(ks.byKey(t, null, Content.META));
    }

    private static List<String> keysBySequence(KeyStore ks, Txn t) {
        return drain(ks.bySequence(t, 0, Content.META));
    }

    private static List<String> drain(RecordCursor c) {
        List<String> out = new ArrayList<>();
        try (c) {
            while (c.next()) {
                out.add(c.record().key());
            }
        }
        return out;
    }
}
