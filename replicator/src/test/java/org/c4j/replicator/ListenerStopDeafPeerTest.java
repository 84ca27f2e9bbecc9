package org.c4j.replicator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.c4j.Body;
import org.c4j.Database;
import org.c4j.socket.C4Socket;
import org.c4j.socket.IncomingRequest;
import org.c4j.socket.ListenerTransport;
import org.c4j.socket.SocketAcceptor;
import org.c4j.socket.testkit.ForwardingSocket;
import org.c4j.socket.testkit.LoopbackConfig;
import org.c4j.socket.testkit.LoopbackSocketFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Listener#stop()} with a connection that never completes its close handshake (its close requests go
 * nowhere until the transport stops and drops it): stop() returns only once that connection's replication has ended
 * too, so the database can be closed right after. Before the fix it returned as soon as the transport stopped, with
 * the replication still ending.
 */
class ListenerStopDeafPeerTest {
    @TempDir
    Path dir;

    @Test
    void stopWaitsForAConnectionDroppedByTheTransport() {
        DeafTransport transport = new DeafTransport();
        try (Database remote = Database.open(dir.resolve("remote"));
             Database local = Database.open(dir.resolve("local"))) {
            Listener listener = new Listener(transport, ListenerConfig.of(remote).withDatabaseName("db"));
            listener.start();
            local.defaultCollection().save("d", null, Body.fromJson("{\"v\":1}"));
            Replicator r = new Replicator(ReplicatorConfig.builder(local, URI.create("ws://loopback:4984/db"))
                    .type(ReplicatorType.PUSH).continuous(true)
                    .socketFactory(new LoopbackSocketFactory(LoopbackConfig.defaults(), transport.acceptor))
                    .build());
            r.start();
            ReplTestSupport.await(() -> remote.defaultCollection().get("d") != null, "the push");
            assertEquals(1, listener.status().connectionCount());
            listener.stop();
            assertEquals(0, listener.status().connectionCount(), "stop() returned with a replication still ending");
            r.stop();
            ReplTestSupport.awaitStopped(r);
        }
    }

    /** Hands the listener sockets whose close requests are swallowed until {@link #stop()} closes them for real. */
    private static final class DeafTransport implements ListenerTransport {
        private final List<C4Socket> held = new CopyOnWriteArrayList<>();
        volatile SocketAcceptor acceptor;

        @Override
        public void start(SocketAcceptor listener) {
            acceptor = new SocketAcceptor() {
                @Override
                public boolean servesDatabase(String database) {
                    return listener.servesDatabase(database);
                }

                @Override
                public void accept(C4Socket socket, IncomingRequest request) {
                    held.add(socket);
                    listener.accept(new Deaf(socket), request);
                }
            };
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
            return held.size();
        }

        @Override
        public void stop() {
            held.forEach(C4Socket::close);
        }
    }

    /** A connection that never passes a close on to the peer. */
    private static final class Deaf extends ForwardingSocket {
        Deaf(C4Socket socket) {
            super(socket);
        }

        @Override
        public void requestClose(int code, String reason) {
            // never reaches the peer
        }

        @Override
        public void close() {
            // neither does this
        }
    }
}
