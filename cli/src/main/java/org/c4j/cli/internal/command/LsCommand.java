package org.c4j.cli.internal.command;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.c4j.Change;
import org.c4j.ChangesOptions;
import org.c4j.Collection;
import org.c4j.cli.internal.CommandIo;

import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Parameters;

/**
 * {@code ls DIR}: one line per live document, in ID order: its ID, a tab, its current revision ID.
 *
 * <p>Not thread-safe: picocli makes one per run.
 */
@Command(name = "ls", description = {"List the live documents, in ID order: ID, a tab, current revision ID."})
public final class LsCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DIR", description = "the database directory")
    Path dir;

    private final CommandIo io;

    public LsCommand(CommandIo io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        try (OpenDatabase open = OpenDatabase.open(dir, false)) {
            Collection c = open.database().defaultCollection();
            ChangesOptions live = ChangesOptions.DEFAULT.withIncludeDeleted(false);
            String after = null;
            List<Change> batch;
            do {
                batch = c.allDocuments(after, live);
                for (Change ch : batch) {
                    io.out().println(ch.docId() + "\t" + ch.revId());
                }
                after = batch.isEmpty() ? null : batch.get(batch.size() - 1).docId();
            } while (!batch.isEmpty());
        }
        return ExitCode.OK;
    }
}
