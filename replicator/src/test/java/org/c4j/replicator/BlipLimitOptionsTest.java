package org.c4j.replicator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;

import org.c4j.Database;
import org.c4j.socket.C4Exception;
import org.c4j.socket.ErrorCodes;
import org.c4j.socket.ErrorDomain;
import org.c4j.socket.OptionKeys;
import org.c4j.socket.OptionsDict;
import org.c4j.socket.testkit.LoopbackSocketFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The BLIP limits are options of a Listener's connections (and of a Replicator): a limit set there is the one its
 * connections enforce, and a bad value is refused when the Listener or Replicator is made.
 */
class BlipLimitOptionsTest {
    @TempDir
    Path dir;

    @Test
    void aListenersMessageSizeLimitClosesAPeerThatSendsMoreAndServesOthers() {
        try (ReplPeers peers = new ReplPeers(dir, c -> c.withOptions(c.replication().options().toBuilder()
                .put(OptionKeys.C4J_BLIP_MAX_MESSAGE_SIZE, 16 * 1024).build()))) {
            ReplPeers.put(peers.local, "small", "{\"v\":1}");
            assertNull(peers.runOnce(peers.config(ReplicatorType.PUSH).build()).error());
            assertNotNull(peers.remote.defaultCollection().get("small"));

            ReplPeers.put(peers.local, "big", "{\"text\":\"" + "x".repeat(40_000) + "\"}");
            ReplicatorStatus end = peers.runOnce(peers.config(ReplicatorType.PUSH).build());
            assertNotNull(end.error(), "a 40 KB rev is over the listener's 16 KiB message limit");
            assertEquals(ErrorDomain.WEBSOCKET, end.error().domain());
            assertEquals(1009, end.error().code(), end.error().toString());
            assertNull(peers.remote.defaultCollection().get("big"));

            ReplPeers.put(peers.local, "small2", "{\"v\":2}");
            peers.local.defaultCollection().purge("big");
            assertNull(peers.runOnce(peers.config(ReplicatorType.PUSH).build()).error(), "the listener goes on");
            assertNotNull(peers.remote.defaultCollection().get("small2"));
        }
    }

    @Test
    void outOfRangeOrMistypedLimitsAreRefusedWhenTheListenerOrReplicatorIsMade() {
        try (Database db = Database.open(dir.resolve("db"))) {
            for (OptionsDict bad : new OptionsDict[] {
                    OptionsDict.builder().put(OptionKeys.C4J_BLIP_MAX_MESSAGE_SIZE, 0).build(),
                    OptionsDict.builder().put(OptionKeys.C4J_BLIP_MAX_INCOMPLETE_REQUESTS, -1).build(),
                    OptionsDict.builder().put(OptionKeys.C4J_BLIP_MAX_QUEUED_OUTGOING, "lots").build(),
                    OptionsDict.builder().put(OptionKeys.C4J_BLIP_COMPRESSION, "sometimes").build()}) {
                String key = bad.keys().iterator().next();
                C4Exception listener = assertThrows(C4Exception.class, () -> new Listener(
                        new LoopbackListenerTransport(), ListenerConfig.of(db).withOptions(bad)));
                assertInvalid(listener, key);
                C4Exception replicator = assertThrows(C4Exception.class, () -> new Replicator(ReplicatorConfig
                        .builder(db, URI.create("ws://loopback:4984/db")).options(bad)
                        .socketFactory(new LoopbackSocketFactory((socket, request) -> socket.close())).build()));
                assertInvalid(replicator, key);
            }
        }
    }

    private static void assertInvalid(C4Exception e, String key) {
        assertEquals(ErrorDomain.LITECORE, e.domain());
        assertEquals(ErrorCodes.LiteCore.INVALID_PARAMETER, e.code());
        assertTrue(e.getMessage().contains(key), e.getMessage());
    }
}
