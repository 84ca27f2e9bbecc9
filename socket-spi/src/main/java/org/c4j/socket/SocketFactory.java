package org.c4j.socket;

import java.net.URI;

/**
 * Makes client {@link C4Socket}s: the plug-in point for transports (ws, wss, custom), after LiteCore's
 * {@code C4SocketFactory}.
 *
 * <p>The factory receives the <em>whole</em> options dictionary. Turning options into the wire is the
 * transport's job: {@code auth} becomes {@code Authorization: Basic ...} / {@code Bearer ...} or a
 * {@code SyncGatewaySession} cookie, {@code headers} and {@code cookies} become HTTP headers,
 * {@code WS-Protocols} becomes {@code Sec-WebSocket-Protocol}, {@code pinnedCert}/{@code rootCerts} govern TLS,
 * {@code heartbeat} sets the ping interval, and so on (keys in {@link OptionKeys}).
 *
 * <p><b>Threading:</b> implementations are thread-safe; {@link #create} must not block on the network (the
 * connection starts in {@link C4Socket#open}).
 *
 * <p><b>Contract rules</b> (checked by socket-testkit's conformance suite): a client to a served database opens
 * ({@code OPENS}), after exactly one HTTP response if the transport speaks HTTP
 * ({@code HTTP_RESPONSE_BEFORE_OPENED}); a refused connection ends with {@code closed(error)} and never
 * {@code opened} ({@code REFUSED_OPEN_FAILS}); the {@code headers} and {@code auth} options become request headers
 * ({@code HEADERS_SENT}, {@code AUTH_HEADERS_BUILT}).
 */
public interface SocketFactory {

    /**
     * Returns an unopened client socket for {@code address} (e.g. {@code ws://host:4984/db/_blipsync}).
     *
     * @throws C4Exception if the address or options are unusable (domain {@link ErrorDomain#NETWORK} code
     *                     {@link ErrorCodes.Network#INVALID_URL}, or {@link ErrorDomain#LITECORE}
     *                     {@link ErrorCodes.LiteCore#INVALID_PARAMETER})
     */
    C4Socket create(URI address, OptionsDict options);
}
