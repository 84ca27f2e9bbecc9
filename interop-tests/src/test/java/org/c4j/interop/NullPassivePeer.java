package org.c4j.interop;

import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import org.c4j.blip.BlipConfig;
import org.c4j.blip.BlipConnection;
import org.c4j.blip.OutgoingMessage;
import org.c4j.socket.C4Socket;
import org.c4j.socket.IncomingRequest;
import org.c4j.socket.ListenerTransport;
import org.c4j.socket.SocketAcceptor;
import org.c4j.ws.WebSocketListenerTransport;

/**
 * A benchmark's ceiling, not a replicator: a passive peer that stores nothing and answers at once — every proposed
 * revision accepted, every {@code rev} acknowledged on arrival, checkpoints not found / taken — so a pushing client's
 * throughput against it is what the client can do when its peer costs nothing (and waits for nothing). Counts the
 * revisions it got. Thread-safe.
 */
final class NullPassivePeer implements AutoCloseable {
    private final ListenerTransport transport;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "null-peer");
        t.setDaemon(true);
        return t;
    });
    final AtomicLong revs = new AtomicLong();

    NullPassivePeer() {
        transport = WebSocketListenerTransport.builder().disableTls().networkInterface("127.0.0.1").port(0).build();
        transport.start(new SocketAcceptor() {
            @Override
            public void accept(C4Socket socket, IncomingRequest request) {
                serve(socket);
            }
        });
    }

    URI url() {
        return URI.create("ws://127.0.0.1:" + transport.port() + "/db");
    }

    private void serve(C4Socket socket) {
        BlipConnection c = BlipConnection.create(socket, BlipConfig.builder().executor(executor).name("null").build());
        c.setRequestHandler("getCheckpoint", rq -> rq.respondWithError("HTTP", 404, "missing"));
        c.setRequestHandler("setCheckpoint", rq -> rq.respond(OutgoingMessage.builder().property("rev", "1-cc").build()));
        c.setRequestHandler("proposeChanges", rq -> rq.respond(OutgoingMessage.builder().compressed(true)
            .property("maxHistory", "20").property("blobs", "true").body("[]").build()));
        c.setRequestHandler("changes", rq -> rq.respond(OutgoingMessage.builder().compressed(true)
            .property("maxHistory", "20").property("blobs", "true").body("[]").build()));
        c.setRequestHandler("rev", rq -> {
            revs.incrementAndGet();
            rq.respond(OutgoingMessage.builder().build());
        });
        c.start();
    }

    @Override
    public void close() {
        transport.stop();
        executor.shutdown();
    }
}
