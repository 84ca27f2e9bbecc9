package org.c4j.interop;

import com.couchbase.lite.CouchbaseLiteException;
import com.couchbase.lite.ReplicatorConfiguration;
import com.couchbase.lite.ReplicatorType;
import com.couchbase.lite.URLEndpoint;
import org.c4j.Database;
import org.c4j.replicator.Listener;
import org.c4j.replicator.ListenerConfig;
import org.c4j.socket.ErrorCodes;
import org.c4j.ws.IdentityStore;
import org.c4j.ws.Pkcs12IdentityStore;
import org.c4j.ws.TlsIdentities;
import org.c4j.ws.TlsIdentity;
import org.c4j.ws.WebSocketListenerTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.c4j.interop.Convergence.assertBlob;
import static org.c4j.interop.Convergence.assertConverged;
import static org.c4j.interop.Convergence.assertSameCount;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real Couchbase Lite 3.0.0 client against a c4j {@link Listener} over {@code wss:} with
 * {@code setPinnedServerCertificate} = the served certificate: the anonymous identity (also across a listener
 * restart), a created identity and an imported PKCS#12 identity; a wrong pin fails with a TLS error and transfers
 * nothing. (CE cannot present client certificates or accept self-signed-only: those are c4j-to-c4j tests in
 * socket-javawebsocket.)
 */
class CblClientToC4jListenerWssTest {
    private static final int DOCS = 1000;
    private static final String DB_NAME = "db";
    private static final char[] STORE_PASSWORD = "interop-store".toCharArray();

    @TempDir
    Path dir;

    private Database c4j;
    private com.couchbase.lite.Database cbl;
    private IdentityStore store;
    private Listener listener;
    private URI url;

    @BeforeEach
    void openDatabases() throws CouchbaseLiteException {
        c4j = Database.open(dir.resolve("c4j"));
        cbl = CblSide.open(dir.resolve("cbl"), "client");
        store = Pkcs12IdentityStore.open(dir.resolve("c4j"), STORE_PASSWORD);
    }

    @AfterEach
    void closeAll() throws CouchbaseLiteException {
        if (listener != null) {
            listener.stop();
        }
        cbl.close();
        c4j.close();
    }

    @Test
    void anonymousIdentityPushesAThousandDocuments() throws Exception {
        startListener(null);
        assertEquals(TlsIdentities.ANONYMOUS_LABEL, TlsIdentities.get(store, TlsIdentities.ANONYMOUS_LABEL).label());
        List<String> ids = CblSide.fill(cbl, "cbl", DOCS);
        replicateOk(ReplicatorType.PUSH, served());
        assertConverged(cbl, c4j, ids);
        assertEquals(DOCS, c4j.defaultCollection().count());
    }

    @Test
    void createdIdentityPullsAThousandDocuments() throws Exception {
        TlsIdentity created = TlsIdentities.create(store, "created", TlsIdentities.Usage.SERVER,
                TlsIdentities.KeyType.RSA_2048, org.c4j.ws.CertificateAttributes.builder("localhost")
                        .dnsName("localhost").ipAddress(java.net.InetAddress.getLoopbackAddress()).build(),
                TlsSide.YEAR);
        startListener(created);
        List<String> ids = C4jSide.fill(c4j, "c4j", DOCS);
        replicateOk(ReplicatorType.PULL, created.certificate());
        assertConverged(cbl, c4j, ids);
        assertEquals(DOCS, cbl.getCount());
    }

    @Test
    void importedPkcs12IdentityPushesAndPullsAThousandDocumentsEachWay() throws Exception {
        TlsIdentity elsewhere = TlsSide.server("elsewhere", TlsIdentities.KeyType.EC_P256, null);
        byte[] p12 = TlsIdentities.exportPkcs12(elsewhere, "p12-pw".toCharArray());
        TlsIdentity imported = TlsIdentities.importPkcs12(store, p12, "p12-pw".toCharArray(), "imported");
        startListener(imported);
        List<String> ids = new ArrayList<>(CblSide.fill(cbl, "cbl", DOCS));
        ids.addAll(C4jSide.fill(c4j, "c4j", DOCS));
        replicateOk(ReplicatorType.PUSH_AND_PULL, elsewhere.certificate());
        assertConverged(cbl, c4j, ids);
        assertEquals(2 * DOCS, cbl.getCount());
        assertSameCount(cbl, c4j);
    }

