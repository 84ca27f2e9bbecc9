/** BLIP 3 messaging over the c4j socket SPI. */
module org.c4j.blip {
    requires transitive org.c4j.socket;
    requires org.slf4j;
}
