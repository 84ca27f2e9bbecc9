package org.c4j.interop;

import com.couchbase.lite.CouchbaseLiteException;
import org.c4j.Database;
import org.c4j.replicator.ReplicatorActivity;
import org.c4j.replicator.ReplicatorConfig;
import org.c4j.replicator.ReplicatorType;
import org.c4j.interop.LiteCorePassivePeer.SessionEnd;
import org.c4j.socket.C4Exception;
import org.c4j.socket.ErrorCodes;
import org.c4j.socket.ErrorDomain;
import org.c4j.socket.OptionKeys;
import org.c4j.socket.OptionsDict;
import org.c4j.ws.TlsIdentities;
import org.c4j.ws.TlsIdentity;
import org.c4j.ws.WebSocketClientFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.c4j.interop.Convergence.assertConverged;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A c4j {@link org.c4j.replicator.Replicator} over {@code wss:} against a real LiteCore 3.0 passive replicator behind
 * a JSSE TLS server ({@link LiteCorePassivePeer} with an SSL context): trust by pinned certificate and by root
 * certificate (host name checked); a wrong pin fails with LiteCore's TLS code, is not retried and transfers
 * nothing. The replicator exposes the server's chain.
 */
class C4jReplicatorToLiteCoreWssTest {
    private static final int DOCS = 1000;
    private static final Duration SESSION_END_WAIT = Duration.ofSeconds(30);
    private static final TlsIdentity CA = TlsSide.ca("interop CA");
    private static final TlsIdentity SERVER = TlsSide.server("litecore", TlsIdentities.KeyType.EC_P256, CA);

    @TempDir
    Path dir;

    private Database c4j;
    private com.couchbase.lite.Database cbl;
    private LiteCorePassivePeer peer;

    @BeforeEach
    void open() throws Exception {
        c4j = Database.open(dir.resolve("c4j"));
        cbl = CblSide.open(dir.resolve("cbl"), "server");
        peer = LiteCorePassivePeer.start(cbl, LiteCorePassivePeer.Config.DEFAULT, TlsSide.serverContext(SERVER));
        assertTrue(peer.url().toString().startsWith("wss://127.0.0.1:"), peer.url()::toString);
    }

    @AfterEach
    void closeAll() throws Exception {
        peer.close();
        cbl.close();
        c4j.close();
    }

    @Test
    void pinnedCertificatePushesAndPullsAThousandDocumentsEachWay() throws Exception {
        List<String> ids = new ArrayList<>(CblSide.fill(cbl, "cbl", DOCS));
        ids.addAll(C4jSide.fill(c4j, "c4j", DOCS));
        OptionsDict pin = OptionsDict.builder().put(OptionKeys.PINNED_CERT, SERVER.certificateDer()).build();
        replicateOk(config(ReplicatorType.PUSH_AND_PULL, pin));
        assertConverged(cbl, c4j, ids);
        assertEquals(2 * DOCS, c4j.defaultCollection().count());
        assertEquals(2 * DOCS, cbl.getCount());
    }

    @Test
    void rootCertificateTrustWithTheHostNameChecked() throws Exception {
        List<String> ids = CblSide.fill(cbl, "cbl", 100);
        OptionsDict roots = OptionsDict.builder().put(OptionKeys.ROOT_CERTS, CA.certificatePem()).build();
        org.c4j.replicator.Replicator replicator = new org.c4j.replicator.Replicator(
                config(ReplicatorType.PULL, roots).build());
        java.util.concurrent.CompletableFuture<org.c4j.replicator.ReplicatorStatus> stopped =
                new java.util.concurrent.CompletableFuture<>();
        replicator.addChangeListener(st -> {
            if (st.activity() == ReplicatorActivity.STOPPED) {
                stopped.complete(st);
            }
        });
        assertEquals(List.of(), replicator.serverCertificates());
        replicator.start();
        org.c4j.replicator.ReplicatorStatus end = stopped.get(120, java.util.concurrent.TimeUnit.SECONDS);
        assertNull(end.error(), () -> "c4j replication failed: " + end.error());
        assertConverged(cbl, c4j, ids);
        assertEquals(SERVER.certificateChain(), replicator.serverCertificates());
    }

    @Test
    void aWrongPinFailsWithTheTlsCodeWithoutRetryAndTransfersNothing() throws Exception {
        CblSide.fill(cbl, "cbl", 20);
        C4jSide.fill(c4j, "c4j", 20);
        TlsIdentity other = TlsSide.server("other", TlsIdentities.KeyType.EC_P256, null);
        OptionsDict pin = OptionsDict.builder().put(OptionKeys.PINNED_CERT, other.certificateDer()).build();
        C4jSide.Outcome outcome = C4jSide.replicate(config(ReplicatorType.PUSH_AND_PULL, pin).build());
        C4Exception error = outcome.status().error();
        assertNotNull(error, "a wrong pin must fail");
        assertEquals(ErrorDomain.NETWORK, error.domain(), error::toString);
        assertEquals(ErrorCodes.Network.TLS_CERT_UNTRUSTED, error.code(), error::toString);
        assertEquals(0, outcome.connections());
        assertFalse(outcome.statuses().stream().anyMatch(s -> s.activity() == ReplicatorActivity.OFFLINE),
                "a TLS failure is not retried");
        assertEquals(20, cbl.getCount());
        assertEquals(20, c4j.defaultCollection().count());
    }

    private ReplicatorConfig.Builder config(ReplicatorType type, OptionsDict options) {
        return ReplicatorConfig.builder(c4j, peer.url()).type(type).options(options)
                .socketFactory(new WebSocketClientFactory());
    }

    private C4jSide.Outcome replicateOk(ReplicatorConfig.Builder config) throws Exception {
        C4jSide.Outcome outcome = C4jSide.replicate(config.build());
        assertNull(outcome.status().error(), () -> "c4j replication failed: " + outcome.status().error());
        assertEquals(List.of(), outcome.documentErrors(), "c4j reported document errors");
        assertEquals(1, outcome.connections());
        List<SessionEnd> sessions = peer.awaitSessionsEnded(SESSION_END_WAIT);
        for (SessionEnd s : sessions) {
            assertTrue(s.clean(), () -> "a LiteCore session ended with an error: " + sessions);
        }
        return outcome;
    }
}
