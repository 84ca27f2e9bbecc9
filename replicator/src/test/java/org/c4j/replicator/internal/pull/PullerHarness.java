package org.c4j.replicator.internal.pull;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.c4j.Database;
import org.c4j.blip.BlipConfig;
import org.c4j.blip.CompressionPolicy;
import org.c4j.blip.BlipConnection;
import org.c4j.blip.IncomingMessage;
import org.c4j.blip.OutgoingMessage;
import org.c4j.replicator.internal.core.TestReplContext;
import org.c4j.replicator.internal.wire.ReplWire;
import org.c4j.socket.testkit.LoopbackPair;

/**
 * A {@link Puller} on a real database, connected over the loopback socket pair to a scripted peer that plays
 * LiteCore's passive pusher with messages shaped like the captured CBL 3.0 traffic: it answers {@code subChanges}
 * with an empty reply, serves {@code getAttachment} from {@link #blobs}, and the test drives {@code changes},
 * {@code rev}, {@code norev} and {@code proposeChanges} through {@link #peer}.
 */
public final class PullerHarness implements AutoCloseable {
    final Database db;
    final TestReplContext ctx;
    final Puller puller;
    final BlipConnection local;
    final BlipConnection peer;
    final BlockingQueue<IncomingMessage> subChanges = new LinkedBlockingQueue<>();
    final BlockingQueue<IncomingMessage> attachmentRequests = new LinkedBlockingQueue<>();
    /** Blob contents the peer serves, by digest ({@code sha1-...}). */
    final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
    /** When set, the peer answers subChanges with this error (domain, code). */
    volatile String[] subChangesError;

    PullerHarness(Path dir, Consumer<TestReplContext> setup) {
        db = Database.open(dir);
        LoopbackPair pair = LoopbackPair.create();
        local = BlipConnection.create(pair.client(), BlipConfig.builder().name("puller").compression(CompressionPolicy.ALWAYS).build());
        peer = BlipConnection.create(pair.server(), BlipConfig.builder().name("peer").compression(CompressionPolicy.ALWAYS).build());
        ctx = new TestReplContext(db, local);
        setup.accept(ctx);
        puller = new Puller(ctx);
        local.setRequestHandler(ReplWire.CHANGES, puller::handleChanges);
        local.setRequestHandler(ReplWire.PROPOSE_CHANGES, puller::handleProposeChanges);
        local.setRequestHandler(ReplWire.REV, puller::handleRev);
        local.setRequestHandler(ReplWire.NOREV, puller::handleNoRev);
        peer.setRequestHandler(ReplWire.SUB_CHANGES, rq -> {
            subChanges.add(rq);
            String[] err = subChangesError;
            if (err != null) {
                rq.respondWithError(err[0], Integer.parseInt(err[1]), "refused");
            } else {
                rq.respond(OutgoingMessage.builder().build());
            }
        });
        peer.setRequestHandler(ReplWire.GET_ATTACHMENT, rq -> {
            attachmentRequests.add(rq);
            byte[] content = blobs.get(rq.property(ReplWire.DIGEST));
            if (content == null) {
                rq.respondWithError("LiteCore", 7, "No such blob");
            } else {
                rq.respond(OutgoingMessage.builder().compressed(ReplWire.parseBool(rq.property(ReplWire.COMPRESS),
                        false)).body(content).build());
            }
        });
        peer.start();
        local.start();
    }

    PullerHarness(Path dir) {
        this(dir, c -> { });
    }

    /** Sends a request from the peer and waits for the reply. */
    IncomingMessage call(OutgoingMessage m) throws Exception {
        return peer.send(m).get(10, TimeUnit.SECONDS);
    }

    /** A changes message as LiteCore's passive pusher sends it (urgent, compressed). */
    static OutgoingMessage changes(String json) {
        return OutgoingMessage.request(ReplWire.CHANGES).urgent(true).compressed(true).body(json).build();
    }

    /** The empty changes message that says "caught up" (urgent, no reply). */
    void caughtUp() throws Exception {
        peer.send(OutgoingMessage.request(ReplWire.CHANGES).urgent(true).noReply(true).body("[]").build())
                .get(10, TimeUnit.SECONDS);
    }

    /** A rev message as LiteCore sends it: id, rev, sequence, [deleted], [history]; compressed JSON body. */
    static OutgoingMessage.Builder rev(String docId, String revId, long sequence, String history, boolean deleted,
                                       String json) {
        OutgoingMessage.Builder b = OutgoingMessage.request(ReplWire.REV).compressed(true)
                .property(ReplWire.ID, docId).property(ReplWire.REV_ID, revId)
                .property(ReplWire.SEQUENCE, Long.toString(sequence));
        if (deleted) {
            b.property(ReplWire.DELETED, ReplWire.ONE);
        }
        if (history != null) {
            b.property(ReplWire.HISTORY, history);
        }
        return b.body(json.getBytes(StandardCharsets.UTF_8));
    }

    CompletableFuture<IncomingMessage> send(OutgoingMessage m) {
        return peer.send(m);
    }

    @Override
    public void close() {
        puller.stop();
        local.close();
        peer.close();
        ctx.close();
        db.close();
    }
}
