package org.c4j.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.c4j.Database;
import org.c4j.accounts.AccountStore;
import org.c4j.accounts.AccountsAuthenticator;
import org.c4j.accounts.OidcProviders;
import org.c4j.replicator.CredentialsProvider;
import org.c4j.replicator.Listener;
import org.c4j.replicator.ListenerConfig;
import org.c4j.replicator.Replicator;
import org.c4j.replicator.ReplicatorActivity;
import org.c4j.replicator.ReplicatorConfig;
import org.c4j.replicator.ReplicatorStatus;
import org.c4j.replicator.ReplicatorType;
import org.c4j.socket.OptionKeys;
import org.c4j.socket.OptionsDict;
import org.c4j.ws.WebSocketClientFactory;
import org.c4j.ws.WebSocketListenerTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * c4j against c4j over real ws with Sync Gateway-style accounts: a continuous replication whose ID token expires
 * gets a renewed one from its credentials provider after the server's 401 and goes on, both sides converging; a
 * provider with nothing fresh stops the replicator with the 401 after exactly one attempt. (The listener does not
 * close connections when a token expires — Sync Gateway checks only at connect — so the test breaks the connection
 * in a TCP relay between the two, as a network failure would; the replicator then reconnects.)
 */
class C4jCredentialsRenewalTest {
    private static final String ISSUER = "https://issuer.test";
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;
    private final CblAccountsTest.MovableClock clock = new CblAccountsTest.MovableClock();
    private Database server;
    private Database client;
    private AccountStore accounts;
    private RSAKey key;
    private Listener listener;
    private int port;

    @BeforeEach
    void start() throws Exception {
        server = Database.open(dir.resolve("server"));
        client = Database.open(dir.resolve("client"));
        accounts = AccountStore.open(dir.resolve("accounts"), clock, 10_000);
        key = new RSAKeyGenerator(2048).keyID("k").generate();
        accounts.setOidcProviders(OidcProviders.parse("{\"local_jwt\": {\"t\": {\"issuer\": \"" + ISSUER
                + "\", \"client_id\": \"app\", \"algorithms\": [\"RS256\"], \"register\": true, \"keys\": ["
                + key.toPublicJWK().toJSONString() + "]}}}", clock));
        startListener(0);
    }

    private void startListener(int onPort) {
        listener = new Listener(WebSocketListenerTransport.builder().disableTls().networkInterface("127.0.0.1")
                .port(onPort)
                .upgradeAuthenticator(AccountsAuthenticator.of(accounts)).build(),
                ListenerConfig.of(server).withDatabaseName("db"));
        listener.start();
        port = listener.port();
    }

    @AfterEach
    void stop() {
        listener.stop();
        accounts.close();
        client.close();
        server.close();
    }

