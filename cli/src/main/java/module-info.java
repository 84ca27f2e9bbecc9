/**
 * The {@code c4} command: put/get/ls/rm documents, serve a database over ws, replicate with a peer. This is where
 * a transport (socket-javawebsocket) is wired into the replicator and listener. Parsing, help and usage errors are
 * picocli's: the command classes are opened to it (it reads and sets their annotated fields reflectively).
 */
module org.c4j.cli {
    requires org.c4j;
    requires org.c4j.replicator;
    requires org.c4j.ws;
    requires org.c4j.accounts;
    requires info.picocli;
    requires jdk.unsupported; // sun.misc.Signal: SIGINT/SIGTERM stop serve and sync cleanly, exit status 0

    exports org.c4j.cli;
    opens org.c4j.cli.internal.command to info.picocli;
}
