package org.c4j.interop.load;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Load (issue 9): 100 continuous clients on one c4j listener over real sockets (wss on 127.0.0.1: the listener's
 * default TLS with its anonymous identity, which every client pins) — 15 real Couchbase Lite 3.0 clients and 85 c4j
 * clients, each on its own database (real LMDB; CBL's own LiteCore), a third each pushing, pulling, and both — while
 * every client and the listener save a document every four seconds for 60 s (a pull-only client's stay local). Asserts no replication error anywhere, no connection dropped or refused, every document on every side
 * that should have it with the same revision, and the threads bounded (below). Nothing here asserts a time: the
 * settle bounds only keep a hang from stalling the build. Figures: BENCHMARKS.md, "Limits and load".
 *
 * <p>The thread bounds, and why: the listener's I/O threads are exactly two per upgraded connection (a reader and
 * a writer, Java-WebSocket's blocking model) plus its accept loop, so never more than {@code 2 × clients + 1}. Its
 * callback and replicator pools are cached pools that run serial executors' queued tasks, and a serial executor
 * occupies at most one thread at a time: a connection has one callback executor and seven replication executors
 * (BLIP connection, replicator core, status notifier, puller, inserter, pusher, remote marks), so the listener in all
 * holds at most {@value #LISTENER_THREADS_PER_CONNECTION} threads per connection plus its accept loop and timer,
 * however long the run (measured: about 4.5 per connection; BENCHMARKS.md). None is left once it has stopped.
 */
class LoadTest {
    private static final int CLIENTS = 100;
    private static final int CBL_CLIENTS = 15;
    private static final int SECONDS = 60;
    private static final double RATE = 0.25;
    private static final int SETTLE_SECONDS = 120;
    /** The listener's threads in all, per connection: 2 I/O + 1 callback + 7 replication executors (class comment). */
    private static final int LISTENER_THREADS_PER_CONNECTION = 10;

    @TempDir
    Path dir;

    @Test
    void aHundredClientsPushAndPullContinuouslyForAMinuteWithoutAnError() throws Exception {
        LoadReport r = new LoadRun(new LoadParams(CLIENTS, CBL_CLIENTS, SECONDS, RATE, true, SETTLE_SECONDS), dir)
                .run();
        System.out.println(r.describe());

        assertEquals(java.util.List.of(), r.errors(), r::describe);
        assertEquals(CLIENTS, r.connectionsMade(), "one connection per client, no reconnection");
        assertEquals(0, r.refused(), "no connection refused");
        assertEquals(CLIENTS, r.peaks().minSteadyConnections(), "every client stayed connected");
        assertTrue(r.saved() >= CLIENTS, r::describe);
        int io = r.peaks().threadsByOwner().get("listener-io");
        assertTrue(io <= 2 * CLIENTS + 1, () -> "listener I/O threads " + io + " > 2 per connection + the accept loop");
        int all = r.peaks().threadsByOwner().get("listener");
        assertTrue(all <= LISTENER_THREADS_PER_CONNECTION * CLIENTS + 2,
                () -> "listener threads " + all + " for " + CLIENTS + " connections");
        assertEquals(0, r.listenerThreadsAfterStop(), "listener threads left after it stopped");
    }
}
