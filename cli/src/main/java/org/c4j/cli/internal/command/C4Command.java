package org.c4j.cli.internal.command;

import java.util.concurrent.Callable;

import org.c4j.cli.internal.CommandIo;

import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code c4} itself: the list of commands (a new command is one class here, added to {@code subcommands}) and the
 * {@code -h}/{@code --help} option every command inherits. Without a command it prints its help on stderr and
 * exits with status 2.
 *
 * <p>Not thread-safe: picocli makes one per run.
 */
@Command(name = "c4", synopsisSubcommandLabel = "COMMAND",
        description = {"Look at a c4j database, serve it to replication peers (a Couchbase Lite app or another c4) "
                + "and replicate with one. DIR is a database directory; documents live in its default collection."},
        subcommands = {PutCommand.class, GetCommand.class, LsCommand.class, RmCommand.class, ServeCommand.class,
                SyncCommand.class, UserCommand.class, SessionCommand.class, IdentityCommand.class,
                HelpCommand.class},
        footer = {"", "Exit status: 0 success, 1 error (\"c4: <message>\" on stderr), 2 wrong command line.",
                "'c4 help COMMAND' or 'c4 COMMAND --help' shows a command's arguments and options."})
public final class C4Command implements Callable<Integer> {
    @Option(names = {"-h", "--help"}, usageHelp = true, scope = ScopeType.INHERIT,
            description = "Show this help and exit.")
    boolean help;

    @Spec
    CommandSpec spec;

    private final CommandIo io;

    public C4Command(CommandIo io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(io.err());
        return ExitCode.USAGE;
    }
}
