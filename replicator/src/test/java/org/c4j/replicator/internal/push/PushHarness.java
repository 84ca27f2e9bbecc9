package org.c4j.replicator.internal.push;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.c4j.Collection;
import org.c4j.Database;
import org.c4j.DatabaseConfig;
import org.c4j.blip.BlipConfig;
import org.c4j.blip.CompressionPolicy;
import org.c4j.blip.BlipConnection;
import org.c4j.replicator.internal.core.Activity;
import org.c4j.replicator.internal.core.ScriptedPeer;
import org.c4j.replicator.internal.core.TestReplContext;
import org.c4j.replicator.internal.wire.ReplWire;
import org.c4j.socket.testkit.LoopbackPair;

/**
 * Fixture of the pusher tests: a local database with a {@link TestReplContext} on one end of a loopback BLIP
 * connection, and a peer database with a {@link ScriptedPeer} on the other end. Create the {@link Pusher}, register
 * its handlers, then {@link #start()}.
 *
 * <p>Not thread-safe: used by one test thread.
 */
public final class PushHarness implements AutoCloseable {
    static final String REMOTE_URL = "ws://peer.test:4984/db/_blipsync";
    static final Duration WAIT = Duration.ofSeconds(10);

    final Database localDb;
    final Database peerDb;
    final Collection local;
    final BlipConnection connection;
    final BlipConnection peerConnection;
    final TestReplContext ctx;
    final ScriptedPeer peer;

    PushHarness(Path dir) {
        // Not durable: tests survive no power loss, and fsyncs would dominate their time.
        DatabaseConfig config = DatabaseConfig.defaults().withDurable(false);
        localDb = Database.open(dir.resolve("local"), config);
        peerDb = Database.open(dir.resolve("peer"), config);
        local = localDb.defaultCollection();
        LoopbackPair pair = LoopbackPair.create();
        // ALWAYS: the tests check which messages the pusher asks to compress, whatever the link.
        connection = BlipConnection.create(pair.client(), BlipConfig.builder().name("local").compression(CompressionPolicy.ALWAYS).build());
        peerConnection = BlipConnection.create(pair.server(), BlipConfig.builder().name("peer").compression(CompressionPolicy.ALWAYS).build());
        ctx = new TestReplContext(localDb, connection).remoteId(localDb.remoteId(REMOTE_URL));
        peer = new ScriptedPeer(peerConnection, peerDb.defaultCollection());
    }

    /** A pusher on the local side with its passive and blob handlers registered. */
    Pusher pusher() {
        Pusher p = new Pusher(ctx);
        connection.setRequestHandler(ReplWire.SUB_CHANGES, p::handleSubChanges);
        connection.setRequestHandler(ReplWire.GET_ATTACHMENT, p::handleGetAttachment);
        connection.setRequestHandler(ReplWire.PROVE_ATTACHMENT, p::handleProveAttachment);
        return p;
    }

    void start() {
        peerConnection.start();
        connection.start();
    }

    void awaitActivity(Activity a) {
        await("push status " + a, () -> ctx.lastStatus() != null && ctx.lastStatus().activity() == a);
    }

    /** Push sequences reported pending, in order. */
    List<Long> pending() {
        return calls("pushPending ");
    }

    /** Push sequences reported completed, in order. */
    List<Long> completed() {
        return calls("pushCompleted ");
    }

    /** Pending sequences not (yet) completed. */
    List<Long> outstanding() {
        List<Long> out = pending();
        out.removeAll(completed());
        return out;
    }

    private List<Long> calls(String prefix) {
        List<Long> out = new ArrayList<>();
        for (String c : ctx.checkpointCalls) {
            if (c.startsWith(prefix)) {
                out.add(Long.parseLong(c.substring(prefix.length())));
            }
        }
        return out;
    }

    static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    @Override
    public void close() throws Exception {
        connection.close();
        peerConnection.close();
        peer.close();
        ctx.close();
        localDb.close();
        peerDb.close();
    }
}
