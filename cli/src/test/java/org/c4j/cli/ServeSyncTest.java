package org.c4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve} and {@code sync} in-process over real sockets on 127.0.0.1: databases converge. */
class ServeSyncTest {
    private static final Pattern LISTENING = Pattern.compile("listening (wss?://127\\.0\\.0\\.1:(\\d+)/(\\S+))\n");
    /** Generous bounds for waits on a busy shared machine; never asserted as timings. */
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path tmp;

    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void shutdown() {
        threads.shutdownNow();
    }

    /** A long-running command (serve, continuous sync) on its own thread, with its output and stop signal. */
    private Running running(String... args) {
        return new Running(threads, LISTENING, args);
    }

    private String db(String name) {
        return tmp.resolve(name).toString();
    }

    private static void ok(CliRunner.Result r) {
        assertEquals(Cli.OK, r.status(), () -> "stdout: " + r.out() + "\nstderr: " + r.err());
    }

    @Test
    void pushThenPullThroughAServerConverges() throws Exception {
        Running serve = running("serve", db("server"), "--port", "0", "--host", "127.0.0.1", "--no-tls",
                "--db", "shared");
        String url = serve.url();
        assertTrue(url.endsWith("/shared"), url);

        for (int i = 0; i < 20; i++) {
            ok(CliRunner.run("put", db("a"), "doc" + i, "{\"i\":" + i + ",\"s\":\"ünï\"}"));
        }
        ok(CliRunner.run("put", db("a"), "doc0", "{\"i\":0,\"edited\":true}"));
        CliRunner.Result push = CliRunner.run("sync", db("a"), url, "--push");
        ok(push);
        assertEquals("pushed 20, pulled 0, errors 0\n", push.out());

        CliRunner.Result pull = CliRunner.run("sync", db("b"), url, "--pull");
        ok(pull);
        assertEquals("pushed 0, pulled 20, errors 0\n", pull.out());
        assertEquals(CliRunner.run("ls", db("a")).out(), CliRunner.run("ls", db("b")).out());
        assertEquals("{\"i\":0,\"edited\":true}\n", CliRunner.run("get", db("b"), "doc0").out());

        // Both ways: a deletion from b and a new document from a meet on the server and then everywhere.
        ok(CliRunner.run("rm", db("b"), "doc1"));
        ok(CliRunner.run("put", db("a"), "new", "{\"from\":\"a\"}"));
        ok(CliRunner.run("sync", db("b"), url));
        ok(CliRunner.run("sync", db("a"), url));
        ok(CliRunner.run("sync", db("b"), url));
        String a = CliRunner.run("ls", db("a")).out();
        assertEquals(a, CliRunner.run("ls", db("b")).out());
        assertTrue(a.contains("new\t") && !a.contains("doc1\t"), a);

        assertEquals(Cli.OK, serve.stopAndWait(), serve.err());
        assertEquals(a, CliRunner.run("ls", db("server")).out());
    }

    @Test
    void aServedDatabaseCannotBeOpenedByAnotherCommand() throws Exception {
        Running serve = running("serve", db("server"), "--port", "0", "--host", "127.0.0.1", "--no-tls");
        serve.url();
        CliRunner.Result put = CliRunner.run("put", db("server"), "x", "{}");
        assertEquals(Cli.ERROR, put.status());
        assertTrue(put.err().contains("is in use by another c4 command"), put.err());
        assertEquals(Cli.OK, serve.stopAndWait());
        ok(CliRunner.run("put", db("server"), "x", "{}"));
    }

    @Test
    void withoutNoTlsServeServesWss() throws Exception {
        Running serve = running("serve", db("server"), "--port", "0", "--host", "127.0.0.1", "--cert-out",
                db("cert.pem"));
        String url = serve.url();
        assertTrue(url.startsWith("wss://"), url);
        assertTrue(url.endsWith("/server"), url); // the directory's name by default
        assertEquals("", serve.err());
        ok(CliRunner.run("put", db("a"), "x", "{}"));
        ok(CliRunner.run("sync", db("a"), url, "--pinned-cert", db("cert.pem")));
        assertEquals(Cli.OK, serve.stopAndWait());
    }

    @Test
    void basicAuthIsRequiredWhenConfigured() throws Exception {
        Running serve = running("serve", db("server"), "--port", "0", "--host", "127.0.0.1", "--no-tls",
                "--user", "alice", "--password", "s3cret");
        String url = serve.url();
        ok(CliRunner.run("put", db("a"), "x", "{\"v\":1}"));

        CliRunner.Result anonymous = CliRunner.run("sync", db("a"), url, "--push");
        assertEquals(Cli.ERROR, anonymous.status());
        assertTrue(anonymous.err().contains("c4: replication failed"), anonymous.err());
        CliRunner.Result wrong = CliRunner.run("sync", db("a"), url, "--push", "--user", "alice", "--password",
                "wrong-pw");
        assertEquals(Cli.ERROR, wrong.status());
        assertTrue(wrong.err().contains("c4: replication failed"), wrong.err());
        assertTrue(!wrong.err().contains("wrong-pw"), wrong.err());

        CliRunner.Result right = CliRunner.run("sync", db("a"), url, "--push", "--user", "alice", "--password", "s3cret");
        ok(right);
        assertEquals("pushed 1, pulled 0, errors 0\n", right.out());
        assertEquals(Cli.OK, serve.stopAndWait());
    }

