package org.c4j.replicator.internal.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

public class BlobWireTest {
    private static boolean compressible(String type) {
        return BlobWire.isLikelyCompressible(type == null ? Map.of() : Map.of("content_type", type));
    }

    @Test
    void compressibilityGuessAsLiteCore() {
        assertTrue(compressible("text/plain"));
        assertTrue(compressible("application/json"));
        assertTrue(compressible("image/svg+xml"));
        assertTrue(compressible("application/octet-stream"));
        assertTrue(compressible("TEXT/HTML"));
        assertFalse(compressible(null));
        assertFalse(compressible("image/png"));
        assertFalse(compressible("video/mp4"));
        assertFalse(compressible("application/zip"));
        assertFalse(compressible("application/x-rar-compressed"), "contains -rar");
        assertFalse(BlobWire.isLikelyCompressible(Map.of("content_type", "text/plain", "encoding", "gzip, zlib")));
    }

    @Test
    void getAttachmentProperties() {
        assertEquals(Map.of("Profile", "getAttachment", "digest", "sha1-x", "docID", "d", "compress", "true"),
                BlobWire.getAttachment("sha1-x", "d", true));
        assertEquals(Map.of("Profile", "getAttachment", "digest", "sha1-x", "docID", "d"),
                BlobWire.getAttachment("sha1-x", "d", false));
    }

    @Test
    void nonceLimits() {
        assertFalse(BlobWire.isValidNonce(new byte[0]));
        assertTrue(BlobWire.isValidNonce(new byte[255]));
        assertFalse(BlobWire.isValidNonce(new byte[256]));
        assertThrows(IllegalArgumentException.class, () -> new BlobWire.Proof(new byte[0]));
    }

    @Property(tries = 100)
    void proofIsSha1OfLengthNonceAndData(@ForAll @Size(min = 1, max = 255) byte[] nonce, @ForAll byte[] data)
            throws Exception {
        BlobWire.Proof p = new BlobWire.Proof(nonce);
        int half = data.length / 2;
        p.update(data, 0, half);
        p.update(data, half, data.length - half);
        MessageDigest sha = MessageDigest.getInstance("SHA-1");
        sha.update((byte) nonce.length);
        sha.update(nonce);
        sha.update(data);
        assertEquals("sha1-" + Base64.getEncoder().encodeToString(sha.digest()), p.finish());
    }
}
