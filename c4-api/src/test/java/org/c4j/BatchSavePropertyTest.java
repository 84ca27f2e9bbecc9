package org.c4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.c4j.socket.C4Exception;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * {@link Collection#saveAll} equals the same saves one by one in {@link Database#inBatch} transactions of the
 * same size (where the first failure aborts its batch and ends the run): same outcome (documents returned, or the same error), and afterwards the same
 * documents, revision IDs, sequences and bodies. Requests mix new documents, updates on the current revision, on a
 * stale or unknown one, re-created tombstones, repeated saves, bodies as JSON and as {@link Body}, bad JSON,
 * reserved keys and bad IDs, in lists long enough for several preparing chunks. jqwik prints the seed of a failure.
 */
class BatchSavePropertyTest {
    private static Path root;
    private static int next;

    @BeforeContainer
    static void open() throws Exception {
        root = Files.createTempDirectory("batch-save-prop");
    }

    @AfterContainer
    static void close() {
        org.c4j.internal.db.DbFiles.deleteTree(root);
    }

    /** doc: which document; parent: 0 none, 1 the current revision, 2 unknown, 3 the one before the batch; body kind. */
    record Op(int doc, int parent, int body, int value) {
    }

    /** The documents' state before the batch: 0 absent, 1 live, 2 deleted. */
    @Provide
    Arbitrary<List<Integer>> states() {
        return Arbitraries.integers().between(0, 2).list().ofSize(8);
    }

    @Provide
    Arbitrary<List<Op>> ops() {
        Arbitrary<Integer> doc = Arbitraries.frequency(net.jqwik.api.Tuple.of(40, -1), net.jqwik.api.Tuple.of(1, -2))
                .flatMap(k -> k == -1 ? Arbitraries.integers().between(0, 30) : Arbitraries.just(-1));
        Arbitrary<Integer> parent = Arbitraries.frequency(net.jqwik.api.Tuple.of(10, 0), net.jqwik.api.Tuple.of(10, 1),
                net.jqwik.api.Tuple.of(1, 2), net.jqwik.api.Tuple.of(2, 3));
        Arbitrary<Integer> body = Arbitraries.frequency(net.jqwik.api.Tuple.of(30, 0), net.jqwik.api.Tuple.of(10, 1),
                net.jqwik.api.Tuple.of(1, 2), net.jqwik.api.Tuple.of(1, 3));
        return Combinators.combine(doc, parent, body, Arbitraries.integers().between(0, 3)).as(Op::new)
                .list().ofMaxSize(120);
    }

    @Provide
    Arbitrary<Integer> perTransaction() {
        return Arbitraries.of(1, 7, 32, 50, Integer.MAX_VALUE);
    }

    @Property(tries = 80)
    void saveAllEqualsSavingOneByOneInBatches(@ForAll("states") List<Integer> states, @ForAll("ops") List<Op> ops,
                                              @ForAll("perTransaction") int perTransaction) {
        int n = next++;
        try (Database a = open("a" + n); Database b = open("b" + n)) {
            Collection ca = a.defaultCollection();
            Collection cb = b.defaultCollection();
            List<String> before = new ArrayList<>();
            for (int d = 0; d < states.size(); d++) {
                before.add(prepopulate(ca, d, states.get(d)));
                prepopulate(cb, d, states.get(d));
            }
            List<SaveRequest> rqs = new ArrayList<>();
            List<Document> expected = new ArrayList<>();
            C4Exception[] expectedError = {null};
            for (int from = 0; from < ops.size(); from += perTransaction) {
                List<Op> slice = ops.subList(from, (int) Math.min(ops.size(), (long) from + perTransaction));
                try {
                    b.inBatch(() -> {
                        for (Op op : slice) {
                            SaveRequest rq = request(op, cb, before);
                            rqs.add(rq);
                            if (expectedError[0] == null) {
                                try {
                                    expected.add(cb.save(rq.docId(), rq.parentRevId(), rq.body()));
                                } catch (C4Exception e) {
                                    expectedError[0] = e;
                                }
                            }
                        }
                        if (expectedError[0] != null) {
                            throw expectedError[0];
                        }
                    });
                } catch (C4Exception e) {
                    // this batch aborted, and no later one saves anything, as saveAll must do
                }
            }
            List<Document> actual = null;
            C4Exception actualError = null;
            try {
                if (perTransaction == Integer.MAX_VALUE) {
                    actual = ca.saveAll(rqs);
                } else {
                    ca.saveAll(rqs, perTransaction);
                }
            } catch (C4Exception e) {
                actualError = e;
            }
            if (expectedError[0] != null) {
                assertEquals(describe(expectedError[0]), describe(actualError));
            } else {
                assertEquals(null, actualError);
                if (actual != null) {
                    assertEquals(summary(expected), summary(actual));
                }
            }
            assertEquals(contents(cb), contents(ca));
        }
    }

    private static Database open(String name) {
        return Database.open(root.resolve(name), DatabaseConfig.defaults().withDurable(false));
    }

    private static String prepopulate(Collection c, int d, int state) {
        if (state == 0) {
            return null;
        }
        Document doc = c.save("d" + d, null, Body.fromJson("{\"before\":" + d + "}"));
        return state == 1 ? doc.revId() : c.delete("d" + d, doc.revId()).revId();
    }

    /** The request for {@code op}; a "current revision" parent is read from {@code c} as it is now (in the batch). */
    private static SaveRequest request(Op op, Collection c, List<String> before) {
        String id = op.doc() < 0 ? "_bad" : "d" + (op.doc() % 10);
        String parent = null;
        if (op.doc() >= 0) {
            Document cur = c.get(id);
            parent = switch (op.parent()) {
                case 1 -> cur == null || cur.isDeleted() ? null : cur.revId();
                case 2 -> "1-0123456789abcdef0123456789abcdef01234567";
                case 3 -> op.doc() % 10 < before.size() ? before.get(op.doc() % 10) : null;
                default -> null;
            };
        }
        String json = "{\"v\":" + op.value() + ",\"doc\":\"" + id + "\"}";
        return switch (op.body()) {
            case 1 -> SaveRequest.of(id, parent, Body.fromJson(json));
            case 2 -> SaveRequest.ofJson(id, parent, "{\"v\":");
            case 3 -> SaveRequest.ofJson(id, parent, "{\"_rev\":\"1-a\"}");
            default -> SaveRequest.ofJson(id, parent, json);
        };
    }

    private static String describe(C4Exception e) {
        return e == null ? "no error" : e.domain() + "/" + e.code();
    }

    private static List<String> summary(List<Document> docs) {
        List<String> out = new ArrayList<>();
        for (Document d : docs) {
            out.add(d.id() + " " + d.revId() + " " + d.sequence() + " " + d.body());
        }
        return out;
    }

    private static List<String> contents(Collection c) {
        List<String> out = new ArrayList<>();
        out.add("last " + c.lastSequence());
        for (Change ch : c.changes(0, ChangesOptions.DEFAULT.withLimit(10_000))) {
            Document d = c.get(ch.docId());
            out.add(d.id() + " " + d.revId() + " " + d.sequence() + " " + d.isDeleted() + " " + d.body());
        }
        return out;
    }
}
