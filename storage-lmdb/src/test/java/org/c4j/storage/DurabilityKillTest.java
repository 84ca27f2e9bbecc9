package org.c4j.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child JVM ({@link DurabilityWriter}) commits transactions in a loop and reports each committed record only
 * after its commit returned; it is killed with SIGKILL at random moments, 20 times on the same directory. After
 * each kill every reported record must be present and intact, and every transaction must be all-or-nothing.
 */
class DurabilityKillTest {
    static final int ROUNDS = 20;

    @TempDir
    Path dir;

    @Test
    void committedDataSurvivesSigkill() throws Exception {
        long seed = Long.getLong("c4j.durability.seed", System.nanoTime());
        System.out.println("DurabilityKillTest seed = " + seed + " (rerun with -Dc4j.durability.seed=" + seed + ")");
        Random random = new Random(seed);
        Map<String, String> reported = new ConcurrentHashMap<>();
        long lastCounter = 0;
        for (int round = 0; round < ROUNDS; round++) {
            Process child = ChildJvm.start(List.of("-Xmx64m"), DurabilityWriter.class, dir.toString());
            CountDownLatch ready = new CountDownLatch(1);
            Thread reader = new Thread(() -> readReports(child, reported, ready), "durability-reader");
            reader.start();
            assertTrue(ready.await(30, TimeUnit.SECONDS), "child did not start");
            Thread.sleep(random.nextInt(400));
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
            reader.join(10_000);
            lastCounter = verify(reported, lastCounter);
        }
        System.out.println("DurabilityKillTest: " + ROUNDS + " kills, " + lastCounter + " transactions committed, "
                + reported.size() + " records reported");
        assertTrue(reported.size() > 0, "no commit was ever reported");
    }

    private static void readReports(Process child, Map<String, String> reported, CountDownLatch ready) {
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith("READY")) {
                    ready.countDown();
                } else if (line.startsWith("C ")) {
                    String[] parts = line.split(" ");
                    if (parts.length == 3) { // a line cut by the kill is not a report
                        reported.put(parts[1], parts[2]);
                    }
                }
            }
        } catch (java.io.IOException e) {
            // The pipe breaks when the child dies.
        }
    }

    /** Checks the store after a kill; returns the number of committed transactions found. */
    private long verify(Map<String, String> reported, long previousCounter) {
        try (LmdbStore store = LmdbStore.open(dir)) {
            KeyStore docs = store.keyStore("docs", true);
            KeyStore info = store.keyStore("info", false);
            return store.inRead(t -> {
                Record c = info.get(t, DurabilityWriter.COUNTER);
                long counter = c == null ? 0 : Long.parseLong(new String(c.body(), StandardCharsets.US_ASCII));
                assertTrue(counter >= previousCounter, "committed transactions disappeared");
                for (Map.Entry<String, String> e : reported.entrySet()) {
                    Record r = docs.get(t, e.getKey());
                    assertNotNull(r, "reported record lost: " + e.getKey());
                    assertEquals(e.getValue(), new String(r.version(), StandardCharsets.US_ASCII));
                    assertEquals(e.getValue(), DurabilityWriter.version(r.body()), "corrupt body " + e.getKey());
                }
                // All-or-nothing: transactions 1..counter complete and intact, the next one absent.
                for (long n = 1; n <= counter; n++) {
                    for (int j = 0; j < DurabilityWriter.RECORDS_PER_TXN; j++) {
                        Record r = docs.get(t, DurabilityWriter.key(n, j));
                        assertNotNull(r, "partial transaction " + n);
                        assertArrayEquals(DurabilityWriter.body(n, j), r.body());
                    }
                }
                for (int j = 0; j < DurabilityWriter.RECORDS_PER_TXN; j++) {
                    assertNull(docs.get(t, DurabilityWriter.key(counter + 1, j)), "partial transaction visible");
                }
                assertEquals(counter * DurabilityWriter.RECORDS_PER_TXN, docs.count(t));
                assertEquals(counter * DurabilityWriter.RECORDS_PER_TXN, docs.lastSequence(t));
                return counter;
            });
        }
    }
}
