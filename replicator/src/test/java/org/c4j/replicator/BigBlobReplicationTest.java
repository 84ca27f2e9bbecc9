package org.c4j.replicator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The replicator streams blobs: a 100 MiB blob is pushed A -> B and pulled B -> C (getAttachment and
 * proveAttachment over the loopback transport) byte-exact in a child JVM limited to 64 MiB of heap.
 */
public class BigBlobReplicationTest {
    private static final long HEAP = 64L * 1024 * 1024;

    @TempDir
    Path tmp;

    @Test
    void aHundredMegabyteBlobReplicatesInSixtyFourMegabytesOfHeap() throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx64m"); // and no --add-opens: the storage needs none (storage-lmdb's module-info)
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), BigBlobReplicationMain.class.getName(),
                tmp.resolve("dbs").toString()));
        Path outFile = tmp.resolve("out.txt");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(outFile.toFile()).start();
        boolean done = p.waitFor(4, TimeUnit.MINUTES);
        if (!done) {
            p.destroyForcibly().waitFor();
        }
        List<String> out = Files.readAllLines(outFile, StandardCharsets.UTF_8);
        out.forEach(line -> System.out.println("[child] " + line));
        assertTrue(done, "child JVM timed out:\n" + String.join("\n", out));
        assertEquals(0, p.exitValue(), String.join("\n", out));
        long max = Long.parseLong(out.get(0).substring("maxMemory=".length()));
        assertTrue(max <= HEAP, "child heap bounded: " + max);
        assertEquals("OK", out.get(out.size() - 1));
    }
}
