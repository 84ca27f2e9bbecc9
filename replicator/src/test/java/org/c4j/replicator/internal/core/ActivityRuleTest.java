package org.c4j.replicator.internal.core;

import static org.c4j.replicator.internal.core.ActivityRule.Phase.CLOSED;
import static org.c4j.replicator.internal.core.ActivityRule.Phase.CLOSING;
import static org.c4j.replicator.internal.core.ActivityRule.Phase.CONNECTED;
import static org.c4j.replicator.internal.core.ActivityRule.Phase.CONNECTING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

public class ActivityRuleTest {
    @Test
    void levelFollowsPhaseWorkersAndCheckpoint() {
        assertEquals(Activity.CONNECTING, ActivityRule.level(CONNECTING, Activity.BUSY, true));
        assertEquals(Activity.BUSY, ActivityRule.level(CONNECTED, Activity.BUSY, false));
        assertEquals(Activity.BUSY, ActivityRule.level(CONNECTED, Activity.IDLE, true), "unsaved checkpoint");
        assertEquals(Activity.IDLE, ActivityRule.level(CONNECTED, Activity.IDLE, false));
        assertEquals(Activity.IDLE, ActivityRule.level(CONNECTED, Activity.STOPPED, false),
                "connected with finished workers is idle, never stopped");
        assertEquals(Activity.BUSY, ActivityRule.level(CLOSING, Activity.IDLE, false));
        assertEquals(Activity.STOPPED, ActivityRule.level(CLOSED, Activity.BUSY, true));
    }

    @Test
    void oneShotActiveIsDoneWhenWorkersRestAndCheckpointIsSaved() {
        assertTrue(ActivityRule.isDone(CONNECTED, Activity.IDLE, false, true, false));
        assertTrue(ActivityRule.isDone(CONNECTED, Activity.STOPPED, false, true, false));
        assertFalse(ActivityRule.isDone(CONNECTED, Activity.BUSY, false, true, false));
        assertFalse(ActivityRule.isDone(CONNECTED, Activity.IDLE, true, true, false), "checkpoint unsaved");
        assertFalse(ActivityRule.isDone(CONNECTED, Activity.IDLE, false, true, true), "continuous");
        assertFalse(ActivityRule.isDone(CONNECTED, Activity.IDLE, false, false, false), "passive");
        assertFalse(ActivityRule.isDone(CONNECTING, Activity.IDLE, false, true, false));
    }

    @Test
    void maxPicksTheMoreActive() {
        assertEquals(Activity.BUSY, ActivityRule.max(Activity.IDLE, Activity.BUSY));
        assertEquals(Activity.IDLE, ActivityRule.max(Activity.IDLE, Activity.STOPPED));
    }
}
