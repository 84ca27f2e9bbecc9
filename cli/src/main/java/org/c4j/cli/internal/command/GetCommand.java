package org.c4j.cli.internal.command;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.c4j.cli.internal.CommandIo;

import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Parameters;

/**
 * {@code get DIR ID}: prints the live document's JSON body.
 *
 * <p>Not thread-safe: picocli makes one per run.
 */
@Command(name = "get", description = {"Print the document's JSON body (an error if it is missing or deleted)."})
public final class GetCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DIR", description = "the database directory")
    Path dir;

    @Parameters(index = "1", paramLabel = "ID", description = "the document's ID")
    String id;

    private final CommandIo io;

    public GetCommand(CommandIo io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        try (OpenDatabase open = OpenDatabase.open(dir, false)) {
            io.out().println(open.liveDocument(id).body().toJson());
        }
        return ExitCode.OK;
    }
}
