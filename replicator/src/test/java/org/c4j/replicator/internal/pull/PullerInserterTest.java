package org.c4j.replicator.internal.pull;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.c4j.CollectionChange;
import org.c4j.Database;
import org.c4j.blip.IncomingMessage;
import org.c4j.blip.MessageKind;
import org.c4j.blip.OutgoingMessage;
import org.c4j.replicator.internal.db.DbAccess;
import org.c4j.replicator.internal.wire.RevMessage;
import org.c4j.socket.ErrorCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Puller's Inserter: batching into transactions, per-revision failures, callback only after commit. */
public class PullerInserterTest {
    @TempDir
    Path dir;

    /** Runs tasks only when the test says so. */
    private static final class ManualExecutor implements Executor {
        final BlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();

        @Override
        public void execute(Runnable r) {
            tasks.add(r);
        }

        Runnable next() throws InterruptedException {
            Runnable r = tasks.poll(10, TimeUnit.SECONDS);
            assertNotNull(r, "no task arrived");
            return r;
        }
    }

    private static IncomingRev rev(String docId, String revId, String history, String json) {
        Map<String, String> p = new java.util.LinkedHashMap<>();
        p.put("Profile", "rev");
        p.put("id", docId);
        p.put("rev", revId);
        if (history != null) {
            p.put("history", history);
        }
        IncomingMessage msg = new FakeRequest(p, json.getBytes(StandardCharsets.UTF_8));
        IncomingRev rev = new IncomingRev(msg, RevMessage.parse(p, false), null);
        rev.parseBody(null); // not a delta: no base needed
        return rev;
    }

    @Test
    void queuedRevisionsGoInOneTransactionAndAreReportedAfterCommit() throws Exception {
        try (Database db = Database.open(dir)) {
            BlockingQueue<CollectionChange> commits = new LinkedBlockingQueue<>();
            db.defaultCollection().addChangeListener(commits::add);
            ManualExecutor exec = new ManualExecutor();
            List<List<IncomingRev>> done = new CopyOnWriteArrayList<>();
            Inserter inserter = new Inserter(DbAccess.of(db).forCollection(db.defaultCollection().spec()), 1, false, exec, null, b -> { }, done::add);
            for (int i = 0; i < 250; i++) {
                inserter.insert(rev("doc" + i, "1-aa", null, "{\"i\":" + i + "}"));
            }
            exec.next().run(); // the flush scheduled when the batch size was reached: takes everything queued
            assertEquals(1, done.size());
            assertEquals(250, done.get(0).size());
            for (IncomingRev r : done.get(0)) {
                assertNull(r.error);
                assertNotNull(r.document);
            }
            assertEquals(250, db.defaultCollection().count());
            CollectionChange commit = commits.poll(10, TimeUnit.SECONDS); // observers are told per transaction
            assertNotNull(commit);
            assertEquals(250, commit.changes().size(), "one transaction");
            assertTrue(commit.external());
        }
    }

    @Test
    void theInsertedCallbackGetsTheBatchInsideItsTransactionBeforeTheDoneOne() throws Exception {
        try (Database db = Database.open(dir)) {
            ManualExecutor exec = new ManualExecutor();
            List<String> events = new CopyOnWriteArrayList<>();
            List<IncomingRev> seen = new CopyOnWriteArrayList<>();
            Inserter inserter = new Inserter(DbAccess.of(db).forCollection(db.defaultCollection().spec()), 1, false,
                    exec, null, batch -> {
                        events.add("inserted " + batch.size());
                        seen.addAll(batch);
                        batch.forEach(r -> assertNotNull(r.document, "inserted before the callback"));
                    }, batch -> events.add("done " + batch.size()));
            for (int i = 0; i < 3; i++) {
                inserter.insert(rev("doc" + i, "1-aa", null, "{\"i\":" + i + "}"));
            }
            exec.next().run();
            assertEquals(List.of("inserted 3", "done 3"), events);
            assertEquals(3, seen.size());
            assertEquals(3, db.defaultCollection().count());
        }
    }

