package org.c4j.cli;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The {@code c4} command's entry point (what {@code ./c4} runs): runs {@link Cli} on the real streams, written as
 * UTF-8 whatever the locale (JSON is UTF-8), and exits with its status. SIGINT/SIGTERM ask a running {@code serve} or {@code sync} to stop, and the JVM waits for it to
 * stop cleanly before exiting.
 */
public final class Main {
    /** How long the shutdown hook waits for a command to stop cleanly (closing connections, saving checkpoints). */
    private static final Duration STOP_GRACE = Duration.ofSeconds(15);

    private Main() {
    }

    public static void main(String[] args) {
        StopSignal stop = new StopSignal();
        Thread hook = new Thread(() -> {
            stop.request();
            try {
                stop.awaitFinished(STOP_GRACE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "c4-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        PrintStream out = new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out)), false,
                StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        int status;
        try {
            status = new Cli(out, err, stop).run(args);
        } finally {
            out.flush();
            stop.finished();
        }
        System.exit(status);
    }
}
