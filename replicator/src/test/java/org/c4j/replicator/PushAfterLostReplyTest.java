package org.c4j.replicator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.c4j.Body;
import org.c4j.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pusher whose reply to a {@code rev} was lost (the listener stored the revision and died before answering) does
 * not know the listener has it. It offers the document's next revision without a server revision, the listener
 * answers 409 naming the revision it has, which is the new one's parent: the pusher proposes it again on top of that
 * one, and the listener takes it.
 */
class PushAfterLostReplyTest {
    @TempDir
    Path dir;

    @Test
    void nextRevisionIsPushedOnTopOfTheOneWhoseReplyWasLost() {
        try (ReplPeers peers = new ReplPeers(dir)) {
            String first = peers.remote.defaultCollection().save("a", null, Body.fromJson("{\"v\":1}")).revId();
            Document local = peers.local.defaultCollection().save("a", null, Body.fromJson("{\"v\":1}"));
            assertEquals(first, local.revId(), "same body, same parent: same revision ID");
            String second = peers.local.defaultCollection().save("a", first, Body.fromJson("{\"v\":2}")).revId();
            List<DocumentReplication> events = new CopyOnWriteArrayList<>();
            Replicator r = peers.replicator(peers.config(ReplicatorType.PUSH).build());
            r.addDocumentListener(events::add);
            r.start();
            ReplicatorStatus end = ReplTestSupport.awaitStopped(r);
            assertNull(end.error(), () -> "replication failed: " + end);
            assertEquals(second, peers.remote.defaultCollection().get("a").revId(), events::toString);
            ReplTestSupport.await(() -> !events.isEmpty(), "a document event");
            assertNull(events.get(0).error(), events::toString);
        }
    }
}
