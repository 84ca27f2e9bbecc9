package org.c4j.storage.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The appends go straight to LMDB with this LMDBJava version (the fallback exists for other versions). */
class FlaggedPutTest {
    @Test
    void reachesLmdbJavasNativeCall() {
        assertTrue(FlaggedPut.direct(), "LMDBJava's internals were not found: appends take its slow public path");
    }
}
