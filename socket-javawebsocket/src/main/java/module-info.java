/**
 * ws and wss transports for c4j on Java-WebSocket: a client {@link org.c4j.socket.SocketFactory}
 * ({@link org.c4j.ws.WebSocketClientFactory}), a listener transport
 * ({@link org.c4j.ws.WebSocketListenerTransport}), and TLS identities ({@link org.c4j.ws.TlsIdentities},
 * {@link org.c4j.ws.IdentityStore}) built with Bouncy Castle.
 */
module org.c4j.ws {
    requires transitive org.c4j.socket;
    requires org.java_websocket;
    requires org.slf4j;
    requires org.bouncycastle.pkix;
    requires org.bouncycastle.provider;
    exports org.c4j.ws;
}
