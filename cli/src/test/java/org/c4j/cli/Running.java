package org.c4j.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A long-running {@code c4} command (serve, continuous sync) run in-process on a thread of the test's pool, with
 * its output, exit status and stop signal. Thread-safe.
 */
final class Running {
    /** Generous bound for waits on a busy shared machine; never asserted as a timing. */
    static final Duration WAIT = Duration.ofSeconds(60);

    final StopSignal stop = new StopSignal();
    final Future<Integer> status;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final Pattern listening;

    /** @param listening the "listening" line the command prints, whose group 1 is the URL ({@link #url}) */
    Running(ExecutorService threads, Pattern listening, String... args) {
        this.listening = listening;
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        status = threads.submit(() -> new Cli(o, e, stop).run(args));
    }

    String out() {
        synchronized (out) {
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    String err() {
        synchronized (err) {
            return err.toString(StandardCharsets.UTF_8);
        }
    }

    /** Waits for the "listening" line and returns the URL in it. */
    String url() throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Matcher m = listening.matcher(out());
            if (m.matches()) {
                return m.group(1);
            }
            if (status.isDone()) {
                throw new AssertionError("serve ended with " + status.get() + ": " + err());
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no listening line: " + out() + " / " + err());
    }

    /** Asks the command to stop (as SIGTERM would) and returns its exit status. */
    int stopAndWait() throws Exception {
        stop.request();
        return status.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }
}
