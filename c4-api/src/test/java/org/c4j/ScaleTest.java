package org.c4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scale requirement: 1,000,000 small documents inserted (in batches) and enumerated by the changes
 * feed and by ID, in a child JVM whose heap is bounded to 256 MiB.
 */
class ScaleTest {
    private static final int DOCS = 1_000_000;
    private static final long HEAP = 256L * 1024 * 1024;

    @TempDir
    Path tmp;

    @Test
    void millionDocumentsInBoundedHeap() throws Exception {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(javaBin, "-Xmx256m", "-Xms64m",
                "-cp", System.getProperty("java.class.path"),
                ScaleMain.class.getName(), tmp.resolve("scale").toString(), Integer.toString(DOCS))
                .redirectErrorStream(true)
                .redirectOutput(tmp.resolve("out.txt").toFile());
        Process p = pb.start();
        boolean done = p.waitFor(170, TimeUnit.SECONDS);
        if (!done) {
            p.destroyForcibly();
        }
        List<String> out = Files.readAllLines(tmp.resolve("out.txt"), StandardCharsets.UTF_8);
        out.forEach(line -> System.out.println("[child] " + line));
        assertTrue(done, "child JVM timed out");
        assertEquals(0, p.exitValue(), String.join("\n", out));
        long max = Long.parseLong(out.get(0).substring("maxMemory=".length()));
        assertTrue(max <= HEAP, "child heap bounded: " + max);
        assertEquals("OK", out.get(out.size() - 1));
    }
}
