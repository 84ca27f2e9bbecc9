package org.c4j.socket.testkit.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import org.c4j.socket.C4Socket;
import org.c4j.socket.IncomingRequest;
import org.c4j.socket.SocketAcceptor;

/**
 * The conformance suite's acceptor: each connection it makes uses its own database name, and the accepted socket
 * goes to the handler registered for that name. Unregistered names are not served (a listener answers 404).
 * Thread-safe.
 */
public final class Router implements SocketAcceptor {
    private final Map<String, BiConsumer<C4Socket, IncomingRequest>> routes = new ConcurrentHashMap<>();

    public void register(String database, BiConsumer<C4Socket, IncomingRequest> handler) {
        routes.put(database, handler);
    }

    public void unregister(String database) {
        routes.remove(database);
    }

    @Override
    public boolean servesDatabase(String database) {
        return routes.containsKey(database);
    }

    @Override
    public void accept(C4Socket socket, IncomingRequest request) {
        BiConsumer<C4Socket, IncomingRequest> handler = routes.get(request.database());
        if (handler == null) {
            socket.close();
        } else {
            handler.accept(socket, request);
        }
    }
}
