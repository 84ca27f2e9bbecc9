package org.c4j.interop.faults;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One life of a {@link ListenerProcess} child JVM, seen from the parent: started on this JVM's class path, its
 * stdout read line by line on a daemon thread (its stderr, the listener's log, goes to a file). Thread-safe.
 */
final class ListenerChild {
    /** Revisions the child received although its database already held them (re-sent bodies), all lives. */
    record Resent(int life, String docId, String revId) { }

    private final Process process;
    private final int life;
    private final CompletableFuture<Integer> port = new CompletableFuture<>();
    private final CompletableFuture<Void> firstRev = new CompletableFuture<>();
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private final AtomicInteger revs = new AtomicInteger();
    private final List<Resent> resent;

    private ListenerChild(Process process, int life, List<Resent> resent) {
        this.process = process;
        this.life = life;
        this.resent = resent;
    }

    /**
     * Starts the child on database directory {@code dir} and {@code port} (0: any), logging to {@code log}; returns
     * once it listens.
     *
     * @param resent where re-sent revisions are recorded (shared by the lives of one test)
     */
    static ListenerChild start(Path dir, int port, Path log, int life, List<Resent> resent) throws Exception {
        // A fixed port can be briefly taken (e.g. a client's connect to it self-connecting while nothing listened):
        // a child that cannot bind exits, and a new one tries again.
        for (int attempt = 1; ; attempt++) {
            try {
                return startOnce(dir, port, log, life, resent);
            } catch (AssertionError e) {
                if (port == 0 || attempt == 5) {
                    throw e;
                }
                System.out.println("[listener child " + life + "] did not start on port " + port + ", retrying");
                Thread.sleep(200);
            }
        }
    }

    private static ListenerChild startOnce(Path dir, int port, Path log, int life, List<Resent> resent)
            throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=info", "-cp", System.getProperty("java.class.path"),
                ListenerProcess.class.getName(), dir.toString(), Integer.toString(port))
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        ListenerChild child = new ListenerChild(p, life, resent);
        Thread reader = new Thread(child::readOutput, "listener-child-" + life);
        reader.setDaemon(true);
        reader.start();
        try {
            child.port.get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
            throw new AssertionError("listener child " + life + " did not start; see " + log, e);
        }
        return child;
    }

    private void readOutput() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] f = line.split(" ");
                switch (f[0]) {
                    case "PORT" -> port.complete(Integer.parseInt(f[1]));
                    case "REV" -> {
                        revs.incrementAndGet();
                        firstRev.complete(null);
                        if (f[1].equals("1")) {
                            resent.add(new Resent(life, f[2], f[3]));
                        }
                    }
                    case "STOPPED" -> stopped.complete(null);
                    default -> System.out.println("[listener child " + life + "] " + line);
                }
            }
        } catch (IOException e) {
            // the child died: its pipe is gone
        } finally {
            port.completeExceptionally(new IllegalStateException("child exited"));
            firstRev.completeExceptionally(new IllegalStateException("child exited"));
        }
    }

    int port() {
        return port.join();
    }

    /** {@code rev} messages this life received so far. */
    int revsReceived() {
        return revs.get();
    }

    /** Waits until this life received its first {@code rev} (the replication is under way). */
    void awaitFirstRev(long seconds) throws Exception {
        firstRev.get(seconds, TimeUnit.SECONDS);
    }

    /** SIGKILL (on Linux) and wait for the process to be gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("killed listener child " + life + " is still alive");
        }
    }

    /** Asks the child to stop its listener and close its database, and waits for it to exit. */
    void stop() throws Exception {
        OutputStream in = process.getOutputStream();
        in.write("STOP\n".getBytes(StandardCharsets.US_ASCII));
        in.flush();
        stopped.get(60, TimeUnit.SECONDS);
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new AssertionError("listener child " + life + " did not exit cleanly");
        }
    }
}
