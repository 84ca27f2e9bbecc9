package org.c4j.interop.faults;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.c4j.Database;
import org.c4j.Document;
import org.c4j.replicator.Listener;
import org.c4j.replicator.ListenerConfig;
import org.c4j.replicator.RevisionTransfer;
import org.c4j.ws.WebSocketListenerTransport;

/**
 * The child JVM of {@link ListenerSigkillTest}: a c4j {@link Listener} on the ws transport (plain ws, 127.0.0.1)
 * serving the durable LMDB database in {@code args[0]} under the name {@code db}, on port {@code args[1]} (0 picks
 * one). It speaks line by line on stdout:
 * <ul>
 *   <li>{@code PORT <n>} once listening;</li>
 *   <li>{@code REV <dup> <docId> <revId>} for every {@code rev} message received, before it is inserted, where
 *       {@code dup} is 1 if the database already held that revision (the peer re-sent a body we had) else 0;</li>
 *   <li>{@code STOPPED} after a {@code STOP} line on stdin: the listener and the database were closed.</li>
 * </ul>
 * The parent kills it with SIGKILL at random points; nothing here prepares for that.
 */
public final class ListenerProcess {
    static final String DATABASE_NAME = "db";

    private ListenerProcess() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int port = Integer.parseInt(args[1]);
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
                StandardCharsets.UTF_8);
        Database db = Database.open(dir);
        ListenerConfig base = ListenerConfig.of(db).withDatabaseName(DATABASE_NAME);
        ListenerConfig config = base.withReplication(base.replication().withRevisionTransfers(t -> {
            if (!t.sent()) {
                out.println("REV " + (alreadyHas(db, t) ? 1 : 0) + " " + t.docId() + " " + t.revId());
            }
        }));
        WebSocketListenerTransport transport = WebSocketListenerTransport.builder().disableTls()
                .networkInterface("127.0.0.1").port(port).build();
        Listener listener = new Listener(transport, config);
        listener.start();
        out.println("PORT " + listener.port());
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null && !line.equals("STOP"); line = in.readLine()) {
            // only STOP (or the end of stdin) means anything
        }
        listener.stop();
        db.close();
        out.println("STOPPED");
        System.exit(0);
    }

    /** Called before the received revision is inserted: true if the database holds it already. */
    private static boolean alreadyHas(Database db, RevisionTransfer t) {
        Document doc = db.defaultCollection().get(t.docId());
        return doc != null && doc.revision(t.revId()) != null;
    }
}
