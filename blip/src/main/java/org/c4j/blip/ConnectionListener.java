package org.c4j.blip;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import org.c4j.socket.C4Exception;

/**
 * Life-cycle events of a {@link BlipConnection}, called on the connection's executor in order; must not block.
 */
public interface ConnectionListener {

    /** The transport's HTTP response to the WebSocket upgrade (client sockets), e.g. a 401 with its challenge. */
    default void onHttpResponse(int status, Map<String, List<String>> headers) {
    }

    /**
     * The TLS certificate chain the server presented (client sockets over TLS; leaf first), before
     * {@link #onHttpResponse} and {@link #onOpen}. See {@link org.c4j.socket.SocketDelegate#gotPeerCertificates}.
     */
    default void onPeerCertificates(List<X509Certificate> chain) {
    }

    /** The connection is open; messages flow. */
    default void onOpen() {
    }

    /**
     * The connection is closed; delivered exactly once and last.
     *
     * @param errorOrNull null after a normal close, otherwise why it closed: the transport's error, or the
     *                    {@link org.c4j.socket.ErrorDomain#BLIP BLIP} protocol error that made us close it
     */
    default void onClose(C4Exception errorOrNull) {
    }
}