    @Test
    void readonlyServerRefusesPushesButServesPulls() throws Exception {
        ok(CliRunner.run("put", db("server"), "s", "{\"served\":true}"));
        Running serve = running("serve", db("server"), "--port", "0", "--host", "127.0.0.1", "--no-tls",
                "--readonly");
        String url = serve.url();
        ok(CliRunner.run("put", db("a"), "x", "{}"));
        CliRunner.Result push = CliRunner.run("sync", db("a"), url, "--push");
        assertEquals(Cli.ERROR, push.status(), () -> push.out() + push.err());
        assertTrue(push.err().contains("c4: replication failed"), push.err());
        ok(CliRunner.run("sync", db("a"), url, "--pull"));
        assertEquals("{\"served\":true}\n", CliRunner.run("get", db("a"), "s").out());
        assertEquals(Cli.OK, serve.stopAndWait());
        assertEquals(Cli.ERROR, CliRunner.run("get", db("server"), "x").status());
    }

    @Test
    void deltaSyncServerAndNoDeltasClientConverge() throws Exception {
        Running serve = running("serve", db("server"), "--port", "0", "--host", "127.0.0.1", "--no-tls",
                "--delta-sync");
        String url = serve.url();
        String text = "lorem ipsum dolor sit amet ".repeat(40);
        ok(CliRunner.run("put", db("a"), "big", "{\"n\":1,\"text\":\"" + text + "\"}"));
        ok(CliRunner.run("sync", db("a"), url, "--push"));
        ok(CliRunner.run("put", db("a"), "big", "{\"n\":2,\"text\":\"" + text + "\"}"));
        ok(CliRunner.run("sync", db("a"), url, "--push")); // an edit of a 1 KB body: sent as a delta
        ok(CliRunner.run("sync", db("b"), url, "--pull", "--no-deltas"));
        assertEquals("{\"n\":2,\"text\":\"" + text + "\"}\n", CliRunner.run("get", db("b"), "big").out());
        assertEquals(Cli.OK, serve.stopAndWait());
        assertEquals(CliRunner.run("get", db("a"), "big").out(), CliRunner.run("get", db("server"), "big").out());
    }

    @Test
    void continuousPullPicksUpLaterChangesUntilStopped() throws Exception {
        Running serve = running("serve", db("server"), "--port", "0", "--host", "127.0.0.1", "--no-tls");
        String url = serve.url();
        Running sync = running("sync", db("c"), url, "--pull", "--continuous");
        ok(CliRunner.run("put", db("a"), "later", "{\"n\":1}"));
        ok(CliRunner.run("sync", db("a"), url, "--push"));

        // The database is busy while the sync runs; its progress lines count the documents moved.
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!sync.err().contains(", 1 docs") && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(Cli.OK, sync.stopAndWait(), sync.err());
        assertEquals("pushed 0, pulled 1, errors 0\n", sync.out());
        assertEquals("{\"n\":1}\n", CliRunner.run("get", db("c"), "later").out());
        assertEquals(Cli.OK, serve.stopAndWait());
    }

    @Test
    void syncToAnUnreachableServerRetriesUntilInterruptedAndFails() throws Exception {
        Running sync = running("sync", db("a"), "ws://127.0.0.1:1/none", "--push");
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!sync.err().contains("c4: offline") && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(sync.err().contains("(will retry: "), sync.err());
        assertEquals(Cli.ERROR, sync.stopAndWait());
        assertTrue(sync.err().contains("c4: replication failed"), sync.err());
        assertEquals("pushed 0, pulled 0, errors 0\n", sync.out());
    }

    @Test
    void serveAndSyncUsageErrors() {
        CliRunner.Result noPort = CliRunner.run("serve", db("s"));
        assertEquals(Cli.USAGE, noPort.status());
        assertTrue(noPort.err().startsWith("c4: --port is required\nusage: c4 serve "), noPort.err());
        assertEquals(Cli.USAGE, CliRunner.run("serve", db("s"), "--port", "http").status());
        assertEquals(Cli.USAGE, CliRunner.run("serve", db("s"), "--port", "70000").status());
        assertEquals(Cli.USAGE, CliRunner.run("serve", db("s"), "--port", "0", "--user", "u").status());
        assertEquals(Cli.USAGE, CliRunner.run("serve", db("s"), "--port", "0", "--db", "a/b").status());
        assertEquals(Cli.USAGE, CliRunner.run("sync", db("s"), "ws://h/db", "--push", "--pull").status());
        assertEquals(Cli.USAGE, CliRunner.run("sync", db("s"), "ws://h/db", "--password", "p").status());
        assertEquals(Cli.USAGE, CliRunner.run("sync", db("s"), "ws://h/db", "--user", "u", "--password", "p",
                "--session", "x").status());
        assertEquals(Cli.USAGE, CliRunner.run("sync", db("s"), "ws://h /db").status());
        CliRunner.Result notWs = CliRunner.run("sync", db("s"), "http://h/db");
        assertEquals(Cli.ERROR, notWs.status());
        assertTrue(notWs.err().startsWith("c4: "), notWs.err());
    }
}
