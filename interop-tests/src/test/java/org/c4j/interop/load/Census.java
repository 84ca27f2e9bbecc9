package org.c4j.interop.load;

import com.sun.management.GarbageCollectionNotificationInfo;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Samples the JVM during a load run, every {@value #PERIOD_MS} ms on its own thread: live threads in all and by
 * owner (by thread name prefix: the listener's own executors, the c4j clients' transport, the c4j replicator pool,
 * the databases' threads, and the rest — Couchbase Lite's, the JVM's, the test's), used heap and the listener's
 * connections; and, from the JVM's garbage-collection notifications, the heap in use right after every collection.
 * Keeps the peaks and the lowest connection count seen while the run is steady. Thread-safe.
 */
final class Census implements AutoCloseable {
    static final long PERIOD_MS = 250;

    /** Thread name prefixes by owner, in the order shown. */
    static final Map<String, String> OWNERS = ownerPrefixes();

    private static Map<String, String> ownerPrefixes() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("listener", LoadRun.LISTENER_THREADS);
        m.put("listener-io", LoadRun.LISTENER_THREADS + "io-");
        m.put("listener-cb", LoadRun.LISTENER_THREADS + "cb-");
        m.put("listener-repl", LoadRun.LISTENER_THREADS + "repl-");
        m.put("listener-timer", LoadRun.LISTENER_THREADS + "timer-");
        m.put("c4j-clients-io", LoadRun.C4J_CLIENT_THREADS);
        m.put("c4j-clients-cb", "load-c4j-cb-");
        m.put("c4j-repl", "c4j-repl-");
        m.put("c4j-db", "c4j-db-");
        m.put("writers", "load-writer-");
        return m;
    }

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP).toList();
    private final IntSupplier connections;
    private final NotificationListener gcListener = (n, handback) -> afterGc(n);
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "load-census");
        t.setDaemon(true);
        return t;
    });
    // Peaks, guarded by this.
    private int peakThreads;
    private final Map<String, Integer> peakByOwner = new LinkedHashMap<>();
    private long peakUsedHeap;
    private long peakHeapAfterGc;
    private int peakConnections;
    private int minSteadyConnections = Integer.MAX_VALUE;
    private boolean steady;
    private int samples;
    private int collections;
    /** Last sampled CPU time of every Java thread seen, by thread ID (written by the census thread only). */
    private final Map<Long, ThreadCpu> cpuByThread = new java.util.concurrent.ConcurrentHashMap<>();

    /** @param connections the listener's current connection count */
    Census(IntSupplier connections) {
        this.connections = connections;
    }

    void start() {
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(gcListener, null, null);
                emitters.add(emitter);
            }
        }
        timer.scheduleAtFixedRate(this::sample, 0, PERIOD_MS, TimeUnit.MILLISECONDS);
    }

    /** After each collection: the heap pools' usage after it, summed. */
    private void afterGc(Notification n) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
        long after = 0;
        for (MemoryPoolMXBean p : heapPools) {
            MemoryUsage u = info.getGcInfo().getMemoryUsageAfterGc().get(p.getName());
            after += u == null ? 0 : u.getUsed();
        }
        synchronized (this) {
            peakHeapAfterGc = Math.max(peakHeapAfterGc, after);
            collections++;
        }
    }

    /** Between {@code steady(true)} and {@code steady(false)} every client should be connected. */
    synchronized void steady(boolean value) {
        steady = value;
    }

    /** Live threads whose name starts with {@code prefix}, now. */
    int threadsNamed(String prefix) {
        int n = 0;
        for (ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds(), 0)) {
            if (t != null && t.getThreadName().startsWith(prefix)) {
                n++;
            }
        }
        return n;
    }

    private void sample() {
        ThreadInfo[] infos = threads.getThreadInfo(threads.getAllThreadIds(), 0);
        Map<String, Integer> byOwner = new LinkedHashMap<>();
        int total = 0;
        for (ThreadInfo t : infos) {
            if (t == null) {
                continue;
            }
            total++;
            OWNERS.forEach((owner, prefix) -> {
                if (t.getThreadName().startsWith(prefix)) {
                    byOwner.merge(owner, 1, Integer::sum);
                }
            });
        }
        long used = 0;
        for (MemoryPoolMXBean p : heapPools) {
            used += p.getUsage().getUsed();
        }
        for (ThreadInfo t : infos) {
            if (t != null) {
                long cpu = threads.getThreadCpuTime(t.getThreadId());
                if (cpu >= 0) {
                    cpuByThread.put(t.getThreadId(), new ThreadCpu(cpuOwner(t.getThreadName()), cpu));
                }
            }
        }
        int conns = connections.getAsInt();
        synchronized (this) {
            samples++;
            peakThreads = Math.max(peakThreads, total);
            byOwner.forEach((k, v) -> peakByOwner.merge(k, v, Math::max));
            peakUsedHeap = Math.max(peakUsedHeap, used);
            peakConnections = Math.max(peakConnections, conns);
            if (steady) {
                minSteadyConnections = Math.min(minSteadyConnections, conns);
            }
        }
    }

    /**
     * The owner a thread's CPU time is counted for: the longest matching prefix of {@link #OWNERS}, else
     * {@code other:} and the first word of its name (Couchbase Lite's {@code OkHttp}, {@code CBL}, the test runner's).
     */
    private static String cpuOwner(String name) {
        String owner = "other";
        int best = 0;
        for (Map.Entry<String, String> e : OWNERS.entrySet()) {
            if (name.startsWith(e.getValue()) && e.getValue().length() > best) {
                owner = e.getKey();
                best = e.getValue().length();
            }
        }
        if (best > 0) {
            return owner;
        }
        String word = name.split("[ \\-#:/0-9]", 2)[0];
        return "other:" + (word.isEmpty() ? name : word);
    }

    /**
     * CPU time of the Java threads by owner (exclusive: a listener I/O thread counts for "listener-io" only), as
     * last sampled: a thread that ended between two samples loses its last quarter second, and native threads
     * (LiteCore's, inside Couchbase Lite) are not Java threads at all — their share is the process CPU time minus the
     * sum of these.
     */
    synchronized Map<String, Long> cpuByOwner() {
        Map<String, Long> out = new java.util.TreeMap<>();
        cpuByThread.values().forEach(t -> out.merge(t.owner(), t.nanos(), Long::sum));
        return out;
    }

    private record ThreadCpu(String owner, long nanos) { }

    /** The peaks so far. */
    synchronized Peaks peaks() {
        Map<String, Integer> owners = new LinkedHashMap<>();
        OWNERS.keySet().forEach(k -> owners.put(k, peakByOwner.getOrDefault(k, 0)));
        return new Peaks(samples, collections, peakThreads, owners, peakUsedHeap, peakHeapAfterGc, peakConnections,
                minSteadyConnections == Integer.MAX_VALUE ? -1 : minSteadyConnections);
    }

    @Override
    public void close() {
        timer.shutdownNow();
        for (NotificationEmitter e : emitters) {
            try {
                e.removeNotificationListener(gcListener);
            } catch (ListenerNotFoundException ignored) {
                // never added: nothing to remove
            }
        }
    }

    /**
     * Peaks of a run.
     *
     * @param threadsByOwner peak live threads per owner ({@link #OWNERS})
     * @param collections    garbage collections seen
     * @param heapAfterGc    peak of the heap in use right after a collection (0 if none ran)
     * @param minSteadyConnections fewest listener connections seen while every client should be connected
     */
    record Peaks(int samples, int collections, int threads, Map<String, Integer> threadsByOwner, long usedHeap,
                 long heapAfterGc, int connections, int minSteadyConnections) { }
}
