package org.c4j.cli.internal;

import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

import org.c4j.cli.internal.command.C4Command;

import picocli.CommandLine;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * Builds the picocli command tree for one run: {@link C4Command} and its subcommands, made by
 * {@link CommandFactory}, printing to the run's streams, failures reported by {@link Failures}, and the same help
 * layout for every command (so a new subcommand only has to be listed in {@link C4Command}).
 *
 * <p>Stateless; thread-safe. Each call returns a new, unshared command line.
 */
public final class Commands {
    private Commands() {
    }

    public static CommandLine commandLine(CommandIo io) {
        CommandLine c4 = new CommandLine(C4Command.class, new CommandFactory(io));
        // "@name" is an ordinary argument (a document ID, say), never "read more arguments from file name".
        c4.setExpandAtFiles(false);
        c4.setOut(writer(io.out()));
        c4.setErr(writer(io.err()));
        Failures failures = new Failures(io.err());
        c4.setParameterExceptionHandler(failures);
        c4.setExecutionExceptionHandler(failures);
        layout(c4, new HashSet<>());
        return c4;
    }

    private static void layout(CommandLine command, Set<CommandLine> done) {
        if (!done.add(command)) {
            return; // the same subcommand under an alias
        }
        UsageMessageSpec usage = command.getCommandSpec().usageMessage();
        usage.synopsisHeading("usage: ")
                .descriptionHeading("%n")
                .parameterListHeading("%nArguments:%n")
                .optionListHeading("%nOptions:%n")
                .commandListHeading("%nCommands:%n")
                .sortOptions(false)
                .sortSynopsis(false);
        for (CommandLine sub : command.getSubcommands().values()) {
            layout(sub, done);
        }
    }

    private static PrintWriter writer(PrintStream stream) {
        return new PrintWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), true);
    }
}
