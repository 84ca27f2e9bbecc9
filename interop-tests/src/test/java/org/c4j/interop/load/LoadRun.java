package org.c4j.interop.load;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.c4j.Database;
import org.c4j.replicator.Listener;
import org.c4j.replicator.ListenerConfig;
import org.c4j.ws.WebSocketClientFactory;
import org.c4j.ws.WebSocketListenerTransport;
import org.c4j.ws.WsExecutors;

/**
 * The load scenario (issue 9): one c4j {@link Listener} on the ws transport (127.0.0.1) and many continuous clients —
 * real Couchbase Lite 3.0 and c4j, each on its own database, pushing, pulling or both — while every client and
 * the listener itself keep saving documents at a modest rate. Afterwards every side must hold every document it
 * should with the listener's revision: the listener everything pushed, every pulling client everything the listener
 * has, every client its own documents (a pull-only client's never reach the listener). Used by {@link LoadTest}
 * (CI) and {@link LoadBench} (figures).
 *
 * <p>The listener runs on executors of its own (threads named {@value #LISTENER_THREADS}...), the c4j clients'
 * transport on others ({@value #C4J_CLIENT_THREADS}...), so the {@link Census} can tell whose threads grow. The
 * listener's per-address connection cap is raised to the number of clients: every client connects from 127.0.0.1
 * (see BENCHMARKS.md, "Limits and load").
 *
 * <p>Not thread-safe: one run at a time, driven by the calling thread.
 */
final class LoadRun {
    static final String LISTENER_THREADS = "load-lsn-";
    static final String C4J_CLIENT_THREADS = "load-c4j-io-";
    private static final String DB_NAME = "db";
    /** Extra connections allowed per address beyond one per client: none are expected, the cap only must not bite. */
    private static final int PER_ADDRESS_SLACK = 8;
    /** Overrides the per-address cap (the benchmark's way to show the default refusing honest clients). */
    static final String PER_ADDRESS_PROPERTY = "c4j.load.maxConnectionsPerAddress";

    private final LoadParams params;
    private final Path dir;
    private final List<LoadClient> clients = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();
    private final List<String> listenerCreated = new java.util.concurrent.CopyOnWriteArrayList<>();

    LoadRun(LoadParams params, Path dir) {
        this.params = params;
        this.dir = dir;
    }

