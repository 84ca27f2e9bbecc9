package org.c4j.ws;

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
import org.c4j.ws.internal.WsWire;
import org.c4j.ws.internal.client.ClientOptions;
import org.c4j.ws.internal.client.ClientSocket;
import org.c4j.ws.internal.tls.TlsClientOptions;

/**
 * {@link SocketFactory} for {@code ws:} and {@code wss:} URLs over Java-WebSocket. Sockets are message-framed
 * ({@link Framing#MESSAGES}): each write is one binary WebSocket message, each received message one buffer.
 *
 * <p>From the options dictionary the transport builds the upgrade request: {@code Sec-WebSocket-Protocol} from
 * {@code WS-Protocols} (default {@code BLIP_3+CBMobile_3}); {@code Authorization: Basic} (preemptive, or
 * after a 401 challenge with {@code auth.challengeAuth}), {@code Cookie: SyncGatewaySession=<token>}
 * ({@code Session}) or {@code Authorization: Bearer <token>} ({@code OpenID Connect}) from {@code auth}; extra
 * {@code headers}; {@code cookies} (merged into one {@code Cookie} header). TCP_NODELAY is on. Pings go out after
 * {@code heartbeat} seconds of silence (default 300) and a peer silent 20 s after a ping is dropped.
 * {@code networkInterface} (name or local IP address) picks the local address.
 *
 * <p>Events: {@code gotHttpResponse} (any status, including a final 401 with its {@code WWW-Authenticate}),
 * then {@code opened}, {@code received}, {@code completedWrite} (payload bytes, reported once the frame is
 * really written to the socket), {@code closeRequested}, and {@code closed} exactly once: {@code null} after a
 * close with code 1000; else {@link ErrorDomain#WEBSOCKET} with the close code or HTTP status, or
 * {@link ErrorDomain#NETWORK} (refused, unknown host, reset, timeout, ...). Receiving pauses while more than
 * 64 KiB of received messages await {@code completedReceive}.
 *
 * <p>{@code wss:} runs a TLS 1.2/1.3 handshake first (within 15 s in total). The server is trusted, from the
 * options' LiteCore keys: exactly the {@code pinnedCert} (no host name check); else, with
 * {@code onlySelfSignedServer}, any self-signed certificate and only those; else PKIX to {@code rootCerts}; else
 * the JDK's trust store — the last two with the host name checked against the certificate's SANs. With
 * {@code auth} of type {@code Client Cert} the client presents {@code clientCert} (PEM/DER chain) with the key
 * {@code clientCertKey} (PEM/PKCS#8). The accepted chain is reported with {@code gotPeerCertificates} before
 * the HTTP response. TLS failures close the socket with LiteCore's Network-domain TLS codes (unknown root,
 * untrusted, expired, name mismatch, handshake failed, client certificate required / rejected by the peer),
 * none of them transient.
 *
 * <p><b>Threading:</b> thread-safe; {@link #create} does not touch the network.
 */
public final class WebSocketClientFactory implements SocketFactory {
    private final WsExecutors executors;

    /** A factory on the process-wide {@link WsExecutors#shared()} threads. */
    public WebSocketClientFactory() {
        this(WsExecutors.shared());
    }

    public WebSocketClientFactory(WsExecutors executors) {
        this.executors = Objects.requireNonNull(executors, "executors");
    }

    /**
     * @throws C4Exception {@link ErrorDomain#NETWORK} {@link ErrorCodes.Network#INVALID_URL} for a URL that is not
     *                     {@code ws://host...} or {@code wss://host...}; {@link ErrorDomain#LITECORE}
     *                     {@link ErrorCodes.LiteCore#INVALID_PARAMETER} (or {@code CORRUPT_DATA} for
     *                     certificates that do not parse) for unusable options, e.g. a client certificate with
     *                     {@code ws:}
     */
    @Override
    public C4Socket create(URI address, OptionsDict options) {
        Objects.requireNonNull(address, "address");
        String scheme = address.getScheme() == null ? "" : address.getScheme().toLowerCase(Locale.ROOT);
        boolean secure = scheme.equals(WsWire.SCHEME_WSS);
        if (!secure && !scheme.equals(WsWire.SCHEME_WS)) {
            throw new C4Exception(ErrorDomain.NETWORK, ErrorCodes.Network.INVALID_URL,
                    "unsupported URL scheme '" + scheme + "' (this transport speaks ws and wss)");
        }
        if (address.getHost() == null || address.getHost().isEmpty()) {
            throw new C4Exception(ErrorDomain.NETWORK, ErrorCodes.Network.INVALID_URL, "URL has no host: " + address);
        }
        OptionsDict opts = options == null ? OptionsDict.EMPTY : options;
        if (!secure && TlsClientOptions.wantsClientCert(opts)) {
            throw new C4Exception(ErrorDomain.LITECORE, ErrorCodes.LiteCore.INVALID_PARAMETER,
                    "client certificate authentication needs a wss: URL");
        }
        return new ClientSocket(address, ClientOptions.parse(opts), secure ? TlsClientOptions.parse(opts) : null,
                executors);
    }
}