    private String token() throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k").build(),
                new JWTClaimsSet.Builder().issuer(ISSUER).audience(List.of("app")).subject("sam")
                        .issueTime(Date.from(clock.now)).expirationTime(Date.from(clock.now.plusSeconds(600)))
                        .build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    @Test
    void anExpiredTokenIsRenewedAndTheContinuousReplicationConverges() throws Exception {
        List<CredentialsProvider.Reason> asked = new CopyOnWriteArrayList<>();
        String first = token();
        Relay relay = new Relay(port);
        Replicator r = new Replicator(ReplicatorConfig.builder(client, URI.create("ws://127.0.0.1:" + relay.port()
                + "/db"))
                .type(ReplicatorType.PUSH_AND_PULL).continuous(true).socketFactory(new WebSocketClientFactory())
                .credentialsProvider((reason, current) -> {
                    asked.add(reason);
                    try {
                        // a cached token until the server refuses it, then a fresh one
                        return reason == CredentialsProvider.Reason.UNAUTHORIZED ? CredentialsProvider.bearer(token())
                                : current == null ? CredentialsProvider.bearer(first) : null;
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }).build());
        r.start();
        try {
            await(() -> r.status().activity() == ReplicatorActivity.IDLE, "idle");
            C4jSide.fill(server, "before", 5);
            await(() -> client.defaultCollection().count() == 5, "first pull");

            clock.now = clock.now.plus(Duration.ofMinutes(30)); // the first token has expired
            relay.dropAll();
            C4jSide.fill(server, "server-during", 5);
            C4jSide.fill(client, "client-during", 5);
            await(() -> client.defaultCollection().count() == 15 && server.defaultCollection().count() == 15
                    && r.status().activity() == ReplicatorActivity.IDLE, "convergence after the renewal");
            assertTrue(asked.contains(CredentialsProvider.Reason.UNAUTHORIZED), asked::toString);
            assertEquals(1, asked.stream().filter(a -> a == CredentialsProvider.Reason.UNAUTHORIZED).count());
            assertEquals(2, r.connectionCount());
        } finally {
            r.stop();
            relay.close();
        }
    }

    /** A TCP relay to the listener whose connections the test can break abruptly (no close frame: 1006). */
    static final class Relay implements AutoCloseable {
        private final java.net.ServerSocket server;
        private final List<java.net.Socket> open = new CopyOnWriteArrayList<>();

        Relay(int target) throws java.io.IOException {
            server = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
            Thread t = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        java.net.Socket a = server.accept();
                        java.net.Socket b = new java.net.Socket("127.0.0.1", target);
                        open.add(a);
                        open.add(b);
                        pump(a, b);
                        pump(b, a);
                    } catch (java.io.IOException e) {
                        return;
                    }
                }
            }, "relay-accept");
            t.setDaemon(true);
            t.start();
        }

        int port() {
            return server.getLocalPort();
        }

        private void pump(java.net.Socket from, java.net.Socket to) {
            Thread t = new Thread(() -> {
                byte[] buf = new byte[16 * 1024];
                try {
                    int n;
                    while ((n = from.getInputStream().read(buf)) > 0) {
                        to.getOutputStream().write(buf, 0, n);
                    }
                } catch (java.io.IOException e) {
                    // dropped
                } finally {
                    quietly(from);
                    quietly(to);
                }
            }, "relay-pump");
            t.setDaemon(true);
            t.start();
        }

        void dropAll() {
            for (java.net.Socket s : open) {
                try {
                    s.setSoLinger(true, 0); // RST, as a failing network would
                } catch (java.io.IOException e) {
                    // closing anyway
                }
                quietly(s);
            }
            open.clear();
        }

        private static void quietly(java.net.Socket s) {
            try {
                s.close();
            } catch (java.io.IOException e) {
                // closing anyway
            }
        }

        @Override
        public void close() throws java.io.IOException {
            server.close();
            dropAll();
        }
    }

    @Test
    void withNothingFreshTheReplicatorStopsWith401AfterOneAttempt() throws Exception {
        String stale = token();
        clock.now = clock.now.plus(Duration.ofHours(1));
        AtomicInteger attempts = new AtomicInteger();
        WebSocketClientFactory ws = new WebSocketClientFactory();
        Replicator r = new Replicator(ReplicatorConfig.builder(client, URI.create("ws://127.0.0.1:" + port + "/db"))
                .type(ReplicatorType.PUSH_AND_PULL).continuous(true)
                .options(OptionsDict.builder().putDict(OptionKeys.AUTH, CredentialsProvider.bearer(stale)).build())
                .socketFactory((address, options) -> {
                    attempts.incrementAndGet();
                    return ws.create(address, options);
                }).credentialsProvider((reason, current) -> null).build());
        java.util.concurrent.CompletableFuture<ReplicatorStatus> end = new java.util.concurrent.CompletableFuture<>();
        r.addChangeListener(s -> {
            if (s.activity() == ReplicatorActivity.STOPPED) {
                end.complete(s);
            }
        });
        r.start();
        ReplicatorStatus last = end.get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        assertNotNull(last.error());
        assertEquals(401, last.error().code());
        assertEquals(1, attempts.get());
        assertEquals(0, server.defaultCollection().count());
    }
}