    /** Runs the scenario and reports; every problem found is in {@link LoadReport#errors()}. */
    LoadReport run() throws Exception {
        String loadBefore = loadAverage();
        long start = System.nanoTime();
        java.util.Map<String, Long> cpuByOwner = java.util.Map.of();
        long runCpu = 0;
        ExecutorService lsnIo = Executors.newCachedThreadPool(named(LISTENER_THREADS + "io-"));
        ExecutorService lsnCallbacks = Executors.newCachedThreadPool(named(LISTENER_THREADS + "cb-"));
        ScheduledThreadPoolExecutor lsnTimers = new ScheduledThreadPoolExecutor(1, named(LISTENER_THREADS + "timer-"));
        lsnTimers.setRemoveOnCancelPolicy(true);
        lsnTimers.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        ExecutorService lsnRepl = Executors.newCachedThreadPool(named(LISTENER_THREADS + "repl-"));
        ExecutorService c4jIo = Executors.newCachedThreadPool(named(C4J_CLIENT_THREADS));
        ExecutorService c4jCallbacks = Executors.newCachedThreadPool(named("load-c4j-cb-"));
        ScheduledThreadPoolExecutor c4jTimers = new ScheduledThreadPoolExecutor(1, named("load-c4j-timer-"));
        ScheduledExecutorService writers = Executors.newScheduledThreadPool(2, named("load-writer-"));

        Database server = Database.open(dir.resolve("listener"));
        WebSocketListenerTransport.Builder tb = WebSocketListenerTransport.builder().networkInterface("127.0.0.1")
                .port(0).executors(new WsExecutors(lsnIo, lsnCallbacks, lsnTimers))
                .maxConnectionsPerAddress(Integer.getInteger(PER_ADDRESS_PROPERTY, params.clients() + PER_ADDRESS_SLACK));
        ObservedListenerTransport transport = new ObservedListenerTransport(
                (params.tls() ? tb : tb.disableTls()).build());
        ListenerConfig lc = ListenerConfig.of(server).withDatabaseName(DB_NAME);
        Listener listener = new Listener(transport, lc.withReplication(lc.replication().withExecutor(lsnRepl)));
        Census census = new Census(() -> listener.status().connectionCount());
        Holdings holdings = new Holdings(server, clients, listenerCreated);
        long connectedMs = 0;
        long writeMs = 0;
        long catchUpMs = 0;
        long cpu = 0;
        int leftAfterStop = -1;
        try {
            listener.start();
            URI url = listener.urls().get(0);
            byte[] pin = params.tls() ? listener.serverCertificates().get(0).getEncoded() : null;
            WebSocketClientFactory sockets = new WebSocketClientFactory(new WsExecutors(c4jIo, c4jCallbacks, c4jTimers));
            openClients(sockets, pin);
            census.start();

            long t0 = System.nanoTime();
            for (LoadClient c : clients) {
                c.start(url);
            }
            if (!await(() -> clients.stream().allMatch(LoadClient::idle))) {
                errors.add("not every client connected and went idle within " + params.settleSeconds() + " s: "
                        + clients.stream().filter(c -> !c.idle()).map(LoadClient::toString).toList());
            }
            connectedMs = (System.nanoTime() - t0) / 1_000_000;
            census.steady(true);

            long cpu0 = processCpuNanos();
            long w0 = System.nanoTime();
            List<Future<?>> tasks = startWriters(writers, server);
            Thread.sleep(params.seconds() * 1000L);
            tasks.forEach(f -> f.cancel(false));
            writers.shutdown();
            writers.awaitTermination(30, TimeUnit.SECONDS);
            long w1 = System.nanoTime();
            writeMs = (w1 - w0) / 1_000_000;

            if (!await(() -> {
                boolean ok = holdings.countsConverged() && clients.stream().allMatch(LoadClient::idle);
                if (!ok && Boolean.getBoolean("load.debug")) {
                    System.out.println(((System.nanoTime() - w1) / 1_000_000) + " ms: " + holdings.lagging());
                }
                return ok;
            })) {
                errors.add("not converged within " + params.settleSeconds() + " s of the writers' stop: "
                        + holdings.lagging());
            }
            catchUpMs = (System.nanoTime() - w1) / 1_000_000;
            cpu = processCpuNanos() - cpu0;
            census.steady(false);
            errors.addAll(holdings.verify());
            stopClients();
        } finally {
            cpuByOwner = census.cpuByOwner();
            runCpu = processCpuNanos();
            census.close();
            for (LoadClient c : clients) {
                try {
                    c.close();
                } catch (Exception e) {
                    errors.add(c + ": close failed: " + e);
                }
            }
            writers.shutdownNow();
            listener.stop();
            for (ExecutorService e : List.of(lsnIo, lsnCallbacks, lsnTimers, lsnRepl, c4jIo, c4jCallbacks, c4jTimers)) {
                e.shutdown();
            }
            for (ExecutorService e : List.of(lsnIo, lsnCallbacks, lsnTimers, lsnRepl)) {
                e.awaitTermination(30, TimeUnit.SECONDS);
            }
            leftAfterStop = listenerThreadsLeft(census);
            server.close();
        }
        for (LoadClient c : clients) {
            errors.addAll(c.errors);
        }
        errors.addAll(transport.failures);
        long saved = listenerCreated.size();
        long pushed = 0;
        long pulled = 0;
        for (LoadClient c : clients) {
            saved += c.saves();
            pushed += c.pushed.get();
            pulled += c.pulled.get();
        }
        return new LoadReport(params, (System.nanoTime() - start) / 1_000_000, connectedMs, writeMs, catchUpMs, saved,
                holdings.sharedIds().size(), pushed, pulled,
                cpu, runCpu, cpuByOwner, census.peaks(), leftAfterStop, List.copyOf(errors), transport.accepted.get(), transport.refused(),
                loadBefore, loadAverage());
    }

