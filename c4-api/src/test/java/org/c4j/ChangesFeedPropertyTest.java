package org.c4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** The property: sequences strictly increase and the feed lists each live document once, at its latest sequence. */
class ChangesFeedPropertyTest {
    private static Path dir;
    private static Database db;
    private static final AtomicInteger COLLECTIONS = new AtomicInteger();

    @BeforeContainer
    static void open() throws Exception {
        dir = Files.createTempDirectory("changes-prop");
        db = Database.open(dir);
    }

    @AfterContainer
    static void close() {
        db.close();
        Database.delete(dir);
    }

    enum Kind { SAVE, DELETE, PURGE }

    record Op(Kind kind, int doc, int value) {
    }

    @Provide
    Arbitrary<List<Op>> ops() {
        Arbitrary<Op> op = Combinators.combine(
                Arbitraries.frequency(net.jqwik.api.Tuple.of(6, Kind.SAVE), net.jqwik.api.Tuple.of(2, Kind.DELETE),
                        net.jqwik.api.Tuple.of(1, Kind.PURGE)),
                Arbitraries.integers().between(0, 15), Arbitraries.integers().between(0, 3)).as(Op::new);
        return op.list().ofMaxSize(60);
    }

    @Property(tries = 150)
    void feedListsEachLiveDocumentOnceAtItsLatestSequence(@ForAll("ops") List<Op> ops, @ForAll boolean batched,
                                                          @ForAll("limits") int batchSize) {
        Collection c = db.createCollection(CollectionSpec.of("t" + COLLECTIONS.incrementAndGet()));
        Map<String, Long> latestSeq = new HashMap<>();
        Set<String> live = new HashSet<>();
        long[] lastSeq = {0};
        Runnable apply = () -> {
            for (Op op : ops) {
                String id = "doc" + op.doc();
                Document cur = c.get(id);
                Document after = null;
                switch (op.kind()) {
                    case SAVE:
                        after = c.save(id, cur == null || cur.isDeleted() ? null : cur.revId(),
                                Body.fromJson("{\"v\":" + op.value() + "}"));
                        live.add(id);
                        break;
                    case DELETE:
                        if (cur != null && !cur.isDeleted()) {
                            after = c.delete(id, cur.revId());
                            live.remove(id);
                        }
                        break;
                    default:
                        c.purge(id);
                        live.remove(id);
                        latestSeq.remove(id);
                }
                if (after != null && after.sequence() != (cur == null ? -1 : cur.sequence())) {
                    assertTrue(after.sequence() > lastSeq[0], "sequences strictly increase");
                    lastSeq[0] = after.sequence();
                    latestSeq.put(id, after.sequence());
                }
            }
        };
        if (batched) {
            db.inBatch(apply);
        } else {
            apply.run();
        }
        // read the feed in batches
        List<Change> feed = new ArrayList<>();
        long since = 0;
        while (true) {
            List<Change> batch = c.changes(since, ChangesOptions.DEFAULT.withIncludeDeleted(false).withLimit(batchSize));
            if (batch.isEmpty()) {
                break;
            }
            feed.addAll(batch);
            since = batch.get(batch.size() - 1).sequence();
        }
        Set<String> seen = new HashSet<>();
        long prev = 0;
        for (Change ch : feed) {
            assertTrue(seen.add(ch.docId()), "once: " + ch.docId());
            assertTrue(ch.sequence() > prev, "in sequence order");
            prev = ch.sequence();
            assertEquals(latestSeq.get(ch.docId()), ch.sequence(), "at its latest sequence");
        }
        assertEquals(live, seen);
        assertEquals(live.size(), c.count());
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            ids.add("doc" + i);
        }
        List<Change> current = c.currentRevisions(ids);
        for (int i = 0; i < 16; i++) {
            Document d = c.get(ids.get(i));
            Change ch = current.get(i);
            assertEquals(d == null ? null : List.of(d.id(), d.revId(), d.sequence(), d.isDeleted(), d.isConflicted(),
                    d.hasAttachments(), -1, "no body"), ch == null ? null : List.of(ch.docId(), ch.revId(),
                    ch.sequence(), ch.deleted(), ch.conflicted(), ch.hasAttachments(), ch.bodySize(),
                    ch.body() == null ? "no body" : ch.body()), "currentRevisions of " + ids.get(i));
        }
        for (boolean deleted : new boolean[] {false, true}) {
            documentsAgreeWithTheFeed(c, ChangesOptions.DEFAULT.withIncludeDeleted(deleted).withLimit(batchSize));
        }
    }

    /** changedDocuments lists what changes lists, batch by batch, each entry the document as get reads it. */
    private static void documentsAgreeWithTheFeed(Collection c, ChangesOptions options) {
        long since = 0;
        while (true) {
            List<Change> batch = c.changes(since, options.withBodies(true));
            List<Document> docs = c.changedDocuments(since, options);
            assertEquals(batch.size(), docs.size());
            if (batch.isEmpty()) {
                return;
            }
            for (int i = 0; i < batch.size(); i++) {
                Change ch = batch.get(i);
                Document d = docs.get(i);
                Document got = c.get(ch.docId());
                assertEquals(List.of(ch.docId(), ch.revId(), ch.sequence(), ch.deleted()),
                        List.of(d.id(), d.revId(), d.sequence(), d.isDeleted()));
                assertEquals(ch.bodySize(), d.body().bytes().length);
                assertEquals(got.history(got.revId()), d.history(d.revId()));
                assertEquals(got.revisions(), d.revisions());
            }
            since = batch.get(batch.size() - 1).sequence();
        }
    }

    @Provide
    Arbitrary<Integer> limits() {
        return Arbitraries.integers().between(1, 20);
    }
}
