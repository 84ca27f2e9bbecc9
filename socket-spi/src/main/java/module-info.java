/** The c4j socket SPI: the contract between protocol engines and transports. */
module org.c4j.socket {
    requires msgpack.core;
    requires org.slf4j;
    exports org.c4j.socket;
}
