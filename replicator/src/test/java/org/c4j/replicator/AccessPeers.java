package org.c4j.replicator;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

import org.c4j.Database;
import org.c4j.socket.C4Socket;
import org.c4j.socket.IncomingRequest;
import org.c4j.socket.ListenerTransport;
import org.c4j.socket.Principal;
import org.c4j.socket.SocketAcceptor;
import org.c4j.socket.testkit.LoopbackConfig;
import org.c4j.socket.testkit.LoopbackSocketFactory;

/**
 * A c4j listener with {@link ChannelAccess} over a {@code server} database, and client databases that replicate with
 * it as chosen principals (the transport's part, done here by stamping each loopback connection with a principal).
 */
final class AccessPeers implements AutoCloseable {
    final Path dir;
    final Database server;
    ChannelAccess access;
    final Transport transport = new Transport();
    final Listener listener;
    final FastScheduler scheduler = new FastScheduler();
    private final Map<String, Database> clients = new TreeMap<>();
    final List<LoopbackSocketFactory> factories = new ArrayList<>();

    AccessPeers(Path dir, SyncFunction function, String version, RoleChannels roles,
                UnaryOperator<PassiveReplicator.Config> config) {
        this.dir = dir;
        server = Database.open(dir.resolve("server"));
        access = ChannelAccess.open(server, function, version, roles);
        listener = new Listener(transport, ListenerConfig.of(server).withDatabaseName("db")
                .withReplication(config.apply(PassiveReplicator.Config.of(server).withAccess(access))));
        listener.start();
    }

    AccessPeers(Path dir) {
        this(dir, SyncFunction.DEFAULT, "default", RoleChannels.NONE, UnaryOperator.identity());
    }

    /** The client database named {@code name} (opened on first use). */
    Database client(String name) {
        return clients.computeIfAbsent(name, n -> Database.open(dir.resolve("client-" + n)));
    }

    ReplicatorConfig.Builder config(Database client, Principal principal, ReplicatorType type) {
        LoopbackSocketFactory f = transport.factory(principal);
        factories.add(f);
        return ReplicatorConfig.builder(client, URI.create("ws://loopback:4984/db")).type(type).socketFactory(f)
                .scheduler(scheduler);
    }

    /** Runs one replication to its end; returns the replicator (stopped). */
    Replicator run(ReplicatorConfig config, List<DocumentReplication> events) {
        Replicator r = new Replicator(config);
        if (events != null) {
            r.addDocumentListener(e -> {
                synchronized (events) {
                    events.add(e);
                }
            });
        }
        ReplTestSupport.startAndAwaitStopNotified(r, false);
        return r;
    }

    ReplicatorStatus pull(Database client, Principal p) {
        Replicator r = run(config(client, p, ReplicatorType.PULL).build(), null);
        return r.status();
    }

    /** docID -> body of the client's live documents. */
    static Map<String, String> live(Database db) {
        Map<String, String> out = new TreeMap<>();
        ReplPeers.snapshot(db).forEach((k, v) -> {
            if (!v.contains(" deleted")) {
                out.put(k, v.substring(v.indexOf(' ') + 1));
            }
        });
        return out;
    }

    @Override
    public void close() {
        listener.stop();
        scheduler.shutdownNow();
        access.close();
        clients.values().forEach(Database::close);
        server.close();
    }

    /** A loopback listener transport whose connections act as a principal chosen per client factory. */
    static final class Transport implements ListenerTransport {
        private volatile SocketAcceptor acceptor;

        @Override
        public void start(SocketAcceptor a) {
            acceptor = a;
        }

        LoopbackSocketFactory factory(Principal principal) {
            SocketAcceptor a = acceptor;
            return new LoopbackSocketFactory(LoopbackConfig.defaults(), new SocketAcceptor() {
                @Override
                public boolean servesDatabase(String database) {
                    return a.servesDatabase(database);
                }

                @Override
                public void accept(C4Socket socket, IncomingRequest rq) {
                    a.accept(socket, new IncomingRequest(rq.path(), rq.database(), rq.subprotocol(), rq.headers(),
                            rq.remote(), principal));
                }
            });
        }

        @Override
        public int port() {
            return 4984;
        }

        @Override
        public List<URI> urls() {
            return List.of(URI.create("ws://loopback:4984/"));
        }

        @Override
        public int connectionCount() {
            return 0;
        }

        @Override
        public void stop() {
            acceptor = null;
        }
    }
}
