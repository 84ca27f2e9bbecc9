/**
 * Test kit for the socket SPI: an in-memory loopback {@link org.c4j.socket.C4Socket} pair with latency,
 * bounded buffers with back-pressure and injected faults, a loopback {@link org.c4j.socket.SocketFactory}, and a
 * {@link org.c4j.socket.SocketDelegate} that records and checks events, and the transport conformance suite
 * ({@link org.c4j.socket.testkit.TransportConformanceSuite}). See {@link org.c4j.socket.testkit}.
 */
module org.c4j.socket.testkit {
    requires transitive org.c4j.socket;
    requires org.slf4j;
    requires transitive net.jqwik.api;
    exports org.c4j.socket.testkit;
}
