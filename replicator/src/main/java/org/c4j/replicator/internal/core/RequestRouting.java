package org.c4j.replicator.internal.core;

import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.c4j.blip.BlipConnection;
import org.c4j.blip.IncomingMessage;
import org.c4j.replicator.internal.wire.ReplWire;

/**
 * How a core's incoming requests reach their handlers. The core's own requests (checkpoints, getCollections) and,
 * until the lanes are final, the lanes' requests run on the core's executor ({@link LaneRouter#route}). Once the
 * lanes are {@linkplain #publish published}, a lane's request goes from the BLIP connection's thread straight to its
 * worker ({@link LaneRouter#routeTo}; the workers' entry points only enqueue), saving a thread hand-off per
 * {@code rev} and change list — unless a request handed to the core is still pending, so requests keep the order
 * they arrived in.
 *
 * <p>Thread-safe: {@link #install}'s handlers run on the connection's serial executor; {@link #publish} and
 * {@link #withdraw} on the core's.
 */
final class RequestRouting {
    /** The requests a lane's workers handle. */
    private static final String[] LANE_PROFILES = {ReplWire.SUB_CHANGES, ReplWire.GET_ATTACHMENT,
        ReplWire.PROVE_ATTACHMENT, ReplWire.CHANGES, ReplWire.PROPOSE_CHANGES, ReplWire.REV, ReplWire.NOREV};

    private final ReplicatorCore core;
    private final Executor coreExecutor;
    /** The final lanes, or null: before they exist, and once the core stops. */
    private volatile List<Lane> lanes;
    /** Requests handed to the core's executor and not yet handled there. */
    private final AtomicInteger onCore = new AtomicInteger();

    RequestRouting(ReplicatorCore core, Executor coreExecutor) {
        this.core = core;
        this.coreExecutor = coreExecutor;
    }

    /** Sets a handler on {@code conn} for each of the lanes' requests. */
    void install(BlipConnection conn) {
        for (String profile : LANE_PROFILES) {
            conn.setRequestHandler(profile, rq -> {
                List<Lane> ready = lanes;
                if (ready != null && onCore.get() == 0) {
                    LaneRouter.routeTo(core, ready, profile, rq);
                } else {
                    onCore(rq, r -> LaneRouter.route(core, profile, r));
                }
            });
        }
    }

    /** Sets the handler of one of the core's own requests: it runs on the core's executor. */
    void installOnCore(BlipConnection conn, String profile, Consumer<IncomingMessage> handler) {
        conn.setRequestHandler(profile, rq -> onCore(rq, handler));
    }

    private void onCore(IncomingMessage rq, Consumer<IncomingMessage> handler) {
        onCore.incrementAndGet();
        try {
            coreExecutor.execute(() -> {
                try {
                    handler.accept(rq);
                } finally {
                    onCore.decrementAndGet();
                }
            });
        } catch (RuntimeException e) {
            onCore.decrementAndGet();
            throw e;
        }
    }

    /** The lanes are final (their workers exist): later requests may skip the core. */
    void publish(List<Lane> finalLanes) {
        lanes = finalLanes;
    }

    /** The core stopped: requests go through the core again (which ignores them). */
    void withdraw() {
        lanes = null;
    }
}
