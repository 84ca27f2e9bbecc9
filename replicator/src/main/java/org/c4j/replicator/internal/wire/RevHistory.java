package org.c4j.replicator.internal.wire;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.random.RandomGenerator;

import org.c4j.replicator.internal.core.ReplTuning;
import org.c4j.replicator.internal.db.DbAccess;

/**
 * Chooses the revision history to send with a {@code rev}, as LiteCore's {@code getRevisionHistory} does: walk
 * back from the revision through its ancestors until reaching one the peer said it has, which is always included
 * (displacing the oldest one if the list is full); send at most {@code maxHistory} revisions counting the revision
 * itself; fill generation gaps left by pruning with made-up {@code <gen>-faded000<16 hex>} IDs (the peer only needs
 * a chain of the right length). The {@code history} property is the result without its first element.
 *
 * <p>Stateless; thread-safe.
 */
public final class RevHistory {
    private RevHistory() {
    }

    /**
     * @param lineage        the revision then its stored ancestors, each the parent of the previous, newest first
     * @param maxHistory     the peer's {@code maxHistory} (0 means unlimited)
     * @param knownAncestors revIDs the peer has (changes reply list, or the proposeChanges parent); may be empty
     * @param random         source for the made-up gap revIDs
     * @return the revision followed by the ancestors to send
     */
    public static List<String> build(List<String> lineage, int maxHistory, Collection<String> knownAncestors,
                                     RandomGenerator random) {
        int max = maxHistory <= 0 ? ReplTuning.MAX_HISTORY_SENT : Math.min(maxHistory, ReplTuning.MAX_HISTORY_SENT);
        List<String> out = new ArrayList<>(Math.min(lineage.size(), max) + 1);
        long lastGen = DbAccess.generation(lineage.get(0)) + 1;
        for (String revId : lineage) {
            long gen = DbAccess.generation(revId);
            while (gen < --lastGen && out.size() < max) {
                out.add(faded(lastGen, random));
            }
            lastGen = gen;
            if (knownAncestors.contains(revId)) {
                if (out.size() == max) {
                    out.remove(out.size() - 1);
                }
                out.add(revId);
                break;
            }
            if (out.size() < max) {
                out.add(revId);
                if (knownAncestors.isEmpty() && out.size() == max) {
                    break;
                }
            }
        }
        return out;
    }

    /** The {@code history} property value for a {@link #build} result: everything after the revision itself. */
    public static List<String> ancestorsOnly(List<String> built) {
        return built.subList(1, built.size());
    }

    private static String faded(long generation, RandomGenerator random) {
        HexFormat hex = HexFormat.of();
        return generation + "-faded000" + hex.toHexDigits(random.nextInt()) + hex.toHexDigits(random.nextInt());
    }
}
