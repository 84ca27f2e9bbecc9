package org.c4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;
import org.c4j.ws.CertificateAttributes;
import org.c4j.ws.TlsIdentities;
import org.c4j.ws.TlsIdentity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve} over wss, {@code sync}'s trust options and client identities, {@code identity}, in-process. */
class TlsCliTest {
    private static final Pattern LISTENING = Pattern.compile("listening (wss://127\\.0\\.0\\.1:(\\d+)/(\\S+))\n");

    @TempDir
    Path tmp;

    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void shutdown() {
        threads.shutdownNow();
    }

    private Running running(String... args) {
        return new Running(threads, LISTENING, args);
    }

    private String path(String name) {
        return tmp.resolve(name).toString();
    }

    private static void ok(CliRunner.Result r) {
        assertEquals(Cli.OK, r.status(), () -> "stdout: " + r.out() + "\nstderr: " + r.err());
    }

    @Test
    void servesWssWithItsAnonymousIdentityAcrossRestartsAndClientsPinOrAcceptSelfSigned() throws Exception {
        Running serve = running("serve", path("server"), "--port", "0", "--host", "127.0.0.1", "--db", "shared",
                "--cert-out", path("server.pem"));
        String url = serve.url();
        String firstCert = Files.readString(tmp.resolve("server.pem"));
        assertTrue(firstCert.startsWith("-----BEGIN CERTIFICATE-----"), firstCert);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                tmp.resolve("server").resolve("tls-identities.p12"))));

        ok(CliRunner.run("put", path("a"), "doc1", "{\"n\":1}"));
        CliRunner.Result push = CliRunner.run("sync", path("a"), url, "--push", "--pinned-cert", path("server.pem"));
        ok(push);
        assertEquals("pushed 1, pulled 0, errors 0\n", push.out());
        CliRunner.Result untrusted = CliRunner.run("sync", path("b"), url, "--pull");
        assertEquals(Cli.ERROR, untrusted.status(), untrusted::err);
        assertTrue(untrusted.err().contains("NETWORK 11"), untrusted.err()); // unknown root
        assertEquals(Cli.OK, serve.stopAndWait(), serve.err());

        Running again = running("serve", path("server"), "--port", "0", "--host", "127.0.0.1", "--db", "shared",
                "--cert-out", path("server2.pem"));
        String url2 = again.url();
        assertEquals(firstCert, Files.readString(tmp.resolve("server2.pem")));
        CliRunner.Result pull = CliRunner.run("sync", path("b"), url2, "--pull", "--self-signed-only");
        ok(pull);
        assertEquals("pushed 0, pulled 1, errors 0\n", pull.out());
        assertEquals(Cli.OK, again.stopAndWait());
    }

    @Test
    void clientCertificatesFromAFileOrTheStoreAgainstRoots() throws Exception {
        Instant year = Instant.now().plus(Duration.ofDays(365));
        TlsIdentity ca = TlsIdentities.generate("ca", TlsIdentities.Usage.CA, TlsIdentities.KeyType.EC_P256,
                CertificateAttributes.builder("cli test CA").build(), year, null);
        TlsIdentity client = TlsIdentities.generate("client", TlsIdentities.Usage.CLIENT,
                TlsIdentities.KeyType.EC_P256, CertificateAttributes.builder("alice").build(), year, ca);
        Files.writeString(tmp.resolve("ca.pem"), ca.certificatePem());
        Files.write(tmp.resolve("client.p12"), TlsIdentities.exportPkcs12(client, "pw".toCharArray()));

        Running serve = running("serve", path("server"), "--port", "0", "--host", "127.0.0.1", "--identity", "srv",
                "--client-cert-roots", path("ca.pem"), "--cert-out", path("srv.pem"));
        String url = serve.url();
        ok(CliRunner.run("put", path("a"), "doc", "{}"));
        ok(CliRunner.run("sync", path("a"), url, "--push", "--ca-cert", path("srv.pem"), "--client-identity",
                path("client.p12"), "--identity-password", "pw"));
        CliRunner.Result none = CliRunner.run("sync", path("a"), url, "--push", "--pinned-cert", path("srv.pem"));
        assertEquals(Cli.ERROR, none.status(), none::err);
        assertTrue(none.err().contains("NETWORK 9"), none.err()); // client certificate required

        ok(CliRunner.run("identity", "import", path("a"), path("client.p12"), "mine", "--password", "pw"));
        ok(CliRunner.run("sync", path("a"), url, "--push", "--pinned-cert", path("srv.pem"), "--client-identity",
                "mine"));
        CliRunner.Result ls = CliRunner.run("identity", "ls", path("server"));
        ok(ls);
        assertTrue(ls.out().startsWith("srv\tCN=srv\texpires "), ls.out());
        assertEquals(Cli.OK, serve.stopAndWait());
    }

    @Test
    void identityCommandsCreateListExportRemoveAndRefuseBadInput() throws Exception {
        String dir = path("ids");
        ok(CliRunner.run("identity", "create", dir, "web", "--cn", "web.example", "--org", "Acme", "--country",
                "DE", "--dns", "web.example,alt.example", "--ip", "10.0.0.1", "--days", "30"));
        ok(CliRunner.run("identity", "create", dir, "laptop", "--client", "--rsa"));
        CliRunner.Result ls = CliRunner.run("identity", "ls", dir);
        ok(ls);
        String[] lines = ls.out().split("\n");
        assertEquals(2, lines.length, ls.out());
        assertTrue(lines[0].startsWith("laptop\tCN=laptop\t") && lines[0].endsWith("\tRSA"), lines[0]);
        assertTrue(lines[1].startsWith("web\tCN=web.example,O=Acme,C=DE\t") && lines[1].endsWith("\tEC"), lines[1]);

        CliRunner.Result pem = CliRunner.run("identity", "export", dir, "web");
        ok(pem);
        ok(CliRunner.run("identity", "export", dir, "web", "--out", path("web.der"), "--der"));
        assertEquals(TlsIdentities.readCertificates(pem.out().getBytes(StandardCharsets.US_ASCII)),
                TlsIdentities.readCertificates(Files.readAllBytes(tmp.resolve("web.der"))));

        byte[] store = Files.readAllBytes(tmp.resolve("ids").resolve("tls-identities.p12"));
        assertEquals(Cli.ERROR, CliRunner.run("identity", "create", dir, "web").status());
        Files.writeString(tmp.resolve("junk.p12"), "junk");
        assertEquals(Cli.ERROR, CliRunner.run("identity", "import", dir, path("junk.p12"), "j", "--password", "x")
                .status());
        assertEquals(Cli.ERROR, CliRunner.run("identity", "rm", dir, "missing").status());
        assertEquals(Cli.ERROR, CliRunner.run("identity", "export", dir, "missing").status());
        assertEquals(Cli.USAGE, CliRunner.run("identity", "create", dir, "x", "--ip", "host.example").status());
        assertEquals(Cli.USAGE, CliRunner.run("identity", "frobnicate", dir).status());
        assertEquals(Cli.USAGE, CliRunner.run("serve", dir, "--port", "0", "--no-tls", "--identity", "web")
                .status());
        assertEquals(Cli.USAGE, CliRunner.run("sync", dir, "ws://127.0.0.1:1/db", "--self-signed-only").status());
        assertEquals(Cli.USAGE, CliRunner.run("sync", dir, "wss://127.0.0.1:1/db", "--self-signed-only",
                "--pinned-cert", path("web.der")).status());
        assertTrue(java.util.Arrays.equals(store, Files.readAllBytes(tmp.resolve("ids").resolve(
                "tls-identities.p12"))));

        ok(CliRunner.run("identity", "rm", dir, "laptop"));
        CliRunner.Result after = CliRunner.run("identity", "ls", dir);
        assertFalse(after.out().contains("laptop"), after.out());
    }
}
