package org.c4j.replicator.internal.wire;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

public class ChangeEntryTest {
    private static ChangeEntry flags(int f) {
        return new ChangeEntry(RemoteSequence.of(1), "d", "1-aa", f, 0);
    }

    @Test
    void deletedSlotValuesAsSyncGateway3DefinesThem() {
        assertFalse(flags(0).isDeleted());
        assertFalse(flags(0).isRevocation());
        assertTrue(flags(1).isDeleted());
        assertFalse(flags(1).isRevocation());
        assertTrue(flags(2).isRevocation());
        assertFalse(flags(2).isChannelRemoval());
        assertTrue(flags(3).isRevocation());
        assertTrue(flags(4).isRevocation());
        assertTrue(flags(4).isChannelRemoval());
        assertFalse(flags(5).isRevocation(), "tombstone + removal is handled as a tombstone");
        assertTrue(flags(5).isDeleted());
    }

    @Test
    void rejectsNegatives() {
        assertThrows(IllegalArgumentException.class, () -> flags(-1));
        assertThrows(IllegalArgumentException.class, () -> new ChangeEntry(RemoteSequence.of(1), "d", "1-aa", 0, -1));
    }
}
