package org.c4j.replicator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.c4j.Database;
import org.c4j.socket.C4Exception;
import org.c4j.socket.ErrorCodes;
import org.c4j.socket.ErrorDomain;
import org.c4j.socket.OptionKeys;
import org.c4j.socket.OptionsDict;
import org.c4j.socket.SocketFactory;
import org.c4j.socket.testkit.ManualScheduler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Retry scheduling of the public replicator with an injected scheduler (no real waiting). */
public class ReplicatorRetryTest {
    private static final C4Exception REFUSED = new C4Exception(ErrorDomain.NETWORK,
            ErrorCodes.Network.CONNECTION_REFUSED, "refused");

    @TempDir
    Path dir;
    private Database db;
    private final ManualScheduler scheduler = new ManualScheduler();
    private final List<ReplicatorStatus> statuses = new CopyOnWriteArrayList<>();

    @BeforeEach
    void open() {
        db = Database.open(dir.resolve("db"));
    }

    @AfterEach
    void close() {
        db.close();
        scheduler.shutdownNow();
    }

    private Replicator replicator(SocketFactory factory, boolean continuous, OptionsDict options) {
        Replicator r = new Replicator(ReplicatorConfig.builder(db, URI.create("ws://peer:4984/db"))
                .socketFactory(factory).continuous(continuous).options(options).scheduler(scheduler).build());
        r.addChangeListener(statuses::add);
        return r;
    }

    private static void awaitActivity(Replicator r, ReplicatorActivity a) {
        ReplTestSupport.await(() -> r.status().activity() == a, a.name());
    }

    @Test
    void transientErrorsRetryWithDoublingDelaysUntilMaxRetries() {
        FailingSocketFactory factory = new FailingSocketFactory(0, REFUSED);
        Replicator r = replicator(factory, false, OptionsDict.builder().put(OptionKeys.MAX_RETRIES, 3L).build());
        r.start();
        for (int i = 0; i < 3; i++) {
            awaitActivity(r, ReplicatorActivity.OFFLINE);
            assertEquals(ErrorCodes.Network.CONNECTION_REFUSED, r.status().error().code());
            scheduler.runNext();
        }
        ReplicatorStatus end = ReplTestSupport.awaitStopped(r);
        assertEquals(ErrorCodes.Network.CONNECTION_REFUSED, end.error().code());
        assertEquals(List.of(2000L, 4000L, 8000L), scheduler.requestedDelaysMs());
        assertEquals(4, factory.created.get(), "the first attempt and three retries");
        ReplTestSupport.await(() -> !statuses.isEmpty()
                && statuses.get(statuses.size() - 1).activity() == ReplicatorActivity.STOPPED, "last status");
        assertTrue(statuses.stream().anyMatch(s -> s.activity() == ReplicatorActivity.OFFLINE));
    }

    @Test
    void delayIsCappedByMaxRetryInterval() {
        Replicator r = replicator(new FailingSocketFactory(0, REFUSED), false, OptionsDict.builder()
                .put(OptionKeys.MAX_RETRIES, 4L).put(OptionKeys.MAX_RETRY_INTERVAL, 5L).build());
        r.start();
        for (int i = 0; i < 4; i++) {
            awaitActivity(r, ReplicatorActivity.OFFLINE);
            scheduler.runNext();
        }
        ReplTestSupport.awaitStopped(r);
        assertEquals(List.of(2000L, 4000L, 5000L, 5000L), scheduler.requestedDelaysMs());
    }

    @Test
    void authenticationErrorsAreNotRetried() {
        FailingSocketFactory factory = new FailingSocketFactory(401,
                new C4Exception(ErrorDomain.WEBSOCKET, ErrorCodes.WebSocket.HTTP_UNAUTHORIZED, "Unauthorized"));
        Replicator r = replicator(factory, true, OptionsDict.EMPTY);
        r.start();
        ReplicatorStatus end = ReplTestSupport.awaitStopped(r);
        assertEquals(ErrorDomain.WEBSOCKET, end.error().domain());
        assertEquals(401, end.error().code());
        assertEquals(0, scheduler.pending());
        assertEquals(1, factory.created.get());
    }

    @Test
    void networkDependentErrorsRetryOnlyWhenContinuous() {
        C4Exception unreachable = new C4Exception(ErrorDomain.NETWORK, ErrorCodes.Network.HOST_UNREACHABLE, "x");
        Replicator oneShot = replicator(new FailingSocketFactory(0, unreachable), false, OptionsDict.EMPTY);
        oneShot.start();
        assertEquals(ErrorCodes.Network.HOST_UNREACHABLE, ReplTestSupport.awaitStopped(oneShot).error().code());
        assertEquals(0, scheduler.pending());

        Replicator continuous = replicator(new FailingSocketFactory(0, unreachable), true, OptionsDict.EMPTY);
        continuous.start();
        awaitActivity(continuous, ReplicatorActivity.OFFLINE);
        assertEquals(1, scheduler.pending());
        continuous.stop();
        assertEquals(ReplicatorActivity.STOPPED, continuous.status().activity());
        assertEquals(0, scheduler.pending(), "stop cancels the retry");
    }

    @Test
    void aBadUrlStopsAtOnce() {
        SocketFactory refusing = (uri, options) -> {
            throw new C4Exception(ErrorDomain.NETWORK, ErrorCodes.Network.INVALID_URL, "bad");
        };
        Replicator r = replicator(refusing, true, OptionsDict.EMPTY);
        r.start();
        assertEquals(ErrorCodes.Network.INVALID_URL, ReplTestSupport.awaitStopped(r).error().code());
    }
}
