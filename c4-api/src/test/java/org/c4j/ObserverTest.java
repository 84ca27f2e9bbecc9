package org.c4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ObserverTest {
    @TempDir
    Path tmp;

    private static <T> T next(LinkedBlockingQueue<T> q) throws InterruptedException {
        T v = q.poll(10, TimeUnit.SECONDS);
        if (v == null) {
            throw new AssertionError("no notification");
        }
        return v;
    }

    @Test
    void collectionObserversGetCommittedBatches() throws Exception {
        try (Database db = Database.open(tmp.resolve("db"))) {
            Collection c = db.defaultCollection();
            LinkedBlockingQueue<CollectionChange> q = new LinkedBlockingQueue<>();
            ListenerToken token = c.addChangeListener(q::add);
            Document a = c.save("a", null, Body.fromJson("{}"));
            CollectionChange ch = next(q);
            assertFalse(ch.external());
            assertEquals(CollectionSpec.DEFAULT, ch.collection());
            assertEquals(List.of(new DocumentChange("a", a.revId(), a.sequence(), false)), ch.changes());

            db.inBatch(() -> {
                c.save("b", null, Body.empty());
                c.delete("a", a.revId());
            });
            ch = next(q);
            assertEquals(List.of("b", "a"), ch.changes().stream().map(DocumentChange::docId).toList());
            assertTrue(ch.changes().get(1).deleted());

            assertThrows(IllegalStateException.class, () -> db.inBatch(() -> {
                c.save("x", null, Body.empty());
                throw new IllegalStateException("abort");
            }));
            c.purge("b");
            ch = next(q);
            assertEquals(List.of(new DocumentChange("b", null, 0, false)), ch.changes(), "aborted batch not reported");
            assertTrue(ch.changes().get(0).purged());

            c.insertExisting(InsertRequest.of("r", List.of("1-abcd"), Body.empty()).withExternal(true));
            assertTrue(next(q).external(), "replicator inserts are external");

            token.remove();
            // A witness registered after the removed observer is told after it would have been (one notifier
            // thread, observers in registration order): once the witness has the change, the queue must be empty.
            BlockingQueue<CollectionChange> witness = new LinkedBlockingQueue<>();
            ListenerToken w = c.addChangeListener(witness::add);
            c.save("after", null, Body.empty());
            assertNotNull(witness.poll(10, TimeUnit.SECONDS), "the witness hears the change");
            assertNull(q.poll(), "a removed observer hears nothing");
            w.remove();
        }
    }

    @Test
    void otherHandlesSeeChangesAsExternal() throws Exception {
        Path dir = tmp.resolve("db");
        try (Database one = Database.open(dir); Database two = Database.open(dir)) {
            LinkedBlockingQueue<CollectionChange> q1 = new LinkedBlockingQueue<>();
            LinkedBlockingQueue<CollectionChange> q2 = new LinkedBlockingQueue<>();
            one.defaultCollection().addChangeListener(q1::add);
            two.defaultCollection().addChangeListener(q2::add);
            one.defaultCollection().save("a", null, Body.empty());
            assertFalse(next(q1).external());
            CollectionChange seen = next(q2);
            assertTrue(seen.external());
            assertEquals("a", seen.changes().get(0).docId());
            assertEquals("a", two.defaultCollection().get("a").id());
        }
    }

    @Test
    void documentObserversSeeOnlyTheirDocument() throws Exception {
        try (Database db = Database.open(tmp.resolve("db"))) {
            Collection c = db.defaultCollection();
            LinkedBlockingQueue<DocumentChange> q = new LinkedBlockingQueue<>();
            c.addDocumentListener("watched", q::add);
            c.save("other", null, Body.empty());
            Document w = c.save("watched", null, Body.empty());
            DocumentChange ch = next(q);
            assertEquals(new DocumentChange("watched", w.revId(), w.sequence(), false), ch);
            assertNull(q.poll(100, TimeUnit.MILLISECONDS));
        }
    }

    @Test
    void aThrowingObserverDoesNotStopOthers() throws Exception {
        try (Database db = Database.open(tmp.resolve("db"))) {
            Collection c = db.defaultCollection();
            LinkedBlockingQueue<CollectionChange> q = new LinkedBlockingQueue<>();
            c.addChangeListener(x -> {
                throw new IllegalStateException("observer bug");
            });
            c.addChangeListener(q::add);
            c.save("a", null, Body.empty());
            assertEquals("a", next(q).changes().get(0).docId());
        }
    }

    /**
     * Observe, then read the backlog: a save made (unobserved) just before the observer was added, and committed
     * after it, is either in the read or in a notification — never lost between the two (the passive pusher's
     * continuous feed relies on it).
     */
    @Test
    void aWriteInFlightWhenAnObserverIsAddedIsInTheReadThatFollows() throws Exception {
        try (Database db = Database.open(tmp.resolve("db"))) {
            Collection c = db.defaultCollection();
            CountDownLatch saved = new CountDownLatch(1);
            CountDownLatch observing = new CountDownLatch(1);
            AtomicReference<Throwable> writerFailed = new AtomicReference<>();
            Thread writer = new Thread(() -> {
                try {
                    db.inBatch(() -> {
                        c.save("late", null, Body.fromJson("{}")); // nobody observes yet: no change recorded
                        saved.countDown();
                        try {
                            // until the observer is being added, then a little longer, before committing
                            observing.await(10, TimeUnit.SECONDS);
                            Thread.sleep(100);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    });
                } catch (Throwable t) {
                    writerFailed.set(t);
                }
            }, "slow-writer");
            writer.start();
            assertTrue(saved.await(10, TimeUnit.SECONDS));
            LinkedBlockingQueue<CollectionChange> q = new LinkedBlockingQueue<>();
            observing.countDown();
            c.addChangeListener(q::add);
            boolean inRead = c.changes(0, ChangesOptions.DEFAULT).stream().anyMatch(ch -> ch.docId().equals("late"));
            writer.join(10_000);
            assertNull(writerFailed.get());
            boolean notified = q.stream().flatMap(ch -> ch.changes().stream()).anyMatch(d -> d.docId().equals("late"));
            assertTrue(inRead || notified, "the save fell between observing and reading");
        }
    }
}
