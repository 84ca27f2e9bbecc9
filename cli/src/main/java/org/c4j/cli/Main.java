package org.c4j.cli;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import sun.misc.Signal;

/**
 * The {@code c4} command's entry point (what {@code ./c4} runs): runs {@link Cli} on the real streams, written as
 * UTF-8 whatever the locale (JSON is UTF-8), and exits with its status.
 *
 * <p>SIGINT and SIGTERM ask a running {@code serve} or {@code sync} to stop: it stops cleanly and the process exits
 * with the command's own status (0 for a clean stop). A second signal, or a signal during another command, ends the
 * process at once with 128 + the signal number, as usual. Other ways of shutting the JVM down (SIGHUP) still give the
 * command {@link #STOP_GRACE} to stop cleanly.
 */
public final class Main {
    /** How long the JVM's shutdown waits for a command to stop cleanly (closing connections, saving checkpoints). */
    private static final Duration STOP_GRACE = Duration.ofSeconds(15);

    private Main() {
    }

    public static void main(String[] args) {
        StopSignal stop = new StopSignal();
        handle("INT", stop);
        handle("TERM", stop);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop.request();
            if (stop.isWatched()) {
                try {
                    stop.awaitFinished(STOP_GRACE);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }, "c4-shutdown"));
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

    private static void handle(String name, StopSignal stop) {
        try {
            Signal.handle(new Signal(name), sig -> {
                if (!stop.isWatched()) {
                    System.exit(128 + sig.getNumber());
                } else if (stop.isRequested()) {
                    Runtime.getRuntime().halt(128 + sig.getNumber()); // asked twice: don't wait for a clean stop
                } else {
                    stop.request();
                }
            });
        } catch (IllegalArgumentException e) {
            // The signal is unknown or reserved here: the JVM's own handling (and the shutdown hook) remains.
        }
    }
}
