package org.c4j.replicator.internal.core;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.c4j.CollectionSpec;
import org.c4j.blip.IncomingMessage;
import org.c4j.blip.OutgoingMessage;
import org.c4j.replicator.internal.checkpoint.PeerCheckpoints;
import org.c4j.replicator.internal.wire.CollectionsCodec;
import org.c4j.replicator.internal.wire.ReplWire;
import org.c4j.socket.C4Exception;
import org.c4j.socket.ErrorCodes;
import org.c4j.socket.ErrorDomain;

/**
 * The {@code getCollections} exchange that opens a collection-aware (3.1+) connection, both sides (LiteCore 3.1
 * {@code Replicator::getCollections} / {@code handleGetCollections}); the body formats are {@link CollectionsCodec}'s.
 *
 * <p>Stateless; runs on the core's executor.
 */
public final class CollectionsRequest {
    private CollectionsRequest() {
    }

    /** Active side: asks for every lane's checkpoint; on the reply each lane validates its checkpoint and starts. */
    static void send(ReplicatorCore core, List<Lane> lanes) {
        List<CollectionsCodec.Request> requests = new ArrayList<>(lanes.size());
        for (Lane lane : lanes) {
            requests.add(new CollectionsCodec.Request(lane.spec(), lane.checkpoint().id()));
        }
        OutgoingMessage msg = OutgoingMessage.request(ReplWire.GET_COLLECTIONS)
                .body(CollectionsCodec.encodeRequest(requests)).build();
        core.connection().send(msg).whenComplete((reply, err) -> core.enqueue(() -> {
            if (err == null) {
                replied(core, lanes, reply);
            }
        }));
    }

    private static void replied(ReplicatorCore core, List<Lane> lanes, IncomingMessage reply) {
        if (reply.isError()) {
            core.fatal(ReplWire.errorOf(reply));
            return;
        }
        List<CollectionsCodec.Reply> entries;
        try {
            entries = CollectionsCodec.decodeReply(reply.body(), lanes.size());
        } catch (C4Exception e) {
            core.fatal(new C4Exception(ErrorDomain.LITECORE, ErrorCodes.LiteCore.REMOTE_ERROR,
                    "Invalid checkpoints: " + e.getMessage()));
            return;
        }
        for (int i = 0; i < entries.size(); i++) {
            if (!entries.get(i).exists()) {
                core.fatal(new C4Exception(ErrorDomain.WEBSOCKET, ErrorCodes.WebSocket.HTTP_NOT_FOUND, "Collection '"
                        + CollectionsCodec.path(lanes.get(i).spec()) + "' is not found on the remote server"));
                return;
            }
        }
        for (int i = 0; i < entries.size(); i++) {
            CollectionsCodec.Reply e = entries.get(i);
            lanes.get(i).checkpoint().gotRemote(e.checkpoint(), e.rev() == null ? "" : e.rev());
        }
    }

    /** Passive side: sets up the core's lanes (if every collection is served) and replies the checkpoints. */
    static void answer(ReplicatorCore core, PeerCheckpoints store, IncomingMessage rq) {
        List<CollectionsCodec.Request> requests;
        try {
            requests = CollectionsCodec.decodeRequest(rq.body());
        } catch (C4Exception e) {
            rq.respondWithError(ReplWire.DOMAIN_BLIP, ReplWire.STATUS_BAD_REQUEST,
                    "Invalid getCollections message: " + e.getMessage());
            return;
        }
        List<CollectionSpec> specs = requests.stream().map(CollectionsCodec.Request::collection).toList();
        boolean[] served = core.setUpPassiveLanes(specs, true);
        List<CollectionsCodec.StoredCheckpoint> entries = new ArrayList<>(requests.size());
        try {
            for (int i = 0; i < requests.size(); i++) {
                PeerCheckpoints.Stored stored = served[i] ? store.get(requests.get(i).checkpointId()) : null;
                entries.add(!served[i] ? null : stored == null ? new CollectionsCodec.StoredCheckpoint(null, null)
                        : new CollectionsCodec.StoredCheckpoint(stored.json().getBytes(StandardCharsets.UTF_8),
                                stored.rev()));
            }
        } catch (C4Exception e) {
            ReplWire.CHECKPOINT_READ_FAILED.respondTo(rq);
            return;
        }
        rq.respond(OutgoingMessage.builder().body(CollectionsCodec.encodeReply(entries)).build());
    }
}
