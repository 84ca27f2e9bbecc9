package org.c4j.socket;

/**
 * Decides who a client is from what a listener transport saw of its upgrade request: the one place where a transport
 * asks "who is this?". The transport calls {@link #authenticate} exactly once per upgrade request, after checking
 * the method and before checking the path's database (so unauthenticated clients cannot probe which databases
 * exist), and either lets the client in with the returned {@link Principal} or answers with the refusal's status and
 * headers without involving the listener core.
 *
 * <p>Implementations may look at any header (Basic credentials, session cookies, Bearer tokens), the TLS client
 * certificate chain (already verified by the transport's trust rules) and the remote address. They must not keep the
 * request, and never log secrets from it.
 *
 * <p><b>Threading:</b> called concurrently from the transport's threads, so implementations are thread-safe. A call
 * may take as long as one slow password hash (tens of milliseconds) but must not wait on the network for long.
 * A thrown exception is treated by the transport as a refusal with status 500 and logged without the request.
 *
 * <p><b>Contract rule:</b> asked exactly once per upgrade, before the database is checked; a refusal never reaches
 * the acceptor, and the client gets the refusal's status and headers and then {@code closed(error)}.
 */
@FunctionalInterface
public interface UpgradeAuthenticator {

    /** The authenticator of a listener open to everyone: every request is let in as {@link Principal#ANONYMOUS}. */
    UpgradeAuthenticator OPEN = request -> AuthDecision.accept(Principal.ANONYMOUS);

    /**
     * @param request what the transport saw
     * @return {@link AuthDecision.Accepted} with the principal, or {@link AuthDecision.Refused} with the response
     */
    AuthDecision authenticate(AuthRequest request);
}