    @Test
    void blobsOfEverySizeAreByteExactBothWaysOverTls() throws Exception {
        startListener(null);
        Map<String, byte[]> fromCbl = TestDocs.blobContents(1);
        Map<String, byte[]> fromC4j = TestDocs.blobContents(2);
        CblSide.saveBlobs(cbl, "blobs-cbl", fromCbl);
        C4jSide.saveBlobs(c4j, "blobs-c4j", fromC4j);
        replicateOk(ReplicatorType.PUSH_AND_PULL, served());
        assertConverged(cbl, c4j, List.of("blobs-cbl", "blobs-c4j"));
        for (String property : TestDocs.BLOB_SIZES.keySet()) {
            assertBlob(cbl, c4j, "blobs-cbl", property, fromCbl.get(property));
            assertBlob(cbl, c4j, "blobs-c4j", property, fromC4j.get(property));
        }
    }

    @Test
    void aWrongPinnedCertificateFailsWithATlsErrorAndTransfersNothing() throws Exception {
        startListener(null);
        CblSide.fill(cbl, "cbl", 20);
        X509Certificate wrong = TlsSide.server("wrong", TlsIdentities.KeyType.EC_P256, null).certificate();
        CblSide.Outcome outcome = CblSide.replicate(config(ReplicatorType.PUSH_AND_PULL, wrong));
        assertNotNull(outcome.status().getError(), "a wrong pin must fail");
        // Couchbase Lite reports LiteCore's Network-domain codes as 5000 + code.
        assertEquals(5000 + ErrorCodes.Network.TLS_CERT_UNTRUSTED, outcome.status().getError().getCode(),
                outcome.status().getError()::toString);
        assertEquals(0, c4j.defaultCollection().count());
        assertEquals(0, listener.status().connectionCount());
    }

    @Test
    void afterARestartTheAnonymousCertificateIsTheSameAndAPinnedClientStillSyncs() throws Exception {
        startListener(null);
        X509Certificate pinned = served();
        List<String> first = CblSide.fill(cbl, "first", 10);
        replicateOk(ReplicatorType.PUSH, pinned);
        listener.stop();

        store = Pkcs12IdentityStore.open(dir.resolve("c4j"), STORE_PASSWORD); // as a new process would
        startListener(null);
        assertEquals(pinned, served());
        List<String> second = CblSide.fill(cbl, "second", 10);
        replicateOk(ReplicatorType.PUSH, pinned);
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        assertConverged(cbl, c4j, all);
    }

    // ---- helpers

    /** A wss listener serving {@code identity}, or the store's anonymous identity when null. */
    private void startListener(TlsIdentity identity) {
        WebSocketListenerTransport.Builder b = WebSocketListenerTransport.builder().networkInterface("127.0.0.1")
            .port(0).identityStore(store);
        if (identity != null) {
            b.tlsIdentity(identity);
        }
        listener = new Listener(b.build(), ListenerConfig.of(c4j).withDatabaseName(DB_NAME));
        listener.start();
        url = listener.urls().get(0);
        assertEquals("wss://127.0.0.1:" + listener.port() + "/" + DB_NAME, url.toString());
        assertTrue(!listener.serverCertificates().isEmpty());
    }

    private X509Certificate served() {
        return listener.serverCertificates().get(0);
    }

    private ReplicatorConfiguration config(ReplicatorType type, X509Certificate pinned) throws Exception {
        return new ReplicatorConfiguration(cbl, new URLEndpoint(url)).setType(type)
            .setPinnedServerCertificate(pinned.getEncoded());
    }

    private void replicateOk(ReplicatorType type, X509Certificate pinned) throws Exception {
        CblSide.Outcome outcome = CblSide.replicate(config(type, pinned));
        assertNull(outcome.status().getError(), () -> "CBL replication failed: " + outcome.status().getError());
        assertEquals(List.of(), outcome.documentErrors(), "CBL reported document errors");
    }
}
