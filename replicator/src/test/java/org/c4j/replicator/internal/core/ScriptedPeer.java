package org.c4j.replicator.internal.core;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.c4j.Body;
import org.c4j.Collection;
import org.c4j.InsertRequest;
import org.c4j.blip.BlipConnection;
import org.c4j.blip.IncomingMessage;
import org.c4j.blip.OutgoingMessage;
import org.c4j.replicator.internal.wire.Json;
import org.c4j.replicator.internal.wire.ReplWire;
import org.c4j.replicator.internal.wire.RevMessage;

/**
 * The other end of a pusher test, answering like LiteCore's receiving side: {@code proposeChanges} and
 * {@code changes} replies come from a script (default: accept everything, with LiteCore's reply properties),
 * {@code rev}s are inserted into the peer's own collection (if given) and answered from a script (default: success).
 * Every request the pusher sends is recorded in arrival order.
 *
 * <p>Thread-safe: handlers run on the peer connection's executor; scripts may be swapped from the test thread.
 */
public final class ScriptedPeer {
    /** How a test answers one change list: properties and body of the reply, or null to hold it back. */
    public record Reply(Map<String, String> properties, String body) {
    }

    /** LiteCore's receiver properties (vectors: maxHistory 20, blobs, deltas). */
    public static final Map<String, String> LITECORE_PROPS = Map.of("maxHistory", "20", "blobs", "true", "deltas", "true");

    final List<IncomingMessage> received = new CopyOnWriteArrayList<>();
    final LinkedBlockingQueue<IncomingMessage> lists = new LinkedBlockingQueue<>();
    public final LinkedBlockingQueue<IncomingMessage> revs = new LinkedBlockingQueue<>();
    public final LinkedBlockingQueue<IncomingMessage> norevs = new LinkedBlockingQueue<>();
    /** Default: proposeChanges all accepted ({@code []}); changes all wanted with no known ancestors. */
    public volatile Function<IncomingMessage, Reply> listScript = ScriptedPeer::wantAll;
    /** Answers a rev; null = success. Returns {domain, code, message}. */
    public volatile Function<IncomingMessage, String[]> revScript = rq -> null;
    private final Collection store;
    private boolean closed; // guarded by this: no insert may run once the test closes the store's database

    /** @param store where received revisions are inserted, or null to only record them */
    public ScriptedPeer(BlipConnection peer, Collection store) {
        this.store = store;
        peer.setRequestHandler(ReplWire.PROPOSE_CHANGES, this::onList);
        peer.setRequestHandler(ReplWire.CHANGES, this::onList);
        peer.setRequestHandler(ReplWire.REV, this::onRev);
        peer.setRequestHandler(ReplWire.NOREV, rq -> {
            received.add(rq);
            norevs.add(rq);
        });
    }

    private void onList(IncomingMessage rq) {
        received.add(rq);
        lists.add(rq);
        if (rq.isNoReply()) {
            return;
        }
        Reply r = listScript.apply(rq);
        if (r != null) {
            respond(rq, r);
        }
    }

    static Reply wantAll(IncomingMessage rq) {
        if (ReplWire.PROPOSE_CHANGES.equals(rq.profile())) {
            return new Reply(LITECORE_PROPS, "[]");
        }
        int n = ((List<?>) Json.parse(rq.body(), "changes")).size();
        return new Reply(LITECORE_PROPS, "[" + String.join(",", java.util.Collections.nCopies(n, "[]")) + "]");
    }

    public static void respond(IncomingMessage rq, Reply r) {
        OutgoingMessage.Builder b = OutgoingMessage.builder().body(r.body());
        r.properties().forEach(b::property);
        rq.respond(b.build());
    }

    /** While true, revs are recorded in {@link #held} and not answered; see {@link #release}. */
    public volatile boolean holdRevs;
    public final List<IncomingMessage> held = new CopyOnWriteArrayList<>();

    /** Answers the held revs (success, inserting them) and stops holding. */
    public void release() {
        holdRevs = false;
        for (IncomingMessage rq : held) {
            store(rq);
            rq.respond(OutgoingMessage.builder().build());
        }
        held.clear();
    }

    private void onRev(IncomingMessage rq) {
        received.add(rq);
        if (holdRevs) {
            held.add(rq);
            return;
        }
        String[] error = revScript.apply(rq);
        if (error != null) {
            revs.add(rq);
            rq.respondWithError(error[0], Integer.parseInt(error[1]), error[2]);
            return;
        }
        store(rq);
        revs.add(rq);
        rq.respond(OutgoingMessage.builder().build());
    }

    private synchronized void store(IncomingMessage rq) {
        if (store != null && !closed) {
            List<String> history = RevMessage.parse(rq.properties(), false).fullHistory();
            store.insertExisting(InsertRequest.of(rq.property("id"), history, Body.fromJson(rq.body()))
                    .withDeleted("1".equals(rq.property("deleted"))));
        }
    }

    /** Stops inserting (before the store's database is closed). */
    public synchronized void close() {
        closed = true;
    }

    public IncomingMessage nextList() {
        return poll(lists, "a change list");
    }

    public IncomingMessage nextRev() {
        return poll(revs, "a rev");
    }

    /** Asserts no further change list arrives within a short while. */
    public IncomingMessage listWithin(Duration d) throws InterruptedException {
        return lists.poll(d.toMillis(), TimeUnit.MILLISECONDS);
    }

    public static IncomingMessage poll(LinkedBlockingQueue<IncomingMessage> q, String what) {
        try {
            IncomingMessage m = q.poll(10, TimeUnit.SECONDS);
            if (m == null) {
                throw new AssertionError("timed out waiting for " + what);
            }
            return m;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public static String text(IncomingMessage m) {
        return new String(m.body(), StandardCharsets.UTF_8);
    }
}
