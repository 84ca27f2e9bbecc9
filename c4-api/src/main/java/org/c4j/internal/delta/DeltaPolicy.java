package org.c4j.internal.delta;

import java.util.Map;

import org.c4j.Body;
import org.c4j.socket.C4Exception;

/**
 * When a revision goes out as a delta, with LiteCore 3.0's numbers: only bodies of at least
 * {@link #MIN_BODY_SIZE} bytes in stored form are worth diffing ({@code tuning::kMinBodySizeForDelta}), and a delta
 * more than {@link #MAX_DELTA_RATIO} times the stored body is not used ({@code Pusher::createRevisionDelta}).
 * Choosing the base (never a tombstone) is the caller's part.
 *
 * <p>A delta for a body that may reference blobs is applied back and compared before it is offered: LiteCore 3.0
 * applies such a delta at once on receipt and may never answer one it can't apply, so none may go out that doesn't
 * rebuild the body.
 *
 * <p>Stateless; thread-safe.
 */
public final class DeltaPolicy {
    /** LiteCore's {@code kMinBodySizeForDelta}: smaller bodies always go whole. */
    public static final int MIN_BODY_SIZE = 200;
    /** LiteCore sends the body whole when the delta is larger than this many times the stored body. */
    public static final double MAX_DELTA_RATIO = 1.2;

    private DeltaPolicy() {
    }

    /** The largest delta (UTF-8 JSON bytes) that may stand in for a body of {@code bodySize} stored bytes. */
    public static long maxDeltaSize(int bodySize) {
        return (long) Math.floor(bodySize * MAX_DELTA_RATIO);
    }

    /**
     * The delta to send for {@code nuu} against the base {@code base} the receiver has, or null if the body should
     * go whole (too small, delta too large, or the delta wouldn't rebuild it).
     */
    public static byte[] deltaToSend(JsonDelta codec, Body base, Body nuu) {
        if (nuu.encodedSize() < MIN_BODY_SIZE) {
            return null;
        }
        Map<String, Object> baseValues = base.toMap();
        Map<String, Object> nuuValues = nuu.toMap();
        byte[] delta = JsonDelta.toJson(codec.createValue(baseValues, nuuValues));
        if (delta.length > maxDeltaSize(nuu.encodedSize())) {
            return null;
        }
        if (nuu.mayHaveBlobs() || base.mayHaveBlobs()) {
            try {
                Object rebuilt = codec.applyValue(baseValues, JsonDelta.parse(delta));
                if (!JsonValues.equal(rebuilt, nuuValues)) {
                    return null;
                }
            } catch (C4Exception e) {
                return null;
            }
        }
        return delta;
    }
}