    /**
     * The listener's threads still alive once its pools have terminated: a terminated pool's last worker may still be
     * exiting, so this waits up to a second for the count to reach zero.
     */
    private static int listenerThreadsLeft(Census census) throws InterruptedException {
        int left = census.threadsNamed(LISTENER_THREADS);
        for (int i = 0; i < 20 && left > 0; i++) {
            Thread.sleep(50);
            left = census.threadsNamed(LISTENER_THREADS);
        }
        return left;
    }

    /** Opens every client's database: the CBL ones first in the list, then the c4j ones; modes in turn per kind. */
    private void openClients(WebSocketClientFactory sockets, byte[] pin) throws Exception {
        for (int i = 0; i < params.clients(); i++) {
            boolean cbl = i < params.cblClients();
            int k = cbl ? i : i - params.cblClients();
            LoadClient.Mode mode = LoadParams.mode(k);
            String name = (cbl ? "cbl" : "c4j") + k;
            Path d = Files.createDirectories(dir.resolve(name));
            clients.add(cbl ? new CblLoadClient(name, mode, d, pin) : new C4jLoadClient(name, mode, d, sockets, pin));
        }
    }

    /**
     * One periodic writer per client and one on the listener's database, each at the rate, offsets random. A pull-only
     * client's documents stay local: the listener must never see them.
     */
    private List<Future<?>> startWriters(ScheduledExecutorService writers, Database server) {
        long periodUs = Math.max(1, Math.round(1e6 / params.rate()));
        List<Future<?>> tasks = new ArrayList<>();
        for (LoadClient c : clients) {
            tasks.add(writers.scheduleAtFixedRate(() -> {
                try {
                    c.saveNext();
                } catch (Exception | Error e) {
                    c.error("save failed: " + e);
                }
            }, ThreadLocalRandom.current().nextLong(periodUs), periodUs, TimeUnit.MICROSECONDS));
        }
        AtomicInteger n = new AtomicInteger();
        tasks.add(writers.scheduleAtFixedRate(() -> {
            String id = "listener-" + n.getAndIncrement();
            try {
                server.defaultCollection().save(id, null, org.c4j.Body.fromMap(java.util.Map.of("origin", "listener",
                        "n", n.get())));
                listenerCreated.add(id);
            } catch (RuntimeException e) {
                errors.add("listener save failed: " + e);
            }
        }, ThreadLocalRandom.current().nextLong(periodUs), periodUs, TimeUnit.MICROSECONDS));
        return tasks;
    }

    /** Stops every client's replicator, several at a time. */
    private void stopClients() throws Exception {
        ExecutorService stoppers = Executors.newFixedThreadPool(8, named("load-stop-"));
        try {
            List<Future<?>> done = new ArrayList<>();
            for (LoadClient c : clients) {
                done.add(stoppers.submit(() -> {
                    c.stop();
                    return null;
                }));
            }
            for (int i = 0; i < done.size(); i++) {
                try {
                    done.get(i).get();
                } catch (java.util.concurrent.ExecutionException e) {
                    errors.add(clients.get(i) + ": stop failed: " + e.getCause());
                }
            }
        } finally {
            stoppers.shutdown();
        }
    }

    /** Polls {@code condition} every 250 ms until it holds (true) or the settle bound passes (false). */
    private boolean await(BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(params.settleSeconds());
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                return false;
            }
            Thread.sleep(250);
        }
        return true;
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "?";
        }
    }
}
