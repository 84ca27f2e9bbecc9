package org.c4j.replicator.internal.checkpoint;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The {@link Checkpointer} of one collection of one connection: it turns the workers' pending/completed reports into
 * the two values a checkpoint records, like LiteCore's {@code Checkpoint} and {@code RemoteSequenceSet}.
 *
 * <ul>
 *   <li>Local (push): the highest local sequence below which every sequence the pusher reported is completed:
 *       one less than the lowest pending sequence, or the highest sequence seen when none is pending.</li>
 *   <li>Remote (pull): the remote sequence the peer sent just before the earliest one still pending (in the
 *       order the peer sent them), or the last one sent when none is pending. Remote sequences are opaque JSON
 *       values compared with {@link Object#equals}.</li>
 * </ul>
 *
 * <p>A change of either value calls the change callback (outside the lock), which the replicator uses to schedule a
 * save. Thread-safe: the pusher and puller call it from their executors.
 */
public final class CheckpointTracker implements Checkpointer {
    private final Runnable onChange;
    private final TreeSet<Long> pushPending = new TreeSet<>();
    private long pushHighest;
    /** Pending remote sequences in the order received, each mapped to the sequence received before it. */
    private final Map<Object, Object> pullPending = new LinkedHashMap<>();
    private Object pullLastAdded;
    private long localCheckpoint;
    private Object remoteCheckpoint;

    /** @param onChange called (on the reporting thread, without a lock held) whenever a value moves */
    public CheckpointTracker(Runnable onChange) {
        this.onChange = Objects.requireNonNull(onChange, "onChange");
    }

    /** Forgets everything pending and starts from these values (0 / null: from the beginning). */
    public synchronized void reset(long local, Object remote) {
        pushPending.clear();
        pullPending.clear();
        pushHighest = local;
        localCheckpoint = local;
        pullLastAdded = remote;
        remoteCheckpoint = remote;
    }

    /** The local sequence every change up to which has been pushed. */
    public synchronized long localCheckpoint() {
        return localCheckpoint;
    }

    /** The remote sequence every change up to which has been pulled, or null. */
    public synchronized Object remoteCheckpoint() {
        return remoteCheckpoint;
    }

    /** Local sequences read but not yet completed. */
    public synchronized int pushPendingCount() {
        return pushPending.size();
    }

    /** Remote sequences received but not yet completed. */
    public synchronized int pullPendingCount() {
        return pullPending.size();
    }

    @Override
    public void pushPending(long localSeq) {
        boolean changed;
        synchronized (this) {
            pushPending.add(localSeq); // even below the checkpoint: then the checkpoint moves back to stay safe
            pushHighest = Math.max(pushHighest, localSeq);
            changed = updateLocal();
        }
        notifyIf(changed);
    }

    @Override
    public void pushCompleted(long localSeq) {
        boolean changed;
        synchronized (this) {
            if (localSeq <= localCheckpoint && !pushPending.contains(localSeq)) {
                return;
            }
            pushPending.remove(localSeq);
            pushHighest = Math.max(pushHighest, localSeq);
            changed = updateLocal();
        }
        notifyIf(changed);
    }

    @Override
    public void pullPending(Object remoteSeq) {
        Objects.requireNonNull(remoteSeq, "remoteSeq");
        boolean changed;
        synchronized (this) {
            if (pullPending.containsKey(remoteSeq)) {
                return;
            }
            pullPending.put(remoteSeq, pullLastAdded);
            pullLastAdded = remoteSeq;
            changed = updateRemote();
        }
        notifyIf(changed);
    }

    @Override
    public void pullCompleted(Object remoteSeq) {
        Objects.requireNonNull(remoteSeq, "remoteSeq");
        boolean changed;
        synchronized (this) {
            if (!pullPending.containsKey(remoteSeq)) {
                return;
            }
            pullPending.remove(remoteSeq);
            changed = updateRemote();
        }
        notifyIf(changed);
    }

    private boolean updateLocal() {
        long value = pushPending.isEmpty() ? pushHighest : pushPending.first() - 1;
        if (value == localCheckpoint) {
            return false;
        }
        localCheckpoint = value;
        return true;
    }

    private boolean updateRemote() {
        Iterator<Object> first = pullPending.values().iterator();
        Object value = first.hasNext() ? first.next() : pullLastAdded;
        if (Objects.equals(value, remoteCheckpoint)) {
            return false;
        }
        remoteCheckpoint = value;
        return true;
    }

    private void notifyIf(boolean changed) {
        if (changed) {
            onChange.run();
        }
    }
}
