package org.c4j.replicator.internal.pull;

import java.util.HashSet;
import java.util.Set;

import org.c4j.replicator.internal.wire.RemoteSequence;

/**
 * The remote sequences an active puller asked revisions for and has not yet received: a {@code rev} or {@code norev}
 * completes its sequence in the checkpoint only if it was expected.
 *
 * <p>Not thread-safe: owned by the puller's executor.
 */
final class ExpectedSequences {
    private final Set<RemoteSequence> expected = new HashSet<>();

    void add(RemoteSequence seq) {
        expected.add(seq);
    }

    /**
     * The checkpointer's key for a rev's {@code sequence} property, removed from the expected set; null if this
     * sequence wasn't requested (passive side, or a revision we didn't ask for). Sync Gateway's string sequences
     * come back unquoted in the property, quoted as JSON in the changes list.
     */
    RemoteSequence take(String property) {
        RemoteSequence seq = RemoteSequence.fromJson(property);
        if (seq == null) {
            return null;
        }
        if (expected.remove(seq)) {
            return seq;
        }
        RemoteSequence quoted = RemoteSequence.fromValue(property);
        return expected.remove(quoted) ? quoted : null;
    }
}
