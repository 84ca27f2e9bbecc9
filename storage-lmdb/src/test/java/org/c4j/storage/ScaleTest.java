package org.c4j.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One million small records inserted (10,000 per transaction) and streamed back by key and by sequence in a
 * child JVM whose heap is capped at 256 MiB, so the bound is real.
 */
class ScaleTest {
    @TempDir
    Path dir;

    @Test
    void millionRecordsWithBoundedHeap() throws Exception {
        Process child = ChildJvm.start(List.of("-Xmx256m"), ScaleMain.class, dir.toString(), "1000000", "10000");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Thread pump = new Thread(() -> {
            try {
                child.getInputStream().transferTo(out);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        pump.start();
        boolean done = child.waitFor(170, TimeUnit.SECONDS);
        if (!done) {
            child.destroyForcibly();
        }
        pump.join(10_000);
        String output = out.toString(StandardCharsets.UTF_8);
        System.out.println("ScaleTest: " + output.trim());
        assertTrue(done, "timed out");
        assertEquals(0, child.exitValue(), output);
        assertTrue(output.startsWith("OK"), output);
    }
}
