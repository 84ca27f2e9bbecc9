package org.c4j.storage;

import java.nio.file.Path;

/**
 * Child process of {@link ScaleTest}: inserts {@code count} small records in a scrambled key order, in
 * transactions of {@code batch}, then streams them back by key and by sequence, checking order and content.
 * Prints {@code OK ...} and exits 0 on success; exits 1 with a message otherwise.
 */
public final class ScaleMain {
    /** A prime not dividing the counts used: i -> (i * STRIDE) mod count is a permutation. */
    static final long STRIDE = 7919;

    private ScaleMain() {
    }

    static String key(long i) {
        return String.format("doc-%07d", i);
    }

    static byte[] body(long i) {
        byte[] b = new byte[64];
        for (int j = 0; j < b.length; j++) {
            b[j] = (byte) (i + j);
        }
        return b;
    }

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        int count = Integer.parseInt(args[1]);
        int batch = Integer.parseInt(args[2]);
        long t0 = System.nanoTime();
        try (LmdbStore store = LmdbStore.open(dir)) {
            KeyStore docs = store.keyStore("docs", true);
            for (int first = 0; first < count; first += batch) {
                int from = first;
                int to = Math.min(count, first + batch);
                store.inWrite(t -> {
                    for (int i = from; i < to; i++) {
                        long k = i * STRIDE % count;
                        docs.put(t, key(k), null, body(k), null, 0);
                    }
                    return null;
                });
            }
            long t1 = System.nanoTime();
            store.inRead(t -> {
                check(docs.count(t) == count, "count " + docs.count(t));
                long n = 0;
                try (RecordCursor c = docs.byKey(t, null, Content.BODY)) {
                    while (c.next()) {
                        Record r = c.record();
                        check(r.key().equals(key(n)), "key order at " + n + ": " + r.key());
                        check(r.body()[5] == (byte) (n + 5), "body of " + r.key());
                        n++;
                    }
                }
                check(n == count, "byKey saw " + n);
                long s = 0;
                try (RecordCursor c = docs.bySequence(t, 0, Content.META)) {
                    while (c.next()) {
                        Record r = c.record();
                        check(r.sequence() == s + 1, "sequence " + r.sequence() + " at " + s);
                        check(r.key().equals(key(s * STRIDE % count)), "sequence order at " + s);
                        s++;
                    }
                }
                check(s == count, "bySequence saw " + s);
                return null;
            });
            long t2 = System.nanoTime();
            Runtime rt = Runtime.getRuntime();
            System.out.printf("OK inserted %d in %d ms (%.0f/s), enumerated twice in %d ms, max heap %d MiB, "
                            + "heap in use at end %d MiB%n",
                    count, (t1 - t0) / 1_000_000, count * 1e9 / (t1 - t0), (t2 - t1) / 1_000_000,
                    rt.maxMemory() >> 20, (rt.totalMemory() - rt.freeMemory()) >> 20);
        }
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            System.out.println("FAIL " + message);
            System.exit(1);
        }
    }
}
