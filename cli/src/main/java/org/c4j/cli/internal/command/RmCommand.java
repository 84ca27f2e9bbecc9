package org.c4j.cli.internal.command;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.c4j.Document;
import org.c4j.cli.internal.CommandIo;

import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Parameters;

/**
 * {@code rm DIR ID}: deletes the live document (a tombstone revision, which replicates); prints the tombstone's
 * revision ID.
 *
 * <p>Not thread-safe: picocli makes one per run.
 */
@Command(name = "rm", description = {"Delete the document (a tombstone, which replicates); prints its revision ID."})
public final class RmCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DIR", description = "the database directory")
    Path dir;

    @Parameters(index = "1", paramLabel = "ID", description = "the document's ID")
    String id;

    private final CommandIo io;

    public RmCommand(CommandIo io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        try (OpenDatabase open = OpenDatabase.open(dir, false)) {
            Document doc = open.liveDocument(id);
            io.out().println(open.database().defaultCollection().delete(id, doc.revId()).revId());
        }
        return ExitCode.OK;
    }
}
