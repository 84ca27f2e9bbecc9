package org.c4j.replicator.internal.checkpoint;

import java.util.List;
import java.util.Map;

import org.c4j.replicator.internal.wire.Json;
import org.c4j.replicator.internal.wire.RemoteSequence;

/**
 * The JSON a replicator stores as its checkpoint, locally and (via setCheckpoint) on the peer, in LiteCore's format
 * ({@code Checkpoint::toJSON}): {@code {"time":T,"local":N,"localCompleted":[start,length,...],"remote":R}} where
 * <ul>
 *   <li>{@code time}: seconds since the epoch when it was written (informational);</li>
 *   <li>{@code local}: every local sequence up to N has been pushed (omitted when 0);</li>
 *   <li>{@code localCompleted}: the full set of completed local sequences as (start, length) pairs, written only
 *       when it has more than one range (sequences completed out of order);</li>
 *   <li>{@code remote}: the peer's sequence up to which everything was pulled, raw JSON (omitted if none).</li>
 * </ul>
 * The completed set always contains sequence 0, as LiteCore's does.
 *
 * <p>Immutable; thread-safe.
 *
 * @param timeSeconds when the checkpoint was made (the caller's clock)
 * @param completed   completed local sequences (copied in and out)
 * @param remote      last fully pulled remote sequence, or null
 */
public record CheckpointBody(long timeSeconds, SequenceSet completed, RemoteSequence remote) {
    public CheckpointBody {
        completed = completed.copy();
        completed.add(0);
    }

    /** No progress either way. */
    public static CheckpointBody empty(long timeSeconds) {
        return new CheckpointBody(timeSeconds, new SequenceSet(), null);
    }

    @Override
    public SequenceSet completed() {
        return completed.copy();
    }

    /** The largest local sequence such that it and every smaller one are completed (LiteCore's localMinSequence). */
    public long localMinSequence() {
        return completed.firstRangeEnd() - 1;
    }

    /**
     * This (local) checkpoint checked against the peer's copy, as LiteCore 3.0's {@code validateWith}: if the
     * completed local sequences differ, push progress restarts from 0; if this has a remote sequence and the peer's
     * differs, pull progress restarts from the beginning. Returns this when both agree.
     */
    public CheckpointBody reconciledWith(CheckpointBody peer) {
        boolean localOk = completed.equals(peer.completed);
        boolean remoteOk = remote == null || remote.equals(peer.remote);
        if (localOk && remoteOk) {
            return this;
        }
        return new CheckpointBody(timeSeconds, localOk ? completed : new SequenceSet(), remoteOk ? remote : null);
    }

    /** The same checkpoint with another timestamp. */
    public CheckpointBody at(long newTimeSeconds) {
        return new CheckpointBody(newTimeSeconds, completed, remote);
    }

    public byte[] encode() {
        long local = localMinSequence();
        return Json.build(g -> {
            g.writeStartObject();
            g.writeNumberField("time", timeSeconds);
            if (local > 0) {
                g.writeNumberField("local", local);
            }
            if (completed.rangeCount() > 1) {
                g.writeArrayFieldStart("localCompleted");
                for (long[] r : completed.ranges()) {
                    g.writeNumber(r[0]);
                    g.writeNumber(r[1] - r[0]);
                }
                g.writeEndArray();
            }
            if (remote != null) {
                g.writeFieldName("remote");
                g.writeRawValue(remote.toJson());
            }
            g.writeEndObject();
        });
    }

    /**
     * Parses a checkpoint body; unknown keys are ignored. Malformed JSON, a non-object, or a malformed
     * {@code localCompleted} throw {@code C4Exception(BLIP, 400)} (LiteCore logs and starts over instead; the
     * caller may do the same).
     */
    public static CheckpointBody decode(byte[] json) {
        Object root = Json.parse(json, "checkpoint");
        if (!(root instanceof Map<?, ?> map)) {
            throw Json.malformed("checkpoint", "not a JSON object");
        }
        return fromMap(map);
    }

    /** Reads a checkpoint from an already parsed JSON object (e.g. an entry of a getCollections reply). */
    public static CheckpointBody fromMap(Map<?, ?> map) {
        SequenceSet completed = new SequenceSet();
        Object pairs = map.get("localCompleted");
        if (pairs != null) {
            if (!(pairs instanceof List<?> list) || list.size() % 2 != 0) {
                throw Json.malformed("checkpoint", "'localCompleted' is not an array of (start, length) pairs");
            }
            for (int i = 0; i < list.size(); i += 2) {
                long start = nonNegative(list.get(i));
                long length = nonNegative(list.get(i + 1));
                if (length == 0) {
                    throw Json.malformed("checkpoint", "empty range in 'localCompleted'");
                }
                completed.add(start, start + length);
            }
        } else if (map.get("local") != null) {
            completed.add(0, nonNegative(map.get("local")) + 1);
        }
        Object time = map.get("time");
        return new CheckpointBody(time instanceof Number n ? n.longValue() : 0, completed,
                RemoteSequence.fromValue(map.get("remote")));
    }

    private static long nonNegative(Object v) {
        if (v instanceof Long n && n >= 0) {
            return n;
        }
        throw Json.malformed("checkpoint", "expected a sequence number, got " + v);
    }
}
