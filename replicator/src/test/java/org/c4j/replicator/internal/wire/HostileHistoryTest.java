package org.c4j.replicator.internal.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.c4j.replicator.internal.core.ReplTuning;
import org.c4j.socket.C4Exception;
import org.junit.jupiter.api.Test;

/** Histories a hostile peer can ask for or send are bounded (issue 9: huge maxHistory, huge generation). */
public class HostileHistoryTest {

    @Test
    void aHugeMaxHistoryAndAGenerationGapBuildAtMostTheCap() {
        // A revision of generation 2^31 whose stored parent is generation 1: the gap would be filled with
        // two billion made-up IDs if the peer's maxHistory were honoured as asked.
        List<String> lineage = List.of((1L << 31) + "-aa", "1-bb");
        List<String> built = RevHistory.build(lineage, Integer.MAX_VALUE, Set.of(), new Random(1));
        assertEquals(ReplTuning.MAX_HISTORY_SENT, built.size());
        List<String> unlimited = RevHistory.build(lineage, 0, Set.of(), new Random(1));
        assertEquals(ReplTuning.MAX_HISTORY_SENT, unlimited.size(), "0 (all) is bounded too");
    }

    private static Map<String, String> rev(String revId, String history) {
        return Map.of(ReplWire.ID, "doc", ReplWire.REV_ID, revId, ReplWire.HISTORY, history,
                ReplWire.SEQUENCE, "7");
    }

    @Test
    void aReceivedRevisionOverTheGenerationLimitIsRefusedWith400() {
        C4Exception e = assertThrows(C4Exception.class,
                () -> RevMessage.parse(rev("4294967295-aa", ""), false));
        assertEquals(400, e.code());
        RevMessage ok = RevMessage.parse(rev(ReplTuning.MAX_GENERATION_RECEIVED + "-aa", ""), false);
        assertEquals(ReplTuning.MAX_GENERATION_RECEIVED + "-aa", ok.revId());
    }

    @Test
    void aReceivedHistoryOverTheSizeLimitOrOutOfOrderIsRefusedWith400() {
        int n = ReplTuning.MAX_HISTORY_RECEIVED + 1;
        List<String> ancestors = new ArrayList<>();
        for (int g = n; g >= 1; g--) {
            ancestors.add(g + "-aa");
        }
        C4Exception big = assertThrows(C4Exception.class,
                () -> RevMessage.parse(rev((n + 1) + "-aa", String.join(",", ancestors)), false));
        assertEquals(400, big.code());
        assertEquals(400, assertThrows(C4Exception.class,
                () -> RevMessage.parse(rev("3-aa", "3-bb,2-cc"), false)).code());
        assertEquals(400, assertThrows(C4Exception.class,
                () -> RevMessage.parse(rev("3-aa", "2-bb,not-a-rev"), false)).code());
        // Skipping to a known ancestor (LiteCore does when maxHistory is full) is fine.
        assertTrue(RevMessage.parse(rev("9-aa", "8-bb,2-cc"), false).history().size() == 2);
    }
}
