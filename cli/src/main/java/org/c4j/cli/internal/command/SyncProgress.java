package org.c4j.cli.internal.command;

import java.io.PrintStream;
import java.util.Locale;

import org.c4j.replicator.DocumentReplication;
import org.c4j.replicator.ReplicatorActivity;
import org.c4j.replicator.ReplicatorStatus;

/**
 * Counts what a {@code sync} moved and reports progress on stderr: each change of activity, progress at most once
 * a second while busy, and every failed document.
 *
 * <p>Not thread-safe on its own: the replicator calls its listeners one at a time, in order, on one notification
 * thread; {@link #summary()} and {@link #errors()} are read after the final status, which is delivered after every
 * document event.
 */
final class SyncProgress {
    /** Busy progress lines are at most this often: a human reads them, and a big sync has thousands of updates. */
    private static final long PROGRESS_INTERVAL_NANOS = 1_000_000_000L;

    private final PrintStream err;
    private volatile long pushed;
    private volatile long pulled;
    private volatile long errors;
    private ReplicatorActivity activity;
    private long lastProgressNanos;

    SyncProgress(PrintStream err) {
        this.err = err;
    }

    void document(DocumentReplication d) {
        String way = d.pushed() ? "push" : "pull";
        if (d.error() != null) {
            errors++;
            err.println("c4: " + way + " of " + d.docId() + " failed: " + d.error().getMessage()
                    + (d.errorIsTransient() ? " (transient)" : ""));
        } else if (d.pushed()) {
            pushed++;
        } else {
            pulled++;
        }
    }

    void status(ReplicatorStatus s) {
        long now = System.nanoTime();
        boolean changed = s.activity() != activity;
        activity = s.activity();
        if (!changed && (s.activity() != ReplicatorActivity.BUSY || now - lastProgressNanos < PROGRESS_INTERVAL_NANOS)) {
            return;
        }
        lastProgressNanos = now;
        StringBuilder line = new StringBuilder("c4: ").append(s.activity().name().toLowerCase(Locale.ROOT));
        if (s.total() > 0) {
            line.append(' ').append(s.completed()).append('/').append(s.total());
        }
        line.append(", ").append(s.documentCount()).append(" docs");
        if (s.error() != null && s.activity() == ReplicatorActivity.OFFLINE) {
            line.append(" (will retry: ").append(s.error().getMessage()).append(')');
        }
        err.println(line);
    }

    long errors() {
        return errors;
    }

    String summary() {
        return "pushed " + pushed + ", pulled " + pulled + ", errors " + errors;
    }
}
