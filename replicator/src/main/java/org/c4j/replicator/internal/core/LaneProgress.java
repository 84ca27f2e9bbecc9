package org.c4j.replicator.internal.core;

import java.util.List;

/**
 * The lanes' combined progress at one moment: the busiest worker activity, whether a checkpoint is unsaved, and
 * completed/total counts. Computed on the core's executor; not thread-safe.
 */
final class LaneProgress {
    Activity workers = Activity.STOPPED;
    boolean unsaved;
    long completed;
    long total;
    private final CoreSettings settings;

    private LaneProgress(CoreSettings settings) {
        this.settings = settings;
    }

    static LaneProgress of(List<Lane> lanes, CoreSettings settings) {
        LaneProgress p = new LaneProgress(settings);
        for (Lane lane : lanes) {
            p.workers = ActivityRule.max(p.workers, lane.workersLevel());
            p.unsaved |= lane.checkpointUnsaved();
            for (Direction d : Direction.values()) {
                p.completed += lane.status(d).completed();
                p.total += lane.status(d).total();
            }
        }
        if (settings.isActive() && lanes.stream().anyMatch(l -> !l.isStarted())) {
            p.workers = Activity.BUSY; // still waiting for checkpoints
        }
        return p;
    }

    /** True if a one-shot replication has nothing left to do in this phase. */
    boolean isDone(ActivityRule.Phase phase) {
        return ActivityRule.isDone(phase, workers, unsaved, settings.isActive(), settings.isContinuous());
    }
}
