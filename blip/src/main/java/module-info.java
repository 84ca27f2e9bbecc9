/** BLIP 3 messaging over the c4j socket SPI. Only the API package is exported; internals stay private. */
module org.c4j.blip {
    requires transitive org.c4j.socket;
    requires org.slf4j;

    exports org.c4j.blip;
}
