package org.c4j.cli.internal;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.c4j.Body;
import org.c4j.Change;
import org.c4j.ChangesOptions;
import org.c4j.Collection;
import org.c4j.Database;
import org.c4j.Document;

/**
 * {@code put}, {@code get}, {@code ls} and {@code rm}: enough to look at (and poke) a database's default
 * collection. Each opens the database in DIR, does its work and closes it.
 *
 * <p>Stateless; thread-safe. Output goes to the given stream.
 */
public final class DocCommands {
    public static final CommandLine.Spec PUT = new CommandLine.Spec("put DIR ID JSON",
            List.of("DIR", "ID", "JSON"), Set.of(), Set.of());
    public static final CommandLine.Spec GET = new CommandLine.Spec("get DIR ID",
            List.of("DIR", "ID"), Set.of(), Set.of());
    public static final CommandLine.Spec LS = new CommandLine.Spec("ls DIR",
            List.of("DIR"), Set.of(), Set.of());
    public static final CommandLine.Spec RM = new CommandLine.Spec("rm DIR ID",
            List.of("DIR", "ID"), Set.of(), Set.of());

    private DocCommands() {
    }

    /** Saves JSON as a new revision on top of the current one (or a new document); prints the new revision ID. */
    public static void put(CommandLine cl, PrintStream out) {
        Body body = Body.fromJson(cl.positional("JSON"));
        String id = cl.positional("ID");
        try (OpenDatabase open = open(cl, true)) {
            Collection c = open.database().defaultCollection();
            Document current = c.get(id);
            Document saved = c.save(id, current == null ? null : current.revId(), body);
            out.println(saved.revId());
        }
    }

    /** Prints the live document's JSON body. */
    public static void get(CommandLine cl, PrintStream out) {
        String id = cl.positional("ID");
        try (OpenDatabase open = open(cl, false)) {
            out.println(live(open.database(), id).body().toJson());
        }
    }

    /** Prints one line per live document, in ID order: its ID, a tab, its current revision ID. */
    public static void ls(CommandLine cl, PrintStream out) {
        try (OpenDatabase open = open(cl, false)) {
            Collection c = open.database().defaultCollection();
            ChangesOptions live = ChangesOptions.DEFAULT.withIncludeDeleted(false);
            String after = null;
            List<Change> batch;
            do {
                batch = c.allDocuments(after, live);
                for (Change ch : batch) {
                    out.println(ch.docId() + "\t" + ch.revId());
                }
                after = batch.isEmpty() ? null : batch.get(batch.size() - 1).docId();
            } while (!batch.isEmpty());
        }
    }

    /** Deletes the live document (a tombstone revision, which replicates); prints the tombstone's revision ID. */
    public static void rm(CommandLine cl, PrintStream out) {
        String id = cl.positional("ID");
        try (OpenDatabase open = open(cl, false)) {
            Database db = open.database();
            Document doc = live(db, id);
            out.println(db.defaultCollection().delete(id, doc.revId()).revId());
        }
    }

    private static Document live(Database db, String id) {
        Document doc = db.defaultCollection().get(id);
        if (doc == null || doc.isDeleted()) {
            throw new CommandException("not found: " + id);
        }
        return doc;
    }

    /** Opens the database in DIR; only {@code put} (and {@code serve}, {@code sync}) create one. */
    static OpenDatabase open(CommandLine cl, boolean create) {
        return OpenDatabase.open(Path.of(cl.positional("DIR")), create);
    }
}
