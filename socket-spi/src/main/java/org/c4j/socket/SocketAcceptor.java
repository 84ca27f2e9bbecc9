package org.c4j.socket;

/**
 * Receives incoming (server-side) sockets from a listener transport. The transport has already done the HTTP
 * upgrade, negotiated the subprotocol and authenticated the client; the core only sees a {@link C4Socket}.
 *
 * <p><b>Threading:</b> called from the transport's threads; must not block. Implementations are thread-safe.
 *
 * <p><b>Contract rule:</b> every accepted socket is either opened or closed by the acceptor; closing it unopened
 * refuses the client, whose socket then ends with {@code closed(error)} (checked by socket-testkit's conformance
 * suite).
 */
@FunctionalInterface
public interface SocketAcceptor {

    /**
     * A connection was accepted. The acceptor must eventually {@link C4Socket#open} it (or {@link C4Socket#close}
     * it to refuse).
     *
     * @param socket  the connected, unopened socket
     * @param request what the client asked for: path, database name, subprotocol, headers, authenticated user
     */
    void accept(C4Socket socket, IncomingRequest request);

    /**
     * Whether this acceptor serves the named database; a transport answers 404 for the others before upgrading.
     * Defaults to serving every name.
     */
    default boolean servesDatabase(String database) {
        return true;
    }
}
