package org.c4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The durability requirement at the document level: a child JVM saves documents in transactions and is
 * killed with SIGKILL at random points, 20 times; after each kill every committed document is present and
 * intact, and no transaction is partly visible.
 */
class DurabilityKillTest {
    private static final int KILLS = 20;

    @TempDir
    Path tmp;

    @Test
    void committedDocumentsSurviveSigkill() throws Exception {
        Path dir = tmp.resolve("db");
        Random rnd = new Random();
        long seed = rnd.nextLong();
        System.out.println("DurabilityKillTest seed " + seed);
        rnd = new Random(seed);
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (int round = 0; round < KILLS; round++) {
            Path log = tmp.resolve("child-" + round + ".txt");
            Process p = new ProcessBuilder(javaBin, "-Xmx128m", "-cp", System.getProperty("java.class.path"),
                    DurabilityMain.class.getName(), dir.toString(), Long.toString(rnd.nextLong()))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!completeLines(log).contains("ready ") && p.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertTrue(completeLines(log).contains("ready "), "child didn't start: " + completeLines(log));
            Thread.sleep(50 + rnd.nextInt(400));
            p.destroyForcibly(); // SIGKILL
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            long committed = -1;
            Set<Long> batchEnds = new HashSet<>();
            for (String line : completeLines(log).split("\n")) {
                if (line.startsWith("ready ")) {
                    batchEnds.add(Long.parseLong(line.substring(6)));
                } else if (line.startsWith("committed ")) {
                    committed = Long.parseLong(line.substring(10));
                } else if (line.startsWith("begin ")) {
                    batchEnds.add(Long.parseLong(line.substring(line.lastIndexOf(' ') + 1)));
                } else if (!line.isEmpty()) {
                    throw new AssertionError("child said: " + line);
                }
            }
            try (Database db = Database.open(dir)) {
                Collection c = db.defaultCollection();
                long count = c.lastSequence();
                System.out.println("round " + round + ": last committed " + committed + ", stored " + count);
                assertTrue(count >= committed, "round " + round + ": lost committed documents: " + count + " < " + committed);
                assertTrue(batchEnds.contains(count), "round " + round + ": partial transaction visible at " + count);
                assertEquals(count, c.count());
                for (long i = Math.max(0, committed - 25); i < count; i++) {
                    Document d = c.get(DurabilityMain.id(i));
                    assertNotNull(d, "missing " + i);
                    assertEquals(DurabilityMain.json(i), d.body().toJson());
                }
            }
        }
    }

    /** The child's output up to its last newline (a line cut by the kill is ignored). */
    private static String completeLines(Path log) throws java.io.IOException {
        String all = Files.readString(log, StandardCharsets.UTF_8);
        return all.substring(0, all.lastIndexOf('\n') + 1);
    }
}
