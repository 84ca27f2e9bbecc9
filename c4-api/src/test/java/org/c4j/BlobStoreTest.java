package org.c4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Random;
import java.util.Set;

import org.c4j.socket.C4Exception;
import org.c4j.socket.ErrorCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

class BlobStoreTest {
    @TempDir
    Path dir;

    @Test
    void storesReadsAndDeletes() throws IOException {
        BlobStore store = new BlobStore(dir.resolve("Attachments"));
        byte[] content = "hello blob".getBytes();
        BlobKey key = store.create(content);
        assertEquals(key, store.create(content), "same content, same key");
        assertArrayEquals(content, store.getContents(key));
        assertEquals(content.length, store.getSize(key));
        try (InputStream in = store.openReadStream(key)) {
            assertArrayEquals(content, in.readAllBytes());
        }
        assertNotNull(store.getFilePath(key));
        assertTrue(store.getFilePath(key).getFileName().toString().endsWith(".blob"));
        assertEquals(Set.of(key), store.keys());
        assertTrue(store.delete(key));
        assertFalse(store.delete(key));
        assertEquals(-1, store.getSize(key));
        assertNull(store.getFilePath(key));
        C4Exception e = assertThrows(C4Exception.class, () -> store.getContents(key));
        assertEquals(ErrorCodes.LiteCore.NOT_FOUND, e.code());
        e = assertThrows(C4Exception.class, () -> store.openReadStream(key));
        assertEquals(ErrorCodes.LiteCore.NOT_FOUND, e.code());
    }

    @Test
    void streamsLargeBlobsAndLeavesNothingBehindOnAbort() throws IOException {
        BlobStore store = new BlobStore(dir);
        byte[] big = new byte[300_000];
        new Random(7).nextBytes(big);
        BlobKey key;
        try (BlobWriteStream out = store.openWriteStream()) {
            for (int off = 0; off < big.length; off += 1000) {
                out.write(big, off, 1000);
            }
            assertEquals(big.length, out.bytesWritten());
            key = out.install();
        }
        assertEquals(BlobKey.of(big), key);
        assertArrayEquals(big, store.getContents(key));
        try (BlobWriteStream out = store.openWriteStream()) {
            out.write(new byte[] {1, 2, 3});
        }
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "aborted write left no file");
        }
    }

    @Test
    void installWithWrongExpectedKeyFails() {
        BlobStore store = new BlobStore(dir);
        BlobWriteStream out = store.openWriteStream();
        out.write(new byte[] {1, 2, 3}, 0, 3);
        C4Exception e = assertThrows(C4Exception.class, () -> out.install(BlobKey.of(new byte[] {9})));
        assertEquals(ErrorCodes.LiteCore.CORRUPT_DATA, e.code());
        assertTrue(store.keys().isEmpty());
        assertThrows(C4Exception.class, () -> out.write(new byte[] {1}, 0, 1));
    }

    @Test
    void deleteAllExceptKeepsTheNamedBlobs() {
        BlobStore store = new BlobStore(dir);
        BlobKey a = store.create(new byte[] {1});
        BlobKey b = store.create(new byte[] {2});
        BlobKey c = store.create(new byte[] {3});
        assertEquals(2, store.deleteAllExcept(Set.of(b)));
        assertEquals(Set.of(b), store.keys());
        assertEquals(-1, store.getSize(a));
        assertEquals(-1, store.getSize(c));
    }

    @Test
    void keysParseAndFormat() {
        BlobKey k = BlobKey.of("x".getBytes());
        assertEquals(k, BlobKey.parse(k.toString()));
        assertTrue(k.toString().startsWith("sha1-"));
        assertNull(BlobKey.tryParse("sha1-abc"));
        assertNull(BlobKey.tryParse("md5-" + k.toString().substring(5)));
        assertNull(BlobKey.tryParse(null));
        C4Exception e = assertThrows(C4Exception.class, () -> BlobKey.parse("sha1-!!!!!!!!!!!!!!!!!!!!!!!!!!!="));
        assertEquals(ErrorCodes.LiteCore.INVALID_PARAMETER, e.code());
        assertEquals(k, BlobKey.fromFileName(k.fileName()));
    }

    /** The property: a blob's digest is the SHA-1 of its content. */
    @Property(tries = 200)
    void digestIsSha1OfContent(@ForAll @Size(max = 70_000) byte[] content) throws Exception {
        Path d = Files.createTempDirectory("blobprop");
        try {
            BlobStore store = new BlobStore(d);
            BlobKey key;
            try (BlobWriteStream out = store.openWriteStream()) {
                out.write(content, 0, content.length);
                key = out.install();
            }
            byte[] sha1 = MessageDigest.getInstance("SHA-1").digest(content);
            assertArrayEquals(sha1, key.digest());
            assertEquals("sha1-" + Base64.getEncoder().encodeToString(sha1), key.toString());
            assertEquals(key, BlobKey.of(content));
            assertArrayEquals(content, store.getContents(key));
        } finally {
            try (var files = Files.list(d)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    Files.delete(f);
                }
            }
            Files.delete(d);
        }
    }
}
