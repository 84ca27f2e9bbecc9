package org.c4j.storage;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shared setup of the storage tests that work on one key store: before each test a fresh {@link LmdbStore} in a
 * temporary directory with the key store {@link #docs} (created), closed after the test. Not thread-safe; JUnit
 * makes one instance per test.
 */
abstract class StoreFixture {
    @TempDir
    Path dir;
    LmdbStore store;
    KeyStore docs;

    private final String keyStoreName;

    StoreFixture(String keyStoreName) {
        this.keyStoreName = keyStoreName;
    }

    @BeforeEach
    void open() {
        store = LmdbStore.open(dir);
        docs = store.keyStore(keyStoreName, true);
    }

    @AfterEach
    void close() {
        store.close();
    }

    static byte[] b(String s) {
        return s.getBytes(UTF_8);
    }
}
