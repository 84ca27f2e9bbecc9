package org.c4j.cli.internal.command;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.c4j.Body;
import org.c4j.Collection;
import org.c4j.Document;
import org.c4j.cli.internal.CommandIo;

import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Parameters;

/**
 * {@code put DIR ID JSON}: saves JSON as a new revision on top of the current one (or as a new document); prints
 * the new revision ID.
 *
 * <p>Not thread-safe: picocli makes one per run.
 */
@Command(name = "put", description = {"Save JSON as the new current revision of document ID (creating the database "
        + "in DIR if needed); prints the new revision ID. An ID starting with '-' goes after '--'."})
public final class PutCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DIR", description = "the database directory")
    Path dir;

    @Parameters(index = "1", paramLabel = "ID", description = "the document's ID")
    String id;

    @Parameters(index = "2", paramLabel = "JSON", description = "the new body: a JSON object")
    String json;

    private final CommandIo io;

    public PutCommand(CommandIo io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        Body body = Body.fromJson(json);
        try (OpenDatabase open = OpenDatabase.open(dir, true)) {
            Collection c = open.database().defaultCollection();
            Document current = c.get(id);
            Document saved = c.save(id, current == null ? null : current.revId(), body);
            io.out().println(saved.revId());
        }
        return ExitCode.OK;
    }
}
