package org.c4j.examples.tcp;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import org.c4j.socket.C4Exception;
import org.c4j.socket.C4Socket;
import org.c4j.socket.ErrorCodes;
import org.c4j.socket.ErrorDomain;
import org.c4j.socket.Framing;
import org.c4j.socket.OptionsDict;
import org.c4j.socket.SocketFactory;

/**
 * An example custom transport: client sockets over plain TCP that do the WebSocket HTTP upgrade themselves and
 * then carry bytes ({@link Framing#BYTE_STREAM_CLIENT}), leaving WebSocket framing to the BLIP engine — the way
 * Couchbase Lite's own platform sockets work with LiteCore's client framing. No WebSocket library is involved;
 * the bytes on the wire are still standard WebSocket, so it talks to any ws listener (ours, Sync Gateway, a
 * Couchbase Lite listener) and {@link TcpListenerTransport} talks to any ws client.
 *
 * <p>From the options it builds the upgrade request's headers ({@code headers}, {@code cookies},
 * {@code WS-Protocols}, and {@code auth}: Basic, Session, OpenID Connect bearer). Passes the socket-testkit
 * conformance suite ({@code TcpConformanceTest}).
 *
 * <p><b>Threading:</b> thread-safe; {@link #create} does not touch the network.
 */
public final class TcpSocketFactory implements SocketFactory {

    /**
     * @throws C4Exception {@link ErrorDomain#NETWORK} {@link ErrorCodes.Network#INVALID_URL} for anything but
     *                     {@code ws://host...}; {@link ErrorDomain#LITECORE}
     *                     {@link ErrorCodes.LiteCore#INVALID_PARAMETER} for unusable options
     */
    @Override
    public C4Socket create(URI address, OptionsDict options) {
        Objects.requireNonNull(address, "address");
        String scheme = address.getScheme() == null ? "" : address.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("ws") || address.getHost() == null) {
            throw new C4Exception(ErrorDomain.NETWORK, ErrorCodes.Network.INVALID_URL,
                    "the TCP transport takes ws://host[:port]/path URLs, not " + address);
        }
        return TcpStream.client(address, UpgradeHead.clientHeaders(options == null ? OptionsDict.EMPTY : options));
    }
}
