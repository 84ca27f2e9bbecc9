package org.c4j.ws;

/**
 * Checks the user name and password of an HTTP Basic {@code Authorization} header for a
 * {@link WebSocketListenerTransport}. A request without credentials, with malformed ones, or with ones this
 * returns {@code false} for gets {@code 401 Unauthorized} with {@code WWW-Authenticate: Basic realm="Couchbase
 * Lite"} and never reaches the {@link org.c4j.socket.SocketAcceptor}.
 *
 * <p><b>Threading:</b> called on the listener's connection threads, possibly concurrently; must be thread-safe.
 * It may block briefly (e.g. to hash a password) but holds up only the connection being authenticated.
 */
@FunctionalInterface
public interface PasswordAuthenticator {

    /** True if {@code username}/{@code password} are valid credentials. Neither is ever {@code null}. */
    boolean authenticate(String username, String password);
}
