package org.c4j.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.URI;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.couchbase.lite.ReplicatorConfiguration;
import com.couchbase.lite.ReplicatorType;
import com.couchbase.lite.URLEndpoint;
import org.c4j.Database;
import org.c4j.replicator.ChannelAccess;
import org.c4j.replicator.Listener;
import org.c4j.replicator.ListenerConfig;
import org.c4j.replicator.PassiveReplicator;
import org.c4j.replicator.RoleChannels;
import org.c4j.replicator.SyncFunction;
import org.c4j.replicator.SyncResult;
import org.c4j.socket.AuthDecision;
import org.c4j.socket.Principal;
import org.c4j.ws.WebSocketListenerTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Couchbase Lite 3.0.0 client against a c4j listener with per-user channels. The test's authenticator (the
 * SPI contract: an {@code UpgradeAuthenticator} returning a {@link Principal}) reads the user's channels from a header
 * the client sends with {@code setHeaders}.
 */
class CblChannelsTest {
    @TempDir
    Path dir;
    private Database c4j;
    private ChannelAccess access;
    private com.couchbase.lite.Database cbl;
    private Listener listener;
    private URI url;

    @BeforeEach
    void open() throws Exception {
        c4j = Database.open(dir.resolve("c4j"));
        access = ChannelAccess.openDefault(c4j);
        cbl = CblSide.open(dir.resolve("cbl"), "client");
        C4jSide.save(c4j, "x1", Map.of("channels", "x"));
        C4jSide.save(c4j, "x2", Map.of("channels", List.of("x")));
        C4jSide.save(c4j, "y1", Map.of("channels", "y"));
        C4jSide.save(c4j, "xy", Map.of("channels", List.of("x", "y")));
        listener = new Listener(WebSocketListenerTransport.builder().disableTls().networkInterface("127.0.0.1").port(0)
                .upgradeAuthenticator(rq -> {
                    String ch = rq.header("X-Test-Channels");
                    return AuthDecision.accept(new Principal(rq.header("X-Test-User"), Set.of(),
                            ch == null ? Set.of() : Set.of(ch.split(","))));
                }).build(),
                ListenerConfig.of(c4j).withDatabaseName("db")
                        .withReplication(PassiveReplicator.Config.of(c4j).withAccess(access)));
        listener.start();
        url = listener.urls().get(0);
    }

    @AfterEach
    void close() throws Exception {
        listener.stop();
        access.close();
        cbl.close();
        c4j.close();
    }

    private ReplicatorConfiguration pull(String user, String channels) {
        return new ReplicatorConfiguration(cbl, new URLEndpoint(url)).setType(ReplicatorType.PULL)
                .setHeaders(Map.of("X-Test-User", user, "X-Test-Channels", channels));
    }

    private Set<String> cblIds() {
        Set<String> out = new HashSet<>();
        for (String id : List.of("x1", "x2", "y1", "xy")) {
            if (cbl.getDocument(id) != null) {
                out.add(id);
            }
        }
        return out;
    }

    @Test
    void aUserWithChannelXReceivesExactlyTheXDocuments() throws Exception {
        CblSide.Outcome o = CblSide.replicate(pull("a", "x"));
        assertNull(o.status().getError());
        assertEquals(Set.of("x1", "x2", "xy"), cblIds());
    }

    @Test
    void setChannelsNarrowsAStarUser() throws Exception {
        CblSide.Outcome o = CblSide.replicate(pull("b", "*").setChannels(List.of("y")));
        assertNull(o.status().getError());
        assertEquals(Set.of("y1", "xy"), cblIds());
    }

    @Test
    void losingTheChannelPurgesOnTheNextPull() throws Exception {
        CblSide.replicate(pull("a", "x"));
        assertEquals(Set.of("x1", "x2", "xy"), cblIds());
        Set<String> accessRemoved = java.util.concurrent.ConcurrentHashMap.newKeySet();
        CblSide.Outcome o = CblSide.replicate(pull("a", "y"), doc -> {
            if (doc.getFlags().contains(com.couchbase.lite.DocumentFlag.ACCESS_REMOVED)) {
                accessRemoved.add(doc.getID());
            }
        });
        assertNull(o.status().getError());
        assertEquals(Set.of("y1", "xy"), cblIds());
        assertEquals(Set.of("x1", "x2"), accessRemoved,
                "Couchbase Lite reports the purged documents as access removed");
    }

    @Test
    void withAutoPurgeOffTheDocumentsAreKept() throws Exception {
        CblSide.replicate(pull("a", "x").setAutoPurgeEnabled(false));
        CblSide.Outcome o = CblSide.replicate(pull("a", "y").setAutoPurgeEnabled(false));
        assertNull(o.status().getError());
        assertEquals(Set.of("x1", "x2", "y1", "xy"), cblIds());
    }

    @Test
    void aPushTheSyncFunctionRejectsIsADocumentErrorAndNothingIsStored() throws Exception {
        listener.stop();
        access.close();
        access = ChannelAccess.open(c4j, in -> in.body().toMap().containsKey("forbidden")
                ? SyncResult.reject("no forbidden documents") : SyncFunction.DEFAULT.sync(in), "reject-1",
                RoleChannels.NONE);
        listener = new Listener(WebSocketListenerTransport.builder().disableTls().networkInterface("127.0.0.1").port(0)
                .upgradeAuthenticator(rq -> AuthDecision.accept(new Principal("a", Set.of(), Set.of("x")))).build(),
                ListenerConfig.of(c4j).withDatabaseName("db")
                        .withReplication(PassiveReplicator.Config.of(c4j).withAccess(access)));
        listener.start();
        url = listener.urls().get(0);
        CblSide.save(cbl, "ok", Map.of("channels", "x"));
        CblSide.save(cbl, "bad", Map.of("forbidden", true));
        CblSide.Outcome o = CblSide.replicate(new ReplicatorConfiguration(cbl, new URLEndpoint(url))
                .setType(ReplicatorType.PUSH));
        assertNull(o.status().getError());
        // LiteCore offers a revision refused with 403 once more, so it may report the error twice
        assertEquals(List.of("bad"), o.documentErrors().stream().map(CblSide.DocError::docId).distinct().toList(),
                o.documentErrors()::toString);
        o.documentErrors().forEach(e -> assertEquals(10403, e.code(), e::toString));
        assertNull(c4j.defaultCollection().get("bad"), "nothing stored");
        assertEquals(Set.of("x"), access.documentChannels(org.c4j.CollectionSpec.DEFAULT, "ok"));
    }
}
