package org.c4j.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExpirationTest {
    @TempDir
    Path dir;
    LmdbStore store;
    KeyStore docs;
    KeyStore other;

    @BeforeEach
    void open() {
        store = LmdbStore.open(dir);
        docs = store.keyStore("docs", true);
        other = store.keyStore("other", true);
        store.inWrite(t -> {
            for (String k : new String[] {"a", "b", "c", "d"}) {
                docs.put(t, k, null, null, null, 0);
                other.put(t, k, null, null, null, 0);
            }
            return null;
        });
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void setGetNextAndExpiredBefore() {
        store.inWrite(t -> {
            assertTrue(docs.setExpiration(t, "a", 3000));
            assertTrue(docs.setExpiration(t, "b", 1000));
            assertTrue(docs.setExpiration(t, "c", 2000));
            assertFalse(docs.setExpiration(t, "missing", 5));
            other.setExpiration(t, "a", 10);
            return null;
        });
        store.inRead(t -> {
            assertEquals(3000, docs.expiration(t, "a"));
            assertEquals(0, docs.expiration(t, "d"));
            assertEquals(0, docs.expiration(t, "missing"));
            assertEquals(1000, docs.nextExpiration(t));
            assertEquals(10, other.nextExpiration(t));
            assertEquals(List.of(), docs.expiredKeys(t, 999, 100));
            assertEquals(List.of("b", "c"), docs.expiredKeys(t, 2000, 100));
            assertEquals(List.of("b"), docs.expiredKeys(t, 5000, 1));
            assertEquals(List.of("b", "c", "a"), docs.expiredKeys(t, Long.MAX_VALUE, 100));
            assertEquals(3000, docs.get(t, "a").expiration());
            return null;
        });
    }

    @Test
    void changeClearPutAndDeleteMaintainTheIndex() {
        store.inWrite(t -> {
            docs.setExpiration(t, "a", 1000);
            docs.setExpiration(t, "b", 2000);
            docs.setExpiration(t, "a", 4000);          // moved
            docs.setExpiration(t, "b", 0);             // cleared
            docs.setExpiration(t, "c", 3000);
            docs.put(t, "c", null, new byte[] {1}, null, 0); // put keeps it
            docs.setExpiration(t, "d", 500);
            docs.delete(t, "d");                       // purge removes it
            return null;
        });
        store.inRead(t -> {
            assertEquals(List.of("c", "a"), docs.expiredKeys(t, Long.MAX_VALUE, 100));
            assertEquals(3000, docs.nextExpiration(t));
            assertEquals(3000, docs.expiration(t, "c"));
            assertEquals(0, docs.expiration(t, "b"));
            assertEquals(4, docs.get(t, "c").sequence() - 1, "put after setExpiration got a new sequence");
            return null;
        });
    }

    @Test
    void purgeExpiredInOneTransaction() {
        store.inWrite(t -> {
            docs.setExpiration(t, "a", 100);
            docs.setExpiration(t, "b", 200);
            docs.setExpiration(t, "c", 9000);
            return null;
        });
        store.inWrite(t -> {
            for (String k : docs.expiredKeys(t, 1000, Integer.MAX_VALUE)) {
                docs.delete(t, k);
            }
            return null;
        });
        store.inRead(t -> {
            assertEquals(2, docs.count(t));
            assertEquals(9000, docs.nextExpiration(t));
            return null;
        });
    }

    @Test
    void noExpirations() {
        long next = store.inRead(docs::nextExpiration);
        assertEquals(0, next);
        KeyStore none = store.keyStore("none", true);
        long nextNone = store.inRead(none::nextExpiration);
        assertEquals(0, nextNone);
    }
}
