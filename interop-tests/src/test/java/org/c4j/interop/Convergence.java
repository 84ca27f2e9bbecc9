package org.c4j.interop;

import org.c4j.Document;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Assertions that a Couchbase Lite database and a c4j database hold the same documents: for each document ID the
 * same current revision ID, the same deletion state, no unresolved conflict on either side, and equal bodies
 * (compared as c4j {@link org.c4j.Body#toMap()} values, so key order and JSON spelling don't matter); blobs
 * byte-exact. Stateless.
 */
final class Convergence {
    /** How many mismatches a failure message lists. */
    private static final int MAX_REPORTED = 10;

    private Convergence() { }

    /** Fails listing the first mismatches unless both databases agree on every document in {@code docIds}. */
    static void assertConverged(com.couchbase.lite.Database cbl, org.c4j.Database c4j, List<String> docIds) {
        List<String> problems = mismatches(cbl, c4j, docIds);
        if (!problems.isEmpty()) {
            fail(problems.size() + " of " + docIds.size() + " documents differ, e.g.:\n  "
                + String.join("\n  ", problems.subList(0, Math.min(MAX_REPORTED, problems.size()))));
        }
    }

    /** True if both databases agree on every document in {@code docIds}. */
    static boolean converged(com.couchbase.lite.Database cbl, org.c4j.Database c4j, List<String> docIds) {
        return mismatches(cbl, c4j, docIds).isEmpty();
    }

    /** Both databases have the same number of live documents. */
    static void assertSameCount(com.couchbase.lite.Database cbl, org.c4j.Database c4j) {
        assertEquals(cbl.getCount(), c4j.defaultCollection().count(), "live documents: CBL vs c4j");
    }

    /** Property {@code property} of {@code docId} holds {@code expected} as a blob on both sides. */
    static void assertBlob(com.couchbase.lite.Database cbl, org.c4j.Database c4j, String docId, String property,
                           byte[] expected) {
        com.couchbase.lite.Document doc = cbl.getDocument(docId);
        assertNotNull(doc, () -> "CBL lacks " + docId);
        com.couchbase.lite.Blob blob = doc.getBlob(property);
        assertNotNull(blob, () -> "CBL " + docId + " has no blob " + property);
        assertEquals(expected.length, blob.length(), () -> "CBL blob length of " + docId + "." + property);
        assertArrayEquals(expected, blob.getContent(), () -> "CBL blob content of " + docId + "." + property);
        assertArrayEquals(expected, C4jSide.blobContent(c4j, docId, property),
            () -> "c4j blob content of " + docId + "." + property);
    }

    /** Polls {@code condition} until it holds or {@code limit} passes; fails with {@code what} then. */
    static void await(Duration limit, String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("not within " + limit.toSeconds() + " s: " + what);
            }
            Thread.sleep(50);
        }
    }

    private static List<String> mismatches(com.couchbase.lite.Database cbl, org.c4j.Database c4j,
                                           List<String> docIds) {
        List<String> problems = new ArrayList<>();
        for (String id : docIds) {
            String problem = mismatch(cbl, c4j, id);
            if (problem != null) {
                problems.add(id + ": " + problem);
            }
        }
        return problems;
    }

    private static String mismatch(com.couchbase.lite.Database cbl, org.c4j.Database c4j, String id) {
        CblSide.Rev theirs = CblSide.rev(cbl, id);
        Document ours = c4j.defaultCollection().get(id);
        if (theirs == null || ours == null) {
            return "CBL " + (theirs == null ? "lacks it" : "has " + theirs.revId()) + ", c4j "
                + (ours == null ? "lacks it" : "has " + ours.revId());
        }
        if (!theirs.revId().equals(ours.revId()) || theirs.deleted() != ours.isDeleted()) {
            return "CBL " + theirs + ", c4j " + ours.revId() + (ours.isDeleted() ? " (deleted)" : "");
        }
        if (theirs.conflicted() || ours.isConflicted()) {
            return "unresolved conflict: CBL " + theirs.conflicted() + ", c4j " + ours.isConflicted();
        }
        if (!ours.isDeleted()) {
            Map<String, Object> theirBody = CblSide.body(cbl, id);
            Map<String, Object> ourBody = ours.body().toMap();
            if (!Objects.equals(theirBody, ourBody)) {
                return "bodies differ at " + ours.revId() + ": CBL " + abbreviate(theirBody) + ", c4j "
                    + abbreviate(ourBody);
            }
        }
        return null;
    }

    private static String abbreviate(Object value) {
        String s = String.valueOf(value);
        return s.length() <= 300 ? s : s.substring(0, 300) + "...(" + s.length() + " chars)";
    }
}
