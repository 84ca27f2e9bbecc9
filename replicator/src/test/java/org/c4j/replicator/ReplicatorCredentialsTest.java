package org.c4j.replicator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CopyOnWriteArraySet;
import org.c4j.socket.C4Exception;
import org.c4j.socket.C4Socket;
import org.c4j.socket.ErrorDomain;
import org.c4j.socket.OptionKeys;
import org.c4j.socket.OptionsDict;
import org.c4j.socket.SocketFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A credentials provider renews refused credentials; without fresh ones the replicator stops with the 401. */
class ReplicatorCredentialsTest {
    @TempDir
    Path dir;

    /** Lets a connection through only with an accepted bearer token; otherwise answers 401. Records every token. */
    static final class TokenCheckingFactory implements SocketFactory {
        final SocketFactory delegate;
        final Set<String> accepted = new CopyOnWriteArraySet<>();
        final List<String> seen = new CopyOnWriteArrayList<>();

        TokenCheckingFactory(SocketFactory delegate) {
            this.delegate = delegate;
        }

        @Override
        public C4Socket create(URI address, OptionsDict options) {
            OptionsDict auth = options.getDict(OptionKeys.AUTH);
            String token = auth == null ? null : auth.getString(OptionKeys.AUTH_TOKEN);
            seen.add(String.valueOf(token));
            if (token != null && accepted.contains(token)) {
                return delegate.create(address, options);
            }
            return new FailingSocketFactory(401, new C4Exception(ErrorDomain.WEBSOCKET, 401, "Unauthorized"))
                    .create(address, options);
        }
    }

    record Ask(CredentialsProvider.Reason reason, String current) { }

    private static String token(OptionsDict auth) {
        return auth == null ? null : auth.getString(OptionKeys.AUTH_TOKEN);
    }

    @Test
    void renewsARefusedTokenDuringContinuousReplicationAndConverges() {
        try (ReplPeers peers = new ReplPeers(dir)) {
            List<Ask> asks = new CopyOnWriteArrayList<>();
            ReplicatorConfig.Builder b = peers.config(ReplicatorType.PUSH_AND_PULL).continuous(true);
            TokenCheckingFactory factory = new TokenCheckingFactory(peers.lastFactory);
            factory.accepted.add("t1");
            ReplicatorConfig config = b.socketFactory(factory).credentialsProvider((reason, current) -> {
                asks.add(new Ask(reason, token(current)));
                if (reason == CredentialsProvider.Reason.UNAUTHORIZED) {
                    factory.accepted.add("t2");
                    return CredentialsProvider.bearer("t2");
                }
                return current == null ? CredentialsProvider.bearer("t1") : null;
            }).build();
            Replicator r = peers.replicator(config);
            r.start();
            ReplTestSupport.await(() -> r.status().activity() == ReplicatorActivity.IDLE, "idle");
            ReplPeers.put(peers.remote, "before", "{\"n\":1}");
            ReplTestSupport.await(() -> peers.local.defaultCollection().get("before") != null, "pulled");

            // t1 expires at the server; the connection breaks; changes are made on both sides meanwhile
            factory.accepted.remove("t1");
            peers.lastFactory.lastPair().disconnect();
            ReplPeers.put(peers.remote, "during-remote", "{\"n\":2}");
            ReplPeers.put(peers.local, "during-local", "{\"n\":3}");
            ReplTestSupport.await(() -> factory.seen.contains("t2") && r.status().activity() == ReplicatorActivity.IDLE
                    && peers.local.defaultCollection().get("during-remote") != null
                    && peers.remote.defaultCollection().get("during-local") != null, "converged with t2");
            assertEquals(ReplPeers.snapshot(peers.local), ReplPeers.snapshot(peers.remote));
            assertEquals(List.of("t1", "t1", "t2"), factory.seen, "one refused attempt, then the renewed token");
            assertEquals(List.of(new Ask(CredentialsProvider.Reason.CONNECTING, null),
                    new Ask(CredentialsProvider.Reason.CONNECTING, "t1"),
                    new Ask(CredentialsProvider.Reason.UNAUTHORIZED, "t1"),
                    new Ask(CredentialsProvider.Reason.CONNECTING, "t2")), asks);
            assertEquals(2, r.connectionCount());
        }
    }

    @Test
    void withoutFreshCredentialsItStopsWith401AfterExactlyOneAttempt() {
        try (ReplPeers peers = new ReplPeers(dir)) {
            TokenCheckingFactory factory = new TokenCheckingFactory(peers.transport.factory(peers.loopback));
            List<CredentialsProvider.Reason> asks = new CopyOnWriteArrayList<>();
            ReplicatorConfig config = peers.config(ReplicatorType.PUSH_AND_PULL).continuous(true)
                    .options(OptionsDict.builder().putDict(OptionKeys.AUTH, CredentialsProvider.bearer("stale"))
                            .build())
                    .socketFactory(factory).credentialsProvider((reason, current) -> {
                        asks.add(reason);
                        return null;
                    }).build();
            ReplicatorStatus end = peers.runOnce(config);
            assertNotNull(end.error());
            assertEquals(401, end.error().code());
            assertEquals(List.of("stale"), factory.seen, "exactly one attempt");
            assertEquals(List.of(CredentialsProvider.Reason.CONNECTING, CredentialsProvider.Reason.UNAUTHORIZED), asks);
        }
    }

    @Test
    void aProviderThatKeepsGivingRefusedCredentialsIsCutOff() {
        try (ReplPeers peers = new ReplPeers(dir)) {
            TokenCheckingFactory factory = new TokenCheckingFactory(peers.transport.factory(peers.loopback));
            ReplicatorConfig config = peers.config(ReplicatorType.PUSH).socketFactory(factory)
                    .credentialsProvider((reason, current) -> CredentialsProvider.bearer("never-good")).build();
            ReplicatorStatus end = peers.runOnce(config);
            assertEquals(401, end.error().code());
            assertEquals(1 + 3, factory.seen.size(), "first attempt plus MAX_AUTH_RENEWALS renewals");
            assertTrue(factory.seen.stream().allMatch("never-good"::equals));
        }
    }
}
