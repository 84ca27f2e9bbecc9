package org.c4j.replicator.internal.core;

import java.util.List;

import org.c4j.CollectionSpec;
import org.c4j.blip.IncomingMessage;
import org.c4j.replicator.internal.wire.BlipError;
import org.c4j.replicator.internal.wire.ReplWire;

/**
 * Hands each incoming replication request to the worker of its lane (by the {@code collection} property), answering
 * LiteCore's errors for requests no lane can take. A passive core in legacy mode gets its one lane on first use.
 *
 * <p>Static. {@link #route} runs on the core's executor; {@link #routeTo} on any thread, with lanes that are final.
 */
final class LaneRouter {
    private LaneRouter() {
    }

    static void route(ReplicatorCore core, String profile, IncomingMessage rq) {
        if (core.isStopped()) {
            return;
        }
        Lane lane = laneFor(core, rq);
        if (lane != null) {
            toWorker(core, lane, profile, rq);
        }
    }

    /** Routes with the core's final lanes (not empty, workers created), from any thread. */
    static void routeTo(ReplicatorCore core, List<Lane> lanes, String profile, IncomingMessage rq) {
        Lane lane = pick(lanes, rq);
        if (lane != null) {
            toWorker(core, lane, profile, rq);
        }
    }

    private static void toWorker(ReplicatorCore core, Lane lane, String profile, IncomingMessage rq) {
        boolean pushSide = profile.equals(ReplWire.SUB_CHANGES) || profile.equals(ReplWire.GET_ATTACHMENT)
                || profile.equals(ReplWire.PROVE_ATTACHMENT);
        if (pushSide ? lane.pusher() == null : lane.puller() == null) {
            BlipError refusal = core.settings().push() != ReplMode.DISABLED ? ReplWire.FORBIDDEN_PUSH_ENABLED
                    : ReplWire.FORBIDDEN_PUSH_DISABLED;
            refusal.respondTo(rq);
            return;
        }
        switch (profile) {
            case ReplWire.SUB_CHANGES -> lane.pusher().handleSubChanges(rq);
            case ReplWire.GET_ATTACHMENT -> lane.pusher().handleGetAttachment(rq);
            case ReplWire.PROVE_ATTACHMENT -> lane.pusher().handleProveAttachment(rq);
            case ReplWire.CHANGES -> lane.puller().handleChanges(rq);
            case ReplWire.PROPOSE_CHANGES -> lane.puller().handleProposeChanges(rq);
            case ReplWire.REV -> lane.puller().handleRev(rq);
            case ReplWire.NOREV -> lane.puller().handleNoRev(rq);
            default -> throw new IllegalArgumentException(profile);
        }
    }

    /** The lane a request is for (by its {@code collection} property); answers an error and returns null if none. */
    private static Lane laneFor(ReplicatorCore core, IncomingMessage rq) {
        CoreSettings settings = core.settings();
        String prop = rq.property(ReplWire.COLLECTION);
        if (core.lanes().isEmpty() && !settings.isActive() && !core.isCollectionsAware()) {
            if (prop != null) {
                rq.respondWithError(ReplWire.DOMAIN_BLIP, ReplWire.STATUS_BAD_REQUEST,
                        "'collection' property without a prior getCollections");
                return null;
            }
            core.setUpPassiveLanes(List.of(CollectionSpec.DEFAULT), false);
            if (core.lanes().isEmpty()) {
                rq.respondWithError(ReplWire.DOMAIN_HTTP, ReplWire.STATUS_NOT_FOUND,
                        "the default collection is not served");
                return null;
            }
        }
        List<Lane> lanes = core.lanes();
        if (lanes.isEmpty()) {
            rq.respondWithError(ReplWire.DOMAIN_HTTP, ReplWire.STATUS_NOT_FOUND, "no collections");
            return null;
        }
        return pick(lanes, rq);
    }

    /** The lane of the request's {@code collection} property among {@code lanes} (not empty), or null (answered). */
    private static Lane pick(List<Lane> lanes, IncomingMessage rq) {
        String prop = rq.property(ReplWire.COLLECTION);
        if (prop == null) {
            return lanes.get(0); // LiteCore: a missing property means collection 0
        }
        long index = ReplWire.parseLong(prop, -1);
        if (index < 0 || index >= lanes.size() || lanes.get(0).collectionIndex() < 0) {
            rq.respondWithError(ReplWire.DOMAIN_BLIP, ReplWire.STATUS_BAD_REQUEST, "Unrecognized collection");
            return null;
        }
        return lanes.get((int) index);
    }

}
