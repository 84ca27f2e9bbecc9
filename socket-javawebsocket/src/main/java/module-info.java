/**
 * ws transports for c4j on Java-WebSocket: a client {@link org.c4j.socket.SocketFactory}
 * ({@link org.c4j.ws.WebSocketClientFactory}) and a listener transport
 * ({@link org.c4j.ws.WebSocketListenerTransport}).
 */
module org.c4j.ws {
    requires transitive org.c4j.socket;
    requires org.java_websocket;
    requires org.slf4j;
    exports org.c4j.ws;
}
