/** Test kit for the socket SPI: in-memory loopback socket pairs with latency, back-pressure and faults. */
module org.c4j.socket.testkit {
    requires transitive org.c4j.socket;
}
