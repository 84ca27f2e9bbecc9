/** ws/wss transports for c4j on Java-WebSocket. */
module org.c4j.ws {
    requires transitive org.c4j.socket;
    requires org.java_websocket;
    requires org.bouncycastle.pkix;
    requires org.bouncycastle.provider;
    requires org.slf4j;
}
