package org.c4j.interop.load;

import java.util.List;
import java.util.Locale;

/**
 * What a load run measured and found. Immutable.
 *
 * @param params          what ran
 * @param totalMs         the whole run, from opening the databases to closing them
 * @param connectedMs     from starting the clients until every one was connected and idle
 * @param writeMs         how long the writers saved (the {@code seconds} parameter, as measured)
 * @param catchUpMs       from the writers' stop until every side held every document it should
 * @param saved           revisions saved in all (clients and the listener's own writer)
 * @param documents       documents in the listener's database at the end
 * @param pushed          revisions the clients' replicators reported pushed
 * @param pulled          revisions the clients' replicators reported pulled
 * @param cpuNanos        process CPU time from the writers' start to convergence
 * @param runCpuNanos     process CPU time since the JVM started, at the end of the run
 * @param cpuByOwner      CPU time of the Java threads alive during the run, by owner, since each started
 *                        ({@link Census#cpuByOwner()})
 * @param peaks           the census' peaks (threads, heap, connections)
 * @param listenerThreadsAfterStop the listener's own threads still alive once it stopped and its pools shut down
 * @param errors          every replication error (clients and listener) and every missing or differing document
 * @param connectionsMade connections the listener accepted during the whole run
 * @param refused         connections the listener refused (caps)
 * @param loadBefore      {@code /proc/loadavg} before the run
 * @param loadAfter       {@code /proc/loadavg} after it
 */
record LoadReport(LoadParams params, long totalMs, long connectedMs, long writeMs, long catchUpMs, long saved, long documents,
                  long pushed, long pulled, long cpuNanos, long runCpuNanos,
                  java.util.Map<String, Long> cpuByOwner, Census.Peaks peaks, int listenerThreadsAfterStop,
                  List<String> errors, int connectionsMade, int refused, String loadBefore, String loadAfter) {

    /** Transfer rate over the writers' time plus the catch-up, in revisions per second. */
    double perSecond(long revisions) {
        return revisions * 1000.0 / Math.max(1, writeMs + catchUpMs);
    }

    /** The figures, one per line, for the benchmark's output and the test's log. */
    String describe() {
        long mib = 1024 * 1024;
        StringBuilder b = new StringBuilder();
        b.append("load: ").append(params).append('\n');
        b.append(String.format(Locale.ROOT, "  loadavg before %s, after %s%n", loadBefore, loadAfter));
        b.append(String.format(Locale.ROOT, "  run %.1f s in all; connected in %.1f s; saved %,d revisions in %.1f s; caught up %.1f s later;"
                + " %,d documents on the listener%n", totalMs / 1e3, connectedMs / 1e3, saved, writeMs / 1e3, catchUpMs / 1e3,
                documents));
        b.append(String.format(Locale.ROOT, "  docs/s: pushed %,.0f, pulled %,.0f, total %,.0f (revisions, over saving"
                + " + catch-up); CPU %.0f µs per transferred revision%n", perSecond(pushed), perSecond(pulled),
                perSecond(pushed + pulled), cpuNanos / 1e3 / Math.max(1, pushed + pulled)));
        long javaCpu = cpuByOwner.values().stream().mapToLong(Long::longValue).sum();
        StringBuilder owners = new StringBuilder();
        cpuByOwner.entrySet().stream().filter(e -> e.getValue() >= 100_000_000L)
                .sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> owners.append(String.format(Locale.ROOT, " %s %.1f,", e.getKey(), e.getValue() / 1e9)));
        b.append(String.format(Locale.ROOT, "  CPU s since the JVM started: process %.1f; Java threads by owner (≥ 0.1 s):%s not"
                + " in those (GC, LiteCore's native threads, threads ended before a sample) %.1f%n", runCpuNanos / 1e9,
                owners, (runCpuNanos - javaCpu) / 1e9));
        b.append(String.format(Locale.ROOT, "  heap: peak used %d MiB (sampled every %d ms), peak after GC %d MiB"
                + " (%d collections)%n", peaks.usedHeap() / mib, Census.PERIOD_MS, peaks.heapAfterGc() / mib,
                peaks.collections()));
        b.append(String.format(Locale.ROOT, "  threads: peak %d in the JVM; by owner %s; listener's left after stop %d%n",
                peaks.threads(), peaks.threadsByOwner(), listenerThreadsAfterStop));
        b.append(String.format(Locale.ROOT, "  connections: peak %d, fewest while steady %d, accepted %d, refused %d%n",
                peaks.connections(), peaks.minSteadyConnections(), connectionsMade, refused));
        b.append("  errors: ").append(errors.size());
        errors.stream().limit(20).forEach(e -> b.append("\n    ").append(e));
        return b.toString();
    }
}
