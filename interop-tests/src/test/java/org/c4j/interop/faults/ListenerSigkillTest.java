package org.c4j.interop.faults;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.c4j.Body;
import org.c4j.Change;
import org.c4j.ChangesOptions;
import org.c4j.Database;
import org.c4j.Document;
import org.c4j.replicator.DocumentReplication;
import org.c4j.replicator.Replicator;
import org.c4j.replicator.ReplicatorActivity;
import org.c4j.replicator.ReplicatorConfig;
import org.c4j.replicator.ReplicatorType;
import org.c4j.socket.OptionKeys;
import org.c4j.socket.OptionsDict;
import org.c4j.ws.WebSocketClientFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 9's fault test: the listener process is killed with SIGKILL mid-replication, 20 times, and restarted on the
 * same database directory and port. A child JVM ({@link ListenerProcess}) runs a c4j {@code Listener} over the ws
 * transport on a durable LMDB database; this JVM runs two continuous pushers at once, a c4j {@code Replicator} whose
 * writer thread keeps saving new documents (and new revisions of some), and a real Couchbase Lite 3.0 replicator
 * ({@link CblPusher}) whose writer saves new documents. Each round the child is killed at a
 * random point (seed printed) once it has received revisions in that life. Asserted:
 * <ol>
 *   <li>after every kill, before the restart, every revision either client saw acknowledged (a successful
 *       per-document push event, which follows the listener's reply to {@code rev}) is in the listener's database, opened by this
 *       JVM while the child is dead — so nothing a later life received can hide a lost one;</li>
 *   <li>no {@code rev} body the listener received, in any life, was one its database already held: the client
 *       resume from their checkpoints, and what they re-offer the listener answers as known (the child checks each
 *       received revision against its database before inserting it);</li>
 *   <li>at the end, with the writers stopped, both clients catch up (nothing pending) and every document's current
 *       revision is in the listener's database after a clean stop; no document failed to push for good.</li>
 * </ol>
 */
class ListenerSigkillTest {
    private static final int KILLS = 20;
    private static final long WAIT_SECONDS = 90;

    record Rev(String docId, String revId) { }

    @TempDir
    Path tmp;

    private final Set<Rev> acked = ConcurrentHashMap.newKeySet();
    private final List<DocumentReplication> failures = new CopyOnWriteArrayList<>();
    private final List<ListenerChild.Resent> resent = new CopyOnWriteArrayList<>();

    @Test
    void acknowledgedRevisionsSurviveSigkillAndAreNotResent() throws Exception {
        long seed = new Random().nextLong();
        System.out.println("ListenerSigkillTest seed " + seed);
        Random rnd = new Random(seed);
        Path serverDir = tmp.resolve("listener");
        Path log = logFile("listener-sigkill.log");
        ListenerChild child = ListenerChild.start(serverDir, 0, log, 0, resent);
        int port = child.port();
        long started = System.nanoTime();
        try (Database client = Database.open(tmp.resolve("client"))) {
            ReplicatorConfig config = ReplicatorConfig.builder(client,
                            URI.create("ws://127.0.0.1:" + port + "/" + ListenerProcess.DATABASE_NAME))
                    .type(ReplicatorType.PUSH).continuous(true)
                    .options(OptionsDict.builder().put(OptionKeys.MAX_RETRY_INTERVAL, 1L).build())
                    .socketFactory(new WebSocketClientFactory()).build();
            Replicator replicator = new Replicator(config);
            replicator.addDocumentListener(d -> {
                if (d.error() == null) {
                    acked.add(new Rev(d.docId(), d.revId()));
                } else if (!d.errorIsTransient()) {
                    failures.add(d);
                }
            });
            AtomicBoolean stoppedForGood = new AtomicBoolean();
            replicator.addChangeListener(s -> {
                if (s.activity() == ReplicatorActivity.STOPPED) {
                    stoppedForGood.set(true);
                }
            });
            Writer writer = new Writer(client, new Random(rnd.nextLong()));
            CblPusher cbl = new CblPusher(tmp.resolve("cbl"), config.target(),
                    rev -> acked.add(new Rev(rev[0], rev[1])));
            List<String[]> cblRevisions;
            writer.start();
            replicator.start();
            cbl.start();
            try {
                for (int round = 1; round <= KILLS; round++) {
                    child.awaitFirstRev(WAIT_SECONDS);
                    Thread.sleep(rnd.nextInt(600));
                    int received = child.revsReceived();
                    child.kill();
                    int checked = assertAcknowledgedStored(serverDir, "after kill " + round);
                    System.out.printf("[sigkill] round %d: killed after %d revs received in that life; %d acknowledged"
                            + " revisions all stored; %d saved on the c4j client, %d on CBL%n", round, received,
                            checked, writer.saved(), cbl.saved());
                    assertTrue(!stoppedForGood.get(), "the continuous c4j replicator stopped");
                    assertTrue(!cbl.stoppedForGood(), "the continuous CBL replicator stopped");
                    child = ListenerChild.start(serverDir, port, log, round, resent);
                }
                writer.finish();
                cbl.stopWriting();
                awaitCaughtUp(replicator);
                cbl.awaitCaughtUp(WAIT_SECONDS);
                cblRevisions = cbl.currentRevisions();
                replicator.stop();
                awaitTrue(stoppedForGood, "the c4j replicator to stop");
                cbl.close();
                child.stop();
            } finally {
                writer.finish();
                replicator.stop();
                cbl.close();
                child.kill();
            }
            int checked = assertAcknowledgedStored(serverDir, "at the end");
            List<Rev> all = new ArrayList<>(writer.currentRevisions());
            cblRevisions.forEach(r -> all.add(new Rev(r[0], r[1])));
            try (Database server = Database.open(serverDir)) {
                for (Rev r : all) {
                    Document d = server.defaultCollection().get(r.docId());
                    assertTrue(d != null && d.revision(r.revId()) != null, () -> "listener lacks " + r);
                }
                // Each client kept one checkpoint ID on the listener through the 20 lives.
                org.c4j.LocalDocument count = server.getLocalDocument("peerCheckpointCount");
                assertTrue(count != null && count.json().equals("{\"count\":2}"),
                        () -> "peer checkpoints on the listener: " + (count == null ? "none" : count.json()));
            }
            System.out.printf("[sigkill] %d kills in %.1f s: %d revisions acknowledged and stored, %d documents"
                            + " (%d from CBL), %d rev bodies re-sent, %d c4j connections%n", KILLS,
                    (System.nanoTime() - started) / 1e9, checked, all.size(), cblRevisions.size(), resent.size(),
                    replicator.connectionCount());
            assertEquals(List.of(), cbl.failures(), "CBL documents that failed to push for good");
        }
        assertEquals(List.of(), failures, "c4j documents that failed to push for good");
        assertEquals(List.of(), resent, "rev bodies re-sent for revisions the listener already held");
    }

    private static void awaitTrue(AtomicBoolean flag, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (!flag.get() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(flag.get(), "waited in vain for " + what);
    }

    /** The children's log (their stderr), kept in the build directory for a failure's diagnosis. */
    static Path logFile(String name) throws java.io.IOException {
        Path dir = Path.of("target", "faults");
        java.nio.file.Files.createDirectories(dir);
        Path log = dir.resolve(name);
        java.nio.file.Files.deleteIfExists(log);
        System.out.println("listener log: " + log.toAbsolutePath());
        return log;
    }

    /** Opens the listener's database (its process is not running) and checks every acknowledged revision. */
    private int assertAcknowledgedStored(Path serverDir, String when) {
        List<Rev> snapshot = new ArrayList<>(acked);
        List<Rev> missing = new ArrayList<>();
        try (Database server = Database.open(serverDir)) {
            for (Rev r : snapshot) {
                Document d = server.defaultCollection().get(r.docId());
                if (d == null || d.revision(r.revId()) == null) {
                    missing.add(r);
                }
            }
        }
        assertEquals(List.of(), missing, when + ": acknowledged revisions missing from the listener's database");
        return snapshot.size();
    }

    /**
     * Waits (bounded) until the replicator has nothing left to push. Revisions the listener stored but whose reply
     * a kill swallowed are offered again and answered as known: they end without a document event.
     */
    private static void awaitCaughtUp(Replicator replicator) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        java.util.Set<String> pending = java.util.Set.of();
        while (System.nanoTime() < deadline) {
            pending = replicator.pendingDocumentIds();
            if (pending.isEmpty() && replicator.status().activity() == ReplicatorActivity.IDLE) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(pending.size() + " documents still pending: " + pending);
    }

    /**
     * Saves documents on the client while the test runs: batches of 1–3 new documents, and now and then a new
     * revision of an earlier document (at most 4 revisions each, so no revision tree is pruned of one that was
     * acknowledged).
     */
    private static final class Writer extends Thread {
        private final Database db;
        private final Random rnd;
        private final AtomicBoolean done = new AtomicBoolean();
        private final Map<String, Integer> generations = new ConcurrentHashMap<>();
        private volatile int saved;

        Writer(Database db, Random rnd) {
            super("sigkill-writer");
            setDaemon(true);
            this.db = db;
            this.rnd = rnd;
        }

        int saved() {
            return saved;
        }

        void finish() throws InterruptedException {
            done.set(true);
            join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
        }

        List<Rev> currentRevisions() {
            return currentRevisions(db);
        }

        static List<Rev> currentRevisions(Database db) {
            List<Rev> out = new ArrayList<>();
            long since = 0;
            for (List<Change> batch = db.defaultCollection().changes(since, ChangesOptions.DEFAULT);
                 !batch.isEmpty(); batch = db.defaultCollection().changes(since, ChangesOptions.DEFAULT)) {
                for (Change c : batch) {
                    out.add(new Rev(c.docId(), c.revId()));
                    since = Math.max(since, c.sequence());
                }
            }
            return out;
        }

        @Override
        public void run() {
            int next = 0;
            List<String> ids = new ArrayList<>();
            while (!done.get()) {
                int n = 1 + rnd.nextInt(3);
                List<String> batch = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    batch.add(String.format("doc-%05d", next++));
                }
                String update = ids.isEmpty() || rnd.nextInt(4) != 0 ? null : ids.get(rnd.nextInt(ids.size()));
                if (update != null && generations.get(update) >= 4) {
                    update = null;
                }
                String toUpdate = update;
                db.inBatch(() -> {
                    for (String id : batch) {
                        db.defaultCollection().save(id, null, Body.fromMap(Map.of("n", id, "gen", 1)));
                    }
                    if (toUpdate != null) {
                        Document d = db.defaultCollection().get(toUpdate);
                        db.defaultCollection().save(toUpdate, d.revId(),
                                Body.fromMap(Map.of("n", toUpdate, "gen", generations.get(toUpdate) + 1)));
                    }
                });
                batch.forEach(id -> generations.put(id, 1));
                if (toUpdate != null) {
                    generations.merge(toUpdate, 1, Integer::sum);
                }
                ids.addAll(batch);
                saved += n;
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }
}
