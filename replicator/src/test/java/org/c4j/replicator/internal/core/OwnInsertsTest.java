package org.c4j.replicator.internal.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

public class OwnInsertsTest {

    /** An operation: record (docId index, rev index) or consume it. */
    record Op(boolean insert, int doc, int rev) {
    }

    /**
     * Against a model (the last revision recorded per document, forgetting the least recently recorded documents
     * beyond the capacity): consume answers true exactly for a remembered pair, and only once.
     */
    @Property(tries = 500)
    void behavesLikeABoundedLastRevisionPerDocumentMap(@ForAll @IntRange(min = 1, max = 6) int capacity,
            @ForAll @Size(max = 60) List<@IntRange(max = 3 * 8 * 2 - 1) Integer> codes) {
        OwnInserts own = new OwnInserts(capacity);
        Map<String, String> model = new java.util.LinkedHashMap<>();
        for (int code : codes) {
            Op op = new Op(code % 2 == 0, (code / 2) % 8, code / 16);
            String doc = "d" + op.doc();
            String rev = op.rev() + 1 + "-r";
            if (op.insert()) {
                own.inserted(doc, rev);
                model.remove(doc);
                model.put(doc, rev);
                while (model.size() > capacity) {
                    model.remove(model.keySet().iterator().next());
                }
            } else {
                assertEquals(model.remove(doc, rev), own.consume(doc, rev), "consume " + doc + " " + rev);
            }
            assertEquals(model.size(), own.size());
        }
    }

    @Property(tries = 100)
    void anEntryIsConsumedOnceAndOnlyForItsRevision(@ForAll @Size(min = 1, max = 20) List<@IntRange(max = 50) Integer> docs) {
        OwnInserts own = new OwnInserts(100);
        Map<String, Integer> last = new HashMap<>();
        docs.forEach(d -> {
            own.inserted("d" + d, "1-a");
            last.put("d" + d, d);
        });
        for (String d : last.keySet()) {
            assertFalse(own.consume(d, "2-b"));
            assertTrue(own.consume(d, "1-a"));
            assertFalse(own.consume(d, "1-a"));
        }
    }
}
