package org.c4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code ./c4} script end to end: it builds the runnable jar (into target-c4test/ so it never touches the
 * output of the build running this test) and runs {@code put} then {@code get} from a different directory; then
 * {@code serve} keeps other processes out of its database and stops cleanly, with status 0, on SIGTERM.
 */
class C4ScriptTest {
    /** The first run builds every module the cli needs: generous, as on a slow shared machine. */
    private static final long FIRST_RUN_MINUTES = 15;

    @TempDir
    Path tmp;

    private record Run(int status, String out, String err) {
    }

    private Process start(Path out, Path err, String... args) throws IOException {
        Path script = Path.of("").toAbsolutePath().getParent().resolve("c4");
        assertTrue(Files.isExecutable(script), script + " is missing or not executable");
        ProcessBuilder pb = new ProcessBuilder();
        pb.command().add(script.toString());
        pb.command().addAll(List.of(args));
        pb.directory(tmp.toFile());
        pb.environment().put("C4J_BUILD_SUFFIX", "-c4test");
        pb.environment().remove("LC_ALL");
        pb.environment().put("LANG", "C"); // the script must still pass UTF-8 arguments through
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        return pb.start();
    }

    private Run c4(String... args) throws IOException, InterruptedException {
        Path out = tmp.resolve("out.txt");
        Path err = tmp.resolve("err.txt");
        Process p = start(out, err, args);
        if (!p.waitFor(FIRST_RUN_MINUTES, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("./c4 did not finish; stderr: " + Files.readString(err));
        }
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void putThenGetThroughTheScript() throws Exception {
        Run put = c4("put", "db", "hello", "{\"greeting\":\"héllo\"}");
        assertEquals(0, put.status(), put.err());
        assertTrue(put.out().matches("1-[0-9a-f]+\n"), put.out());

        Run get = c4("get", "db", "hello");
        assertEquals(0, get.status(), get.err());
        assertEquals("{\"greeting\":\"héllo\"}\n", get.out());
        assertEquals("", get.err());

        Path out = tmp.resolve("serve-out.txt");
        Path err = tmp.resolve("serve-err.txt");
        Process serve = start(out, err, "serve", "db", "--port", "0", "--host", "127.0.0.1", "--no-tls");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(FIRST_RUN_MINUTES);
        while (!Files.readString(out).endsWith("\n") && serve.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(Files.readString(out).matches("listening ws://127\\.0\\.0\\.1:\\d+/db\n"),
                () -> readQuietly(out) + readQuietly(err));
        Run busy = c4("put", "db", "other", "{}"); // another process: refused, the storage allows one at a time
        assertEquals(1, busy.status(), busy.err());
        assertTrue(busy.err().contains("is in use by another c4 command"), busy.err());
        serve.destroy(); // SIGTERM
        assertTrue(serve.waitFor(FIRST_RUN_MINUTES, TimeUnit.MINUTES));
        assertEquals(0, serve.exitValue(), () -> readQuietly(err));
    }

    private static String readQuietly(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
