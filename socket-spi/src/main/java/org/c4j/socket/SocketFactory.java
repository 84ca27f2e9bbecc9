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
