package org.c4j.socket.testkit.internal;

import java.util.SplittableRandom;

/** The bytes the conformance suite writes: a pure function of (seed, side, index, size). Thread-safe. */
public final class Payloads {
    private Payloads() {
    }

    public static byte[] of(long seed, int side, int index, int size) {
        byte[] out = new byte[size];
        SplittableRandom random = new SplittableRandom(seed * 31 + side * 1_000_003L + index);
        for (int i = 0; i < size; i += 8) {
            long v = random.nextLong();
            for (int j = 0; j < 8 && i + j < size; j++) {
                out[i + j] = (byte) (v >>> (8 * j));
            }
        }
        return out;
    }
}
