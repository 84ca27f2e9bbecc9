/**
 * The {@code c4} command: put/get/ls/rm documents, serve a database over ws, replicate with a peer. This is where
 * a transport (socket-javawebsocket) is wired into c4-api.
 */
module org.c4j.cli {
    requires org.c4j;
    requires org.c4j.ws;
    requires org.slf4j;

    exports org.c4j.cli;
}