    @Test
    void revisionsArrivingDuringATransactionGoIntoTheNextOne() throws Exception {
        try (Database db = Database.open(dir)) {
            ManualExecutor exec = new ManualExecutor();
            List<List<IncomingRev>> done = new CopyOnWriteArrayList<>();
            Inserter inserter = new Inserter(DbAccess.of(db).forCollection(db.defaultCollection().spec()), 1, false, exec, null, b -> { },
                    batch -> {
                        done.add(batch);
                        if (done.size() == 1) { // while the first transaction is being reported: two more arrive
                            inserter0[0].insert(rev("c", "1-cc", null, "{}"));
                            inserter0[0].insert(rev("d", "1-dd", null, "{}"));
                        }
                    });
            inserter0[0] = inserter;
            inserter.insert(rev("a", "1-aa", null, "{}")); // idle: a transaction is scheduled at once
            inserter.insert(rev("b", "1-bb", null, "{}")); // joins it (not yet started)
            exec.next().run();
            assertEquals(List.of(2), done.stream().map(List::size).toList());
            exec.next().run(); // the next transaction, started when the first was done
            assertEquals(List.of(2, 2), done.stream().map(List::size).toList());
            assertEquals(4, db.defaultCollection().count());
            inserter.insert(rev("e", "1-ee", null, "{}")); // idle again: at once
            exec.next().run();
            assertEquals(List.of(2, 2, 1), done.stream().map(List::size).toList());
        }
    }

    private final Inserter[] inserter0 = new Inserter[1];

    @Test
    void oneFailingRevisionDoesNotFailItsBatch() throws Exception {
        try (Database db = Database.open(dir)) {
            db.defaultCollection().save("x", null, org.c4j.Body.fromJson("{\"local\":1}"));
            String current = db.defaultCollection().get("x").revId();
            ManualExecutor exec = new ManualExecutor();
            List<List<IncomingRev>> done = new CopyOnWriteArrayList<>();
            Inserter inserter = new Inserter(DbAccess.of(db).forCollection(db.defaultCollection().spec()), 1, true, exec, null, b -> { }, done::add);
            List<IncomingRev> revs = new ArrayList<>();
            revs.add(rev("ok1", "1-aa", null, "{}"));
            revs.add(rev("x", "1-ff", null, "{}")); // would branch x: refused (noIncomingConflicts)
            revs.add(rev("ok2", "2-bb", "1-aa", "{}"));
            revs.forEach(inserter::insert);
            exec.next().run();
            assertNull(revs.get(0).error);
            assertEquals(ErrorCodes.LiteCore.CONFLICT, revs.get(1).error.code());
            assertNull(revs.get(2).error);
            assertEquals(current, db.defaultCollection().get("x").revId());
            assertEquals(List.of("2-bb", "1-aa"), db.defaultCollection().get("ok2").history("2-bb"));
        }
    }

    @Test
    void closedInserterDropsWhatIsQueued() throws Exception {
        try (Database db = Database.open(dir)) {
            ManualExecutor exec = new ManualExecutor();
            List<List<IncomingRev>> done = new CopyOnWriteArrayList<>();
            Inserter inserter = new Inserter(DbAccess.of(db).forCollection(db.defaultCollection().spec()), 1, false, exec, null, b -> { }, done::add);
            inserter.insert(rev("a", "1-aa", null, "{}"));
            inserter.close();
            inserter.insert(rev("b", "1-bb", null, "{}"));
            exec.next().run();
            assertTrue(done.isEmpty());
            assertNull(db.defaultCollection().get("a"));
            inserter.close(); // idempotent
        }
    }

    @Test
    void inserterTransitionTable() {
        assertTrue(Inserter.State.OPEN.canMoveTo(Inserter.State.CLOSED));
        assertFalse(Inserter.State.CLOSED.canMoveTo(Inserter.State.OPEN));
        assertFalse(Inserter.State.CLOSED.canMoveTo(Inserter.State.CLOSED));
        assertFalse(Inserter.State.OPEN.canMoveTo(Inserter.State.OPEN));
    }

    /** A received request with fixed properties and body; replies are ignored. */
    record FakeRequest(Map<String, String> properties, byte[] body) implements IncomingMessage {
        @Override
        public long number() {
            return 1;
        }

        @Override
        public MessageKind kind() {
            return MessageKind.REQUEST;
        }

        @Override
        public String property(String name) {
            return properties.get(name);
        }

        @Override
        public String profile() {
            return properties.get("Profile");
        }

        @Override
        public String bodyAsString() {
            return new String(body, StandardCharsets.UTF_8);
        }

        @Override
        public boolean isError() {
            return false;
        }

        @Override
        public String errorDomain() {
            return null;
        }

        @Override
        public int errorCode() {
            return 0;
        }

        @Override
        public String errorMessage() {
            return null;
        }

        @Override
        public boolean isUrgent() {
            return false;
        }

        @Override
        public boolean isNoReply() {
            return false;
        }

        @Override
        public boolean isCompressed() {
            return false;
        }

        @Override
        public void respond(OutgoingMessage reply) {
        }

        @Override
        public void respondWithError(String domain, int code, String message) {
        }
    }
}
