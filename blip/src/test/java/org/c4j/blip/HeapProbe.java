package org.c4j.blip;

/** Used heap after a full collection: how tests show that memory stays bounded. Thread-safe. */
public final class HeapProbe {
    /** The bound the hostile-peer tests hold the heap to, above the baseline taken before the attack. */
    public static final long BOUND = 64L << 20;

    private HeapProbe() {
    }

    /** Used heap bytes right after {@code System.gc()} (twice, so finalizable garbage goes too). */
    public static long usedAfterGc() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 2; i++) {
            System.gc();
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
