package org.c4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9, secrets: {@code serve} and {@code sync} take the password from {@code --password-file} or
 * {@code $C4_PASSWORD} as well as {@code --password}, and warn when it is on the command line.
 */
class PasswordSourcesTest {
    private static final Pattern LISTENING = Pattern.compile("listening (ws://\\S+)\\n");
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path tmp;

    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void shutdown() {
        threads.shutdownNow();
    }

    private record Run(int status, String out, String err) {
    }

    /** Runs a command to its end with {@code env} as its environment. */
    private static Run run(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new Cli(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), new StopSignal(), env::get).run(args);
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private String db(String name) {
        return tmp.resolve(name).toString();
    }

    @Test
    void aServerWithAPasswordFileAndAClientWithTheEnvironmentVariableSyncWithoutWarnings() throws Exception {
        Path file = tmp.resolve("pw");
        Files.writeString(file, "s3cret\n");
        StopSignal stop = new StopSignal();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Future<Integer> serve = threads.submit(() -> new Cli(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), stop, name -> null).run("serve", db("server"),
                "--port", "0", "--host", "127.0.0.1", "--no-tls", "--user", "alice", "--password-file",
                file.toString()));
        String url = null;
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (url == null && System.nanoTime() < deadline && !serve.isDone()) {
            Matcher m;
            synchronized (out) {
                m = LISTENING.matcher(out.toString(StandardCharsets.UTF_8));
            }
            if (m.find()) {
                url = m.group(1);
            } else {
                Thread.sleep(20);
            }
        }
        assertTrue(url != null, () -> "no listening line: " + err);
        try {
            assertEquals(Cli.OK, run(Map.of(), "put", db("a"), "x", "{\"v\":1}").status());
            Run viaEnv = run(Map.of("C4_PASSWORD", "s3cret"), "sync", db("a"), url, "--push", "--user", "alice");
            assertEquals(Cli.OK, viaEnv.status(), viaEnv::err);
            assertEquals("pushed 1, pulled 0, errors 0\n", viaEnv.out());
            assertFalse(viaEnv.err().contains("warning"), viaEnv.err());
            Run wrongEnv = run(Map.of("C4_PASSWORD", "nope"), "sync", db("a"), url, "--push", "--user", "alice");
            assertEquals(Cli.ERROR, wrongEnv.status());
            assertFalse(wrongEnv.err().contains("nope"), wrongEnv.err());
        } finally {
            stop.request();
            assertEquals(Cli.OK, serve.get(WAIT.toSeconds(), TimeUnit.SECONDS));
        }
        synchronized (err) {
            assertFalse(err.toString(StandardCharsets.UTF_8).contains("visible"), "warned about a file");
        }
    }

    @Test
    void aPasswordOnTheCommandLineDrawsAWarningThatDoesNotShowIt() {
        // --session makes it a usage error right after the credentials are read: nothing connects.
        Run r = run(Map.of(), "sync", db("a"), "ws://127.0.0.1:1/db", "--push", "--user", "u", "--password",
                "hunter2", "--session", "abc");
        assertEquals(Cli.USAGE, r.status(), r::err);
        assertTrue(r.err().contains("c4: warning: a password given with --password is visible"), r.err());
        assertFalse(r.err().contains("hunter2"), r.err());
    }

    @Test
    void conflictingOrMissingPasswordSourcesAreUsageErrors() throws Exception {
        Path file = tmp.resolve("pw");
        Files.writeString(file, "x");
        assertEquals(Cli.USAGE, run(Map.of(), "sync", db("a"), "ws://h/db", "--user", "u", "--password", "p",
                "--password-file", file.toString()).status());
        Run missing = run(Map.of(), "sync", db("a"), "ws://h/db", "--user", "u");
        assertEquals(Cli.USAGE, missing.status());
        assertTrue(missing.err().contains("C4_PASSWORD"), missing.err());
        assertEquals(Cli.USAGE, run(Map.of(), "sync", db("a"), "ws://h/db", "--password-file",
                file.toString()).status());
        assertEquals(Cli.USAGE, run(Map.of(), "serve", db("s"), "--port", "0", "--user", "u", "--password-file",
                tmp.resolve("absent").toString()).status());
    }
}
